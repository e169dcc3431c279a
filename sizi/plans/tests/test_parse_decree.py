"""The decree importer on the seed decree: every area, komponen, indikator as printed."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from sizi.plans.importing import ParsedPlan, parse_decree
from sizi.plans.target_time import Kind
from sizi.plans.tests.decree_files import (
    SEED,
    build_docx,
    build_xlsx,
)


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def parsed_seed(seed_text: str) -> ParsedPlan:
    return parse_decree(seed_text.encode("utf-8"), "keputusan-42-2025.txt")


def _indicator(plan: ParsedPlan, numeral: str, component: str, index: int) -> Any:
    area = next(a for a in plan.areas if a.numeral == numeral)
    comp = next(c for c in area.components if c.number == component)
    return comp.indicators[index]


def _without_locations(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_locations(v) for k, v in value.items() if k != "location"}
    if isinstance(value, list):
        return [_without_locations(v) for v in value]
    return value


# --------------------------------------------------------------------------- the seed


def test_seed_reads_without_errors_or_warnings(parsed_seed: ParsedPlan) -> None:
    assert parsed_seed.errors == []
    assert parsed_seed.warnings == []
    assert parsed_seed.source_format == "text"
    assert parsed_seed.summary() == {
        "areas": 6,
        "components": 23,
        "indicators": 70,
        "steps": 74,
        "evidence": 70,
        "targets_flagged": 0,
        "targets_retroactive": 28,
        "warnings": 0,
        "errors": 0,
    }


def test_seed_decree_fields(parsed_seed: ParsedPlan) -> None:
    decree = parsed_seed.decree
    assert decree.number == "42"
    assert decree.year == 2025
    assert decree.plan_year == 2025
    assert decree.title == (
        "RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS MENUJU WILAYAH BEBAS DARI KORUPSI DAN "
        "WILAYAH BIROKRASI BERSIH DAN MELAYANI DI LINGKUNGAN KOMISI PEMILIHAN UMUM "
        "KABUPATEN TANJUNG JABUNG BARAT TAHUN 2025"
    )
    assert decree.place == "Kuala Tungkal"
    assert decree.signed_on == date(2025, 10, 27)
    assert decree.signatory == "MUHAMMAD RUM"
    assert (
        decree.signatory_title
        == "KETUA KOMISI PEMILIHAN UMUM KABUPATEN TANJUNG JABUNG BARAT"
    )
    assert len(decree.legal_basis) == 15
    assert decree.legal_basis[0].startswith("Undang-Undang Nomor 28 Tahun 1999 tentang")
    assert decree.legal_basis[1] == (
        "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik (Lembaran "
        "Negara Republik Indonesia Tahun 2008 Nomor 61, Tambahan Lembaran Negara Republik "
        "Indonesia Nomor 4846)"
    )
    assert decree.legal_basis[8] == (
        "Peraturan Presiden Nomor 81 Tahun 2010 tentang Grand Design Reformasi Birokrasi 2010-2025"
    )
    assert decree.legal_basis[14].startswith(
        "Peraturan Komisi Pemilihan Umum Nomor 14 Tahun 2020"
    )
    assert decree.legal_basis[14].endswith(
        "(Berita Negara Republik Indonesia Tahun 2023 Nomor 826)"
    )


# numeral, LKE code, title as printed, [(number, komponen, indicators, steps, evidence)]
SEED_AREAS = [
    ("I", "MP", "Pembangunan unit kerja untuk memperoleh predikat menuju WBK/WBBM KPU", [
        ("1", "Tim Kerja", 1, 1, 1),
        ("2", "Dokumen Rencana Aksi", 1, 1, 1),
        ("3", "Pemantauan dan Evaluasi Pembangunan WBK/WBBM", 1, 1, 1),
        ("4", "Perubahan Pola Pikir dan Budaya Kerja", 2, 2, 2),
    ]),
    ("II", "PT", "PENATAAN TATA LAKSANA", [
        ("1", "Prosedur Operasional Tetap (SOP)", 1, 3, 1),
        ("2", "E-Office Pemanfaatan aplikasi presensi", 3, 3, 3),
        ("3", "Keterbukaan Informasi Publik", 2, 3, 2),
    ]),
    ("III", "SDM", "PENATAAN SISTEM MANAJEMEN SDM", [
        ("1", "Perencanaan Kebutuhan Pegawai Sesuai dengan Kebutuhan", 3, 3, 3),
        ("2", "Pola Mutasi Internal", 3, 4, 3),
        ("3", "Pengembangan Pegawai Berbasis Kompetensi", 6, 6, 6),
        ("4", "Penetapan Kinerja Individu", 4, 4, 4),
        ("5", "Penegakan Aturan Disiplin/Kode Etik/Kode Perilaku Pegawai", 1, 1, 1),
        ("6", "Sistem Informasi Kepegawaian", 1, 1, 1),
    ]),
    ("IV", "AK", "PENGUATAN AKUNTABILITAS", [
        ("1", "Keterlibatan Pimpinan", 3, 3, 3),
        ("2", "Pengelolaan Akuntabilitas Kinerja", 7, 7, 7),
    ]),
    ("V", "PW", "PENGUATAN PENGAWASAN", [
        ("1", "Pengendalian Gratifikasi", 2, 2, 2),
        ("2", "Penerapan SPIP", 4, 4, 4),
        ("3", "Pengaduan Masyarakat", 4, 4, 4),
        ("4", "Whistleblowing System", 4, 4, 4),
        ("5", "Penanganan Benturan Kepentingan", 5, 5, 5),
    ]),
    ("VI", "PP", "PENINGKATAN KUALITAS PELAYANAN PUBLIK", [
        ("1", "Standar Pelayanan", 4, 4, 4),
        ("2", "Budaya Pelayanan Prima", 5, 5, 5),
        ("3", "Penilaian Kepuasan Pelayanan", 3, 3, 3),
    ]),
]  # fmt: skip


def test_seed_areas_components_and_counts(parsed_seed: ParsedPlan) -> None:
    read = [
        (
            a.numeral,
            a.lke_area,
            a.title,
            [
                (
                    c.number,
                    c.name,
                    len(c.indicators),
                    sum(len(i.steps) for i in c.indicators),
                    sum(len(i.evidence) for i in c.indicators),
                )
                for c in a.components
            ],
        )
        for a in parsed_seed.areas
    ]
    assert read == SEED_AREAS


def test_seed_every_target_as_printed(parsed_seed: ParsedPlan) -> None:
    targets = [i.target.raw for _, _, i in parsed_seed.iter_indicators()]
    assert targets[:5] == [
        "Oktober minggu ke-2 tahun 2025",
        "Oktober minggu ke-3 tahun 2025",
        "November, Desember",
        "Per-bulan",
        "November 2025",
    ]
    assert targets.count("Januari 2025") == 13
    assert targets.count("Januari-Desember 2025") == 7
    assert "Oktober -" not in targets  # joined across the page break
    assert targets.count("Oktober - Desember 2025") == 2
    assert all(not i.target.needs_review for _, _, i in parsed_seed.iter_indicators())


def test_seed_first_indicator_exactly(parsed_seed: ParsedPlan) -> None:
    first = _indicator(parsed_seed, "I", "1", 0)
    assert first.text == "Menerbitkan SK Tim Kerja/Kelompok Kerja"
    assert first.steps == [
        "Mengevaluasi anggota Komisioner serta Jajaran Sekretariat KPU Kabupaten Tanjung "
        "Jabung Barat yang sesuai untuk menjadi Tim Kerja /Kelompok Kerja ZI tahun 2025"
    ]
    assert first.evidence == [
        "SK Tim Kerja ZI tahun 2025 /Kelompok Kerja yang ditandatangani oleh Ketua KPU "
        "Kabupaten Tanjung Jabung Barat"
    ]
    assert first.target.kind == Kind.WEEK
    assert (first.target.start, first.target.end) == (
        date(2025, 10, 8),
        date(2025, 10, 14),
    )
    assert first.location == "baris 204"


def test_seed_html_remnants_removed(parsed_seed: ParsedPlan) -> None:
    rencana = _indicator(parsed_seed, "I", "2", 0)
    assert rencana.steps == [
        "Penyusunan dokumen rencana aksi pembangunan ZI, mensosialisasikan ke seluruh "
        "pegawai dan melalui website"
    ]
    assert rencana.evidence == [
        "Dokumen rencana aksi dipublikasikan melalui rapat dan website KPU Kabupaten "
        "Tanjung Jabung Barat"
    ]
    role_model = _indicator(parsed_seed, "I", "4", 0)
    assert role_model.text == (
        "Para Pimpinan berperan sebagai role model dalam pelaksanaan pembangunan WBK /WBBM."
    )
    assert role_model.evidence == ["Daftar hadir, E-Banner Budaya Kerja"]
    dumped = json.dumps(parsed_seed.to_dict(), ensure_ascii=False)
    assert "<i>" not in dumped and "</i>" not in dumped


def test_seed_numbered_steps_are_split(parsed_seed: ParsedPlan) -> None:
    sop = _indicator(parsed_seed, "II", "1", 0)
    assert sop.text == (
        "SOP telah mengacu pada proses bisnis instansi dan dipahami seluruh pegawai SOP "
        "telah dievaluasi"
    )
    assert sop.steps == [
        "Seluruh pegawai telah mengetahui SOP yang telah ditetapkan",
        "SOP tersedia di ruang pelayanan",
        "Melaksanakan evaluasi dokumen SOP",
    ]
    assert sop.evidence == ["E-Banner SOP Pelayanan"]
    assert sop.target.kind == Kind.DEADLINE and sop.target.end == date(2025, 11, 30)
    baperjakat = _indicator(parsed_seed, "III", "2", 2)
    assert baperjakat.steps == [
        "Melakukan monitoring dan evaluasi oleh Baperjakat",
        "Melakukan efektifitas penempatan pegawai",
    ]


def test_seed_e_office_component_kept_as_printed(parsed_seed: ParsedPlan) -> None:
    area = parsed_seed.areas[1]
    e_office = area.components[1]
    assert (e_office.number, e_office.name) == (
        "2",
        "E-Office Pemanfaatan aplikasi presensi",
    )
    assert [i.text for i in e_office.indicators] == [
        "Operasionalisasi manajemen SDM sudah menggunakan teknologi informasi",
        "Pemberian pelayanan kepada publik sudah menggunakan teknologi informasi",
        "Pemanfaatan teknologi informasi dalam pengukuran kinerja unit, operasionalisasi "
        "SDM, dan Pemanfaatan IT telah dilakukan secara berkala",
    ]
    assert e_office.indicators[1].evidence == [
        "Aplikasi JDIH, PPID, RPP KPU Kabupaten Tanjung Jabung Barat, website KPU Kabupaten "
        "Tanjung Jabung Barat, media sosial KPU Kabupaten Tanjung Jabung Barat."
    ]


def test_seed_rows_split_by_page_breaks_are_joined(parsed_seed: ParsedPlan) -> None:
    keterbukaan = _indicator(parsed_seed, "II", "3", 0)
    assert keterbukaan.steps == [
        "KPU Kabupaten Tanjung Jabung Barat menerapkan keterbukaan informasi publik",
        "KPU Kabupaten Tanjung Jabung Barat menyediakan informasi publik secara jelas, "
        "akurat, dan tepat waktu",
    ]
    assert keterbukaan.evidence == [
        "Dokumen-dokumen kepemiluan yang dapat diakses oleh publik melalui PPID maupun "
        "secara online melalui e-PPID"
    ]
    assert keterbukaan.target.raw == "Oktober 2025"

    rencana = _indicator(parsed_seed, "III", "3", 1)
    assert rencana.text == (
        "Penyusunan rencana pengembangan kompetensi pegawai sudah mempertimbangkan hasil "
        "pengelolaan kinerja pegawai"
    )
    assert rencana.target.raw == "Oktober 2025"

    coaching = _indicator(parsed_seed, "III", "3", 4)
    assert coaching.text == (
        "Pelaksanaan pengembangan kompetensi pegawai telah dilakukan melalui "
        "pengikutsertaan pada lembaga pelatihan, melalui coaching atau mentoring dll"
    )
    assert coaching.steps == [
        "Mengikutsertakan pegawai pada pelatihan dan pendidikan yang diselenggarakan oleh "
        "Setjen KPU, mengikut sertakan pegawai pada pelatihan internal, mengadakan Bimtek"
    ]
    assert coaching.target.raw == "Juli- Desember 2025"

    reward = _indicator(parsed_seed, "III", "4", 3)
    assert reward.text == (
        "Hasil penilaian kinerja individu telah dijadikan dasar untuk pemberian reward "
        "(pengembangan karir individu, penghargaan, dll)"
    )

    wbs = _indicator(parsed_seed, "V", "4", 0)
    assert wbs.text == "Whistleblowing System sudah diinternalisasikan dan diterapkan"
    assert wbs.steps == [
        "Mensosialisasikan pedoman pelaksanaan Whistle Blowing System, serta sosialisasi "
        "tata cara penyampaian WBS di KPU Kabupaten Tanjung Jabung Barat dengan cara "
        "berkoordinasi dengan Inspektorat"
    ]
    assert wbs.evidence == [
        "E-Banner Saluran Penyampaian WBS KPU Kabupaten Tanjung Jabung Barat"
    ]

    # the target itself was cut: "Oktober -" | "Desember 2025"
    follow_up = _indicator(parsed_seed, "V", "5", 4)
    assert follow_up.text == (
        "Hasil evaluasi atas penanganan benturan kepentingan telah ditindaklanjuti"
    )
    assert follow_up.steps == [
        "Menindaklanjuti hasil dan penanganan benturan kepentingan"
    ]
    assert follow_up.evidence == [
        "Laporan monitoring dan evaluasi penanganan benturan kepentingan"
    ]
    assert follow_up.target.raw == "Oktober - Desember 2025"
    assert (follow_up.target.start, follow_up.target.end) == (
        date(2025, 10, 1),
        date(2025, 12, 31),
    )


def test_seed_rows_after_page_break_with_their_own_target_stay_separate(
    parsed_seed: ParsedPlan,
) -> None:
    # "Monitoring dan evaluasi terhadap penempatan ASN ..." starts a page with a target
    planning = next(c for c in parsed_seed.areas[2].components if c.number == "1")
    assert planning.indicators[2].text == (
        "Monitoring dan evaluasi terhadap penempatan ASN untuk memenuhi kebutuhan jabatan "
        "dalam organisasi"
    )
    assert planning.indicators[2].location == "baris 232"
    last = _indicator(parsed_seed, "VI", "3", 2)
    assert last.text == "Dilakukan tindaklanjut atas hasil survei kepuasan masyarakat"
    assert last.target.raw == "November 2025"


def test_seed_recurrence_and_list_targets(parsed_seed: ParsedPlan) -> None:
    monitoring = _indicator(parsed_seed, "I", "3", 0)
    assert monitoring.target.kind == Kind.LIST
    assert len(monitoring.target.periods) == 2
    role_model = _indicator(parsed_seed, "I", "4", 0)
    assert role_model.target.recurrence == "monthly"
    assert len(role_model.target.periods) == 12


def test_seed_year_override_changes_yearless_targets(seed_text: str) -> None:
    plan = parse_decree(seed_text.encode(), "s.txt", year=2026)
    monitoring = _indicator(plan, "I", "3", 0)
    assert monitoring.target.start == date(2026, 11, 1)
    assert _indicator(plan, "I", "1", 0).target.start == date(2025, 10, 8)


def test_to_dict_is_json(parsed_seed: ParsedPlan) -> None:
    data = parsed_seed.to_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data["summary"]["indicators"] == 70
    assert data["areas"][0]["lke_area_label"] == "Manajemen Perubahan"
    first = data["areas"][0]["components"][0]["indicators"][0]
    assert first["target"]["start"] == "2025-10-08"


# --------------------------------------------------------------------------- other formats


@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("per-page.docx", {"table_per_page": True}),
        ("one-table-with-tags.docx", {"table_per_page": False, "strip_tags": False}),
    ],
)
def test_docx_of_the_seed_reads_to_the_same_tree(
    seed_text: str, parsed_seed: ParsedPlan, name: str, options: dict[str, bool]
) -> None:
    plan = parse_decree(build_docx(seed_text, **options), name)
    assert plan.source_format == "docx"
    assert plan.errors == [] and plan.warnings == []
    expected = _without_locations(parsed_seed.to_dict())
    got = _without_locations(plan.to_dict())
    assert got["areas"] == expected["areas"]
    assert got["decree"] == expected["decree"]
    assert plan.areas[0].components[0].indicators[0].location.startswith("tabel ")


def test_xlsx_of_the_seed_reads_to_the_same_tree(
    seed_text: str, parsed_seed: ParsedPlan
) -> None:
    plan = parse_decree(build_xlsx(seed_text), "lampiran.xlsx")
    assert plan.source_format == "xlsx"
    assert plan.errors == [] and plan.warnings == []
    expected = _without_locations(parsed_seed.to_dict())
    got = _without_locations(plan.to_dict())
    assert got["areas"] == expected["areas"]
    assert got["decree"] == expected["decree"]


def test_xlsx_with_decree_sheet_and_table_in_column_a(
    seed_text: str, parsed_seed: ParsedPlan
) -> None:
    plan = parse_decree(
        build_xlsx(seed_text, decree_sheet=True, first_column=1), "x.xlsx"
    )
    assert plan.errors == []
    assert (
        _without_locations(plan.to_dict())["areas"]
        == _without_locations(parsed_seed.to_dict())["areas"]
    )
    decree = plan.decree
    assert (decree.number, decree.year, decree.place) == ("42", 2025, "Kuala Tungkal")
    assert decree.signed_on == date(2025, 10, 27)
    assert decree.signatory == "MUHAMMAD RUM"
    assert decree.legal_basis == [
        "Undang-Undang Nomor 28 Tahun 1999",
        "Undang-Undang Nomor 14 Tahun 2008",
    ]
