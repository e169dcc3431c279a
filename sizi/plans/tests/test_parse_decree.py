"""The decree importer's parsing layer: the seed exactly as printed, other formats, fuzzing."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sizi.plans.importing import ParsedPlan, parse_decree
from sizi.plans.importing.cleaning import clean_text, split_items
from sizi.plans.target_time import Kind
from sizi.plans.tests.decree_files import build_docx, build_xlsx

SEED = (
    Path(__file__).resolve().parents[3].parent
    / "shared"
    / "seeds"
    / "000_0aa9eb4df12157a3.txt"
)


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_plan(seed_text: str) -> ParsedPlan:
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


def test_seed_reads_without_errors_or_warnings(seed_plan: ParsedPlan) -> None:
    assert seed_plan.errors == []
    assert seed_plan.warnings == []
    assert seed_plan.source_format == "text"
    assert seed_plan.summary() == {
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


def test_seed_decree_fields(seed_plan: ParsedPlan) -> None:
    decree = seed_plan.decree
    assert decree.number == "42"
    assert decree.year == 2025
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


def test_seed_areas_components_and_counts(seed_plan: ParsedPlan) -> None:
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
        for a in seed_plan.areas
    ]
    assert read == SEED_AREAS


def test_seed_every_target_as_printed(seed_plan: ParsedPlan) -> None:
    targets = [i.target.raw for _, _, i in seed_plan.iter_indicators()]
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
    assert all(not i.target.needs_review for _, _, i in seed_plan.iter_indicators())


def test_seed_first_indicator_exactly(seed_plan: ParsedPlan) -> None:
    first = _indicator(seed_plan, "I", "1", 0)
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


def test_seed_html_remnants_removed(seed_plan: ParsedPlan) -> None:
    rencana = _indicator(seed_plan, "I", "2", 0)
    assert rencana.steps == [
        "Penyusunan dokumen rencana aksi pembangunan ZI, mensosialisasikan ke seluruh "
        "pegawai dan melalui website"
    ]
    assert rencana.evidence == [
        "Dokumen rencana aksi dipublikasikan melalui rapat dan website KPU Kabupaten "
        "Tanjung Jabung Barat"
    ]
    role_model = _indicator(seed_plan, "I", "4", 0)
    assert role_model.text == (
        "Para Pimpinan berperan sebagai role model dalam pelaksanaan pembangunan WBK /WBBM."
    )
    assert role_model.evidence == ["Daftar hadir, E-Banner Budaya Kerja"]
    dumped = json.dumps(seed_plan.to_dict(), ensure_ascii=False)
    assert "<i>" not in dumped and "</i>" not in dumped


def test_seed_numbered_steps_are_split(seed_plan: ParsedPlan) -> None:
    sop = _indicator(seed_plan, "II", "1", 0)
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
    baperjakat = _indicator(seed_plan, "III", "2", 2)
    assert baperjakat.steps == [
        "Melakukan monitoring dan evaluasi oleh Baperjakat",
        "Melakukan efektifitas penempatan pegawai",
    ]


def test_seed_e_office_component_kept_as_printed(seed_plan: ParsedPlan) -> None:
    area = seed_plan.areas[1]
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


def test_seed_rows_split_by_page_breaks_are_joined(seed_plan: ParsedPlan) -> None:
    keterbukaan = _indicator(seed_plan, "II", "3", 0)
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

    rencana = _indicator(seed_plan, "III", "3", 1)
    assert rencana.text == (
        "Penyusunan rencana pengembangan kompetensi pegawai sudah mempertimbangkan hasil "
        "pengelolaan kinerja pegawai"
    )
    assert rencana.target.raw == "Oktober 2025"

    coaching = _indicator(seed_plan, "III", "3", 4)
    assert coaching.text == (
        "Pelaksanaan pengembangan kompetensi pegawai telah dilakukan melalui "
        "pengikutsertaan pada lembaga pelatihan, melalui coaching atau mentoring dll"
    )
    assert coaching.steps == [
        "Mengikutsertakan pegawai pada pelatihan dan pendidikan yang diselenggarakan oleh "
        "Setjen KPU, mengikut sertakan pegawai pada pelatihan internal, mengadakan Bimtek"
    ]
    assert coaching.target.raw == "Juli- Desember 2025"

    reward = _indicator(seed_plan, "III", "4", 3)
    assert reward.text == (
        "Hasil penilaian kinerja individu telah dijadikan dasar untuk pemberian reward "
        "(pengembangan karir individu, penghargaan, dll)"
    )

    wbs = _indicator(seed_plan, "V", "4", 0)
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
    follow_up = _indicator(seed_plan, "V", "5", 4)
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
    seed_plan: ParsedPlan,
) -> None:
    # "Monitoring dan evaluasi terhadap penempatan ASN ..." starts a page with a target
    planning = next(c for c in seed_plan.areas[2].components if c.number == "1")
    assert planning.indicators[2].text == (
        "Monitoring dan evaluasi terhadap penempatan ASN untuk memenuhi kebutuhan jabatan "
        "dalam organisasi"
    )
    assert planning.indicators[2].location == "baris 232"
    last = _indicator(seed_plan, "VI", "3", 2)
    assert last.text == "Dilakukan tindaklanjut atas hasil survei kepuasan masyarakat"
    assert last.target.raw == "November 2025"


def test_seed_recurrence_and_list_targets(seed_plan: ParsedPlan) -> None:
    monitoring = _indicator(seed_plan, "I", "3", 0)
    assert monitoring.target.kind == Kind.LIST
    assert len(monitoring.target.periods) == 2
    role_model = _indicator(seed_plan, "I", "4", 0)
    assert role_model.target.recurrence == "monthly"
    assert len(role_model.target.periods) == 12


def test_seed_year_override_changes_yearless_targets(seed_text: str) -> None:
    plan = parse_decree(seed_text.encode(), "s.txt", year=2026)
    monitoring = _indicator(plan, "I", "3", 0)
    assert monitoring.target.start == date(2026, 11, 1)
    assert _indicator(plan, "I", "1", 0).target.start == date(2025, 10, 8)


def test_to_dict_is_json(seed_plan: ParsedPlan) -> None:
    data = seed_plan.to_dict()
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
    seed_text: str, seed_plan: ParsedPlan, name: str, options: dict[str, bool]
) -> None:
    plan = parse_decree(build_docx(seed_text, **options), name)
    assert plan.source_format == "docx"
    assert plan.errors == [] and plan.warnings == []
    expected = _without_locations(seed_plan.to_dict())
    got = _without_locations(plan.to_dict())
    assert got["areas"] == expected["areas"]
    assert got["decree"] == expected["decree"]
    assert plan.areas[0].components[0].indicators[0].location.startswith("tabel ")


def test_xlsx_of_the_seed_reads_to_the_same_tree(
    seed_text: str, seed_plan: ParsedPlan
) -> None:
    plan = parse_decree(build_xlsx(seed_text), "lampiran.xlsx")
    assert plan.source_format == "xlsx"
    assert plan.errors == [] and plan.warnings == []
    expected = _without_locations(seed_plan.to_dict())
    got = _without_locations(plan.to_dict())
    assert got["areas"] == expected["areas"]
    assert got["decree"] == expected["decree"]


def test_xlsx_with_decree_sheet_and_table_in_column_a(
    seed_text: str, seed_plan: ParsedPlan
) -> None:
    plan = parse_decree(
        build_xlsx(seed_text, decree_sheet=True, first_column=1), "x.xlsx"
    )
    assert plan.errors == []
    assert (
        _without_locations(plan.to_dict())["areas"]
        == _without_locations(seed_plan.to_dict())["areas"]
    )
    decree = plan.decree
    assert (decree.number, decree.year, decree.place) == ("42", 2025, "Kuala Tungkal")
    assert decree.signed_on == date(2025, 10, 27)
    assert decree.signatory == "MUHAMMAD RUM"
    assert decree.legal_basis == [
        "Undang-Undang Nomor 28 Tahun 1999",
        "Undang-Undang Nomor 14 Tahun 2008",
    ]


def _small_xlsx(rows: list[list[Any]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


HEADER = ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "TARGET WAKTU"]
SIX_AREAS = [
    ["I", "MANAJEMEN PERUBAHAN"], ["II", "PENATAAN TATALAKSANA"],
    ["III", "PENATAAN SISTEM MANAJEMEN SDM"], ["IV", "PENGUATAN AKUNTABILITAS"],
    ["V", "PENGUATAN PENGAWASAN"], ["VI", "PENINGKATAN KUALITAS PELAYANAN PUBLIK"],
]  # fmt: skip


def test_xlsx_excel_dates_and_cell_locations() -> None:
    rows: list[list[Any]] = [["KEPUTUSAN", None], ["NOMOR 7 TAHUN 2026"], [], HEADER]
    rows.append(SIX_AREAS[0])
    rows.append([1, "Tim", "Ind A", "1) a\n2) b", "SK", date(2026, 3, 5)])
    rows.append([None, None, "Ind B", "c", "d", "entah kapan"])
    rows.extend(SIX_AREAS[1:])
    plan = parse_decree(_small_xlsx(rows), "kecil.xlsx")
    assert plan.decree.number == "7" and plan.decree.year == 2026
    first, second = plan.areas[0].components[0].indicators
    assert first.steps == ["a", "b"]
    assert first.target.kind == Kind.DATE and first.target.start == date(2026, 3, 5)
    assert second.target.needs_review
    assert any(w.location == "sel F7" for w in plan.warnings)
    assert first.location == "baris 6"


def test_docx_vertically_merged_komponen_is_carried_down() -> None:
    document = docx.Document()
    document.add_paragraph("NOMOR 3 TAHUN 2026")
    table = document.add_table(rows=0, cols=6)
    for values in [HEADER, *[a + [""] * 4 for a in SIX_AREAS[:1]]]:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    table.rows[1].cells[1].merge(table.rows[1].cells[5])
    for values in (
        ["1.", "Tim Kerja", "Ind A", "langkah A", "bukti A", "Januari"],
        ["", "", "Ind B", "langkah B", "bukti B", "Februari"],
        ["", "", "", "langkah B2", "bukti B2", ""],
    ):
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    table.cell(2, 1).merge(table.cell(4, 1))
    table.cell(2, 0).merge(table.cell(4, 0))
    for area in SIX_AREAS[1:]:
        row = table.add_row().cells
        row[0].text = area[0]
        row[1].merge(row[5]).text = area[1]
    out = io.BytesIO()
    document.save(out)
    plan = parse_decree(out.getvalue(), "k.docx")
    assert plan.errors == []
    assert [a.lke_area for a in plan.areas] == ["MP", "PT", "SDM", "AK", "PW", "PP"]
    component = plan.areas[0].components[0]
    assert (component.number, component.name) == ("1", "Tim Kerja")
    assert [i.text for i in component.indicators] == ["Ind A", "Ind B"]
    assert component.indicators[1].steps == ["langkah B", "langkah B2"]
    assert component.indicators[0].target.start == date(2026, 1, 1)


def test_text_area_header_spellings_and_lke_mapping() -> None:
    text = "\n".join(
        [
            "NOMOR 1 TAHUN 2025",
            "\t".join(HEADER),
            "I\tPembangunan unit kerja untuk memperoleh predikat menuju WBK/WBBM\t\t\t\t",
            "1\tK\tI\tL\tB\tJanuari 2025",
            "II PENATAAN TATA LAKSANA\t\t\t\t\t",
            "1.\tK\tI\tL\tB\tJanuari 2025",
            "III.\tPENATAAN SISTEM MANAJEMEN SDM\t\t\t\t",
            "1.\tK\tI\tL\tB\tJanuari 2025",
            "IV Penguatan Akuntabilitas Kinerja",
            "1.\tK\tI\tL\tB\tJanuari 2025",
            "V\tPENGUATAN PENGAWASAN\t\t\t\t",
            "1.\tK\tI\tL\tB\tJanuari 2025",
            "VI\tPENINGKATAN KUALITAS PELAYANAN PUBLIK\t\t\t\t",
            "1.\tK\tI\tL\tB\tJanuari 2025",
        ]
    )
    plan = parse_decree(text.encode(), "t.txt")
    assert plan.errors == []
    assert [(a.numeral, a.lke_area) for a in plan.areas] == [
        ("I", "MP"), ("II", "PT"), ("III", "SDM"), ("IV", "AK"), ("V", "PW"), ("VI", "PP"),
    ]  # fmt: skip
    assert plan.areas[3].title == "Penguatan Akuntabilitas Kinerja"


def test_cp1252_text_is_read_with_a_warning(seed_text: str) -> None:
    plan = parse_decree(seed_text.encode("cp1252", "replace"), "lama.txt")
    assert plan.errors == []
    assert plan.summary()["indicators"] == 70
    assert "Windows-1252" in plan.warnings[0].message


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "kosong.txt", "kosong"),
        (b"   \n\n", "kosong.txt", "kosong"),
        (b"\x00\x01\x02\x03binary", "x.bin", "biner"),
        (b"PK\x03\x04garbage", "x.docx", "rusak"),
        (b"%PDF-1.7\n...", "x.pdf", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "x.doc", ".doc"),
        (b"just some text", "x.docx", "bukan berkas Office"),
        (b"just some text\nwithout a table", "x.txt", "Tabel Lampiran tidak ditemukan"),
    ],
)
def test_bad_files_give_errors(data: bytes, name: str, message: str) -> None:
    plan = parse_decree(data, name)
    assert plan.errors
    assert message in " ".join(e.message for e in plan.errors)
    assert plan.areas == []


def test_zip_that_is_not_office() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hi")
    plan = parse_decree(out.getvalue(), "x.zip")
    assert "bukan DOCX atau XLSX" in plan.errors[0].message


def test_truncated_office_files_give_errors(seed_text: str) -> None:
    for name, data in (
        ("a.docx", build_docx(seed_text)),
        ("a.xlsx", build_xlsx(seed_text)),
    ):
        for cut in (10, len(data) // 3, len(data) - 30):
            plan = parse_decree(data[:cut], name)
            assert plan.errors, (name, cut)


def test_office_file_without_the_table(seed_text: str) -> None:
    document = docx.Document()
    document.add_paragraph("NOMOR 42 TAHUN 2025")
    out = io.BytesIO()
    document.save(out)
    plan = parse_decree(out.getvalue(), "x.docx")
    assert "tidak ditemukan" in plan.errors[0].message
    assert plan.decree.number == "42"
    plan = parse_decree(_small_xlsx([["a", "b"]]), "x.xlsx")
    assert "tidak ditemukan" in plan.errors[0].message


def test_truncated_text_reports_missing_areas(seed_text: str) -> None:
    cut = seed_text.index("V\tPENGUATAN PENGAWASAN")
    plan = parse_decree(seed_text[:cut].encode(), "terpotong.txt")
    assert any("Area tidak ditemukan: V, VI" in e.message for e in plan.errors)
    assert [a.numeral for a in plan.areas] == ["I", "II", "III", "IV"]


def test_rows_outside_areas_and_wide_rows_are_errors_with_lines() -> None:
    text = "\n".join(
        [
            "\t".join(HEADER),
            "1\tK\tI\tL\tB\tJanuari 2025",
            "I\tMANAJEMEN PERUBAHAN\t\t\t\t",
            "1\tK\tI\tL\tB\tJanuari 2025\textra",
            "just a stray line",
            "\t\tI2\tL2",
        ]
    )
    plan = parse_decree(text.encode(), "t.txt", year=2025)
    locations = {e.location: e.message for e in plan.errors}
    assert "Baris komponen sebelum baris area" in locations["baris 2"]
    assert "7 kolom" in locations["baris 4"]
    warnings = {w.location: w.message for w in plan.warnings}
    assert "diabaikan" in warnings["baris 5"]
    assert "4 kolom" in warnings["baris 6"]


# --------------------------------------------------------------------------- cleaning


def test_split_items_rules() -> None:
    assert split_items("1) a 2) b 3) c") == ["a", "b", "c"]
    assert split_items("1. a 2. b") == ["a", "b"]
    assert split_items("a) satu; b) dua") == ["satu", "dua"]
    assert split_items("- a\n- b") == ["a", "b"]
    assert split_items("baris\nlanjutan") == ["baris lanjutan"]
    assert split_items("PK 2025; SKP 2024; renstra 2020-2024") == [
        "PK 2025; SKP 2024; renstra 2020-2024"
    ]
    assert split_items("Nomor 5) dan 2) lain") == ["Nomor 5) dan 2) lain"]
    assert split_items("") == []
    assert clean_text("<b>R&amp;D</b>  <i>x</i>") == "R&D x"


# --------------------------------------------------------------------------- fuzzing


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.integers(min_value=0, max_value=50_000))
def test_truncated_seed_never_raises(seed_text: str, cut: int) -> None:
    data = seed_text.encode("utf-8")[:cut]
    plan = parse_decree(data, "t.txt")
    json.dumps(plan.to_dict())
    if plan.summary()["areas"] < 6:
        assert plan.errors


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=50_000),
            st.binary(min_size=0, max_size=8),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_mutated_seed_never_raises(
    seed_text: str, edits: list[tuple[int, bytes]]
) -> None:
    data = bytearray(seed_text.encode("utf-8"))
    for position, replacement in edits:
        position %= len(data)
        data[position : position + len(replacement)] = replacement
    plan = parse_decree(bytes(data), "m.txt")
    json.dumps(plan.to_dict())
    assert isinstance(plan.errors, list)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.randoms(use_true_random=False))
def test_shuffled_seed_lines_never_raise(seed_text: str, rnd: Any) -> None:
    lines = seed_text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("NO\tKOMPONEN"))
    body = lines[start + 1 :]
    rnd.shuffle(body)
    plan = parse_decree("\n".join(lines[: start + 1] + body).encode(), "s.txt")
    json.dumps(plan.to_dict())
    assert plan.errors or plan.warnings or plan.summary()["indicators"] == 70


@settings(max_examples=100, deadline=None)
@given(
    st.binary(max_size=2000), st.sampled_from(["a.txt", "a.docx", "a.xlsx", "a", ""])
)
def test_random_bytes_never_raise(data: bytes, name: str) -> None:
    plan = parse_decree(data, name)
    json.dumps(plan.to_dict())
    assert plan.errors or plan.warnings or plan.areas == []


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.integers(min_value=0, max_value=10_000_000), st.binary(min_size=1, max_size=16)
)
def test_mutated_docx_never_raises(seed_text: str, position: int, junk: bytes) -> None:
    data = bytearray(_seed_docx(seed_text))
    position %= len(data)
    data[position : position + len(junk)] = junk
    plan = parse_decree(bytes(data), "m.docx")
    json.dumps(plan.to_dict())


_DOCX_CACHE: dict[str, bytes] = {}


def _seed_docx(seed_text: str) -> bytes:
    if "docx" not in _DOCX_CACHE:
        _DOCX_CACHE["docx"] = build_docx(seed_text)
    return _DOCX_CACHE["docx"]


def _one_area_docx(step_cell: Any) -> bytes:
    document = docx.Document()
    document.add_paragraph("NOMOR 3 TAHUN 2026")
    table = document.add_table(rows=0, cols=6)
    for values in (HEADER, ["I", "MANAJEMEN PERUBAHAN", "", "", "", ""]):
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    cells = table.add_row().cells
    for cell, value in zip(
        cells, ["1", "Tim", "Ind", "", "SK", "Maret 2026"], strict=True
    ):
        cell.text = value
    step_cell(cells[3])
    for area in SIX_AREAS[1:]:
        for cell, value in zip(
            table.add_row().cells, [*area, "", "", "", ""], strict=True
        ):
            cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_word_list_paragraphs_are_separate_steps() -> None:
    def numbered(cell: Any) -> None:
        cell.paragraphs[0].text = "Menyusun SK"
        cell.paragraphs[0].style = "List Number"
        cell.add_paragraph("Menyosialisasikan SK", style="List Number")

    def wrapped(cell: Any) -> None:
        cell.paragraphs[0].text = "Menyusun SK yang"
        cell.add_paragraph("terpotong baris")

    indicator = parse_decree(_one_area_docx(numbered), "a.docx").areas[0].components[0]
    assert indicator.indicators[0].steps == ["Menyusun SK", "Menyosialisasikan SK"]
    indicator = parse_decree(_one_area_docx(wrapped), "b.docx").areas[0].components[0]
    assert indicator.indicators[0].steps == ["Menyusun SK yang terpotong baris"]


def test_header_spelling_variants_are_accepted() -> None:
    header = ["No.", "Komponen", "Indikator", "Rencana Aksi", "Bukti Dukung", "Target"]
    rows: list[list[Any]] = [["NOMOR 9 TAHUN 2025"], [None, *header]]
    for area in SIX_AREAS:
        rows.append([None, *area])
        rows.append([None, "1", "K", "I", "L", "B", "Mei 2025"])
    plan = parse_decree(_small_xlsx(rows), "alias.xlsx")
    assert plan.errors == []
    assert plan.summary()["indicators"] == 6
    text = "\n".join(
        ["\t".join(header)]
        + [
            "\t".join([*a, "", "", "", ""]) + "\n1\tK\tI\tL\tB\tMei 2025"
            for a in SIX_AREAS
        ]
    )
    assert (
        parse_decree(text.encode(), "alias.txt", year=2025).summary()["indicators"] == 6
    )


def _six_area_rows() -> list[str]:
    rows = []
    for numeral, title in SIX_AREAS:
        rows.append(f"{numeral}\t{title}\t\t\t\t")
        rows.append("1.\tK\tIndikator\tLangkah\tBukti\tMei 2025")
    return rows


def test_text_signature_with_tabs_and_page_numbers() -> None:
    text = "\n".join(
        [
            "KEPUTUSAN KETUA",
            "NOMOR 5 TAHUN 2025",
            "TENTANG RENCANA AKSI",
            "",
            "Mengingat\t:\t1. Undang-Undang Nomor 1;",
            "\t\t2. Undang-Undang Nomor 2",
            "\t\tlanjutan butir dua;",
            "MEMUTUSKAN:",
            "\t".join(HEADER),
            *_six_area_rows()[:6],
            "- 2 -",
            "Halaman 3 dari 9",
            *_six_area_rows()[6:],
            "",
            "\t\t\tDitetapkan di Kuala Tungkal pada tanggal 1 Mei 2025",
            "\t\t\tKEPALA KANTOR,",
            "\t\t\tttd",
            "\t\t\tBUDI SANTOSO",
        ]
    )
    plan = parse_decree(text.encode(), "ttd.txt")
    assert plan.errors == [] and plan.warnings == []
    assert plan.summary()["indicators"] == 6
    decree = plan.decree
    assert (decree.number, decree.year, decree.title) == ("5", 2025, "RENCANA AKSI")
    assert (decree.place, decree.signed_on) == ("Kuala Tungkal", date(2025, 5, 1))
    assert (decree.signatory_title, decree.signatory) == (
        "KEPALA KANTOR",
        "BUDI SANTOSO",
    )
    assert decree.legal_basis == [
        "Undang-Undang Nomor 1",
        "Undang-Undang Nomor 2 lanjutan butir dua",
    ]


def test_docx_signature_in_a_layout_table_and_unnumbered_legal_basis() -> None:
    document = docx.Document()
    for line in ("NOMOR 8 TAHUN 2025", "TENTANG", "RENCANA AKSI ZI", "", "Mengingat :"):
        document.add_paragraph(line)
    document.add_paragraph("Undang-Undang Nomor 28 Tahun 1999;", style="List Number")
    document.add_paragraph("Undang-Undang Nomor 14 Tahun 2008;", style="List Number")
    document.add_paragraph("MEMUTUSKAN:")
    table = document.add_table(rows=0, cols=6)
    for line in ["\t".join(HEADER), *_six_area_rows()]:
        cells = table.add_row().cells
        for cell, value in zip(cells, line.split("\t"), strict=True):
            cell.text = value
    layout = document.add_table(rows=1, cols=2)
    layout.cell(
        0, 1
    ).text = "Ditetapkan di Kuala Tungkal\npada tanggal 2 Mei 2025\nKETUA,\n\nttd\n\nMUHAMMAD RUM"
    out = io.BytesIO()
    document.save(out)
    plan = parse_decree(out.getvalue(), "ttd.docx")
    assert plan.errors == []
    assert plan.summary()["indicators"] == 6
    decree = plan.decree
    assert decree.title == "RENCANA AKSI ZI"
    assert decree.signed_on == date(2025, 5, 2) and decree.place == "Kuala Tungkal"
    assert (decree.signatory_title, decree.signatory) == ("KETUA", "MUHAMMAD RUM")
    assert decree.legal_basis == [
        "Undang-Undang Nomor 28 Tahun 1999",
        "Undang-Undang Nomor 14 Tahun 2008",
    ]
