"""Import of Google-Forms-style exports: labels, mapping, refusals with row and column."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import datetime
from io import StringIO
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from sizi.core.models import AuditEvent
from sizi.surveys import file_import
from sizi.surveys.importing import ImportProblem
from sizi.surveys.importing.columns import detect_layout
from sizi.surveys.importing.rows import parse_timestamp
from sizi.surveys.importing.table import read_table
from sizi.surveys.models import Response, ResponseAnswer, ServiceType, SurveyPeriod
from sizi.surveys.tests import exports
from sizi.surveys.tests.test_scoring import IPAK, SKM
from sizi.units.models import User

pytestmark = pytest.mark.django_db


def prepare(
    period: SurveyPeriod, data: bytes, name: str = "ekspor.csv", **kw: Any
) -> file_import.PreparedImport:
    return file_import.prepare_import(period, filename=name, data=data, **kw)


def problems_of(
    period: SurveyPeriod, data: bytes, name: str = "ekspor.csv"
) -> list[str]:
    with pytest.raises(ImportProblem) as caught:
        prepare(period, data, name)
    return caught.value.problems


# --- Pure reading ---------------------------------------------------------------


def test_header_and_columns_are_found_by_question_text() -> None:
    table = read_table("x.csv", exports.google_forms_csv(SKM))
    layout = detect_layout(table, SKM)
    mapping = layout.as_mapping()
    assert layout.header_row == 1
    assert mapping["A"] == "submitted_at"
    assert [mapping[c] for c in "BCDE"] == [
        "gender",
        "age_group",
        "education",
        "occupation",
    ]
    assert mapping["F"] == "service_type"
    assert [mapping[c] for c in "GHIJKLMNO"] == list(SKM.question_codes)
    assert mapping["P"] == "suggestion"


def test_columns_are_found_by_unsur_name_in_a_grid_and_below_a_title_block() -> None:
    head = ["Stempel waktu", *[f"Penilaian layanan [{q.name}]" for q in SKM.questions]]
    rows = [
        ["Survei Kepuasan Masyarakat 2025"],
        [],
        head,
        ["14/03/2025 10.22.05", *["Sangat sesuai"] * 9],
    ]
    layout = detect_layout(read_table("x.csv", exports.to_csv(rows)), SKM)
    assert layout.header_row == 3
    assert [c.target for c in layout.columns[1:10]] == list(SKM.question_codes)


def test_google_forms_timestamps_are_read_in_their_zone() -> None:
    jakarta = ZoneInfo("Asia/Jakarta")
    assert parse_timestamp("2025/03/14 10:22:05 AM GMT+7") == datetime(
        2025, 3, 14, 10, 22, 5, tzinfo=jakarta
    ).astimezone(jakarta)
    assert parse_timestamp("14/03/2025 10.22.05") == datetime(
        2025, 3, 14, 10, 22, 5, tzinfo=jakarta
    )
    assert parse_timestamp("kemarin") is None


# --- Against a period -----------------------------------------------------------


def test_google_forms_csv_with_indonesian_labels_imports(
    period: SurveyPeriod, alice: User
) -> None:
    prepared = prepare(period, exports.google_forms_csv(SKM, 6))
    assert len(prepared.rows.rows) == 6
    first = prepared.rows.rows[0]
    assert first.answers == dict.fromkeys(SKM.question_codes, 4)
    assert (first.gender, first.age_group, first.education, first.occupation) == (
        "P",
        "30-39",
        "s1",
        "wirausaha",
    )
    assert first.source_row == 2
    batch = file_import.store_import(period, prepared, by=alice)
    assert batch.row_count == 6
    assert Response.objects.filter(period=period, channel="impor").count() == 6
    assert ResponseAnswer.objects.filter(response__period=period).count() == 54
    assert AuditEvent.objects.filter(action="surveys.responses_imported").count() == 1


def test_xlsx_export_with_numbers_and_dates_imports(period: SurveyPeriod) -> None:
    head = exports.header(SKM)
    # A spreadsheet cell holds a naive local time.
    when = datetime(2025, 5, 2, 9, 30, tzinfo=ZoneInfo("Asia/Jakarta")).replace(
        tzinfo=None
    )
    rows: list[Sequence[object]] = [
        head,
        [when, "Laki-laki", 45, "SMA", "PNS", "Layanan data pemilih", *[3] * 9, ""],
    ]
    prepared = prepare(period, exports.to_xlsx(rows), "ekspor.xlsx")
    only = prepared.rows.rows[0]
    assert only.answers == dict.fromkeys(SKM.question_codes, 3)
    assert only.age_group == "40-49" and only.gender == "L"
    assert only.submitted_at is not None and only.submitted_at.hour == 9


def test_unknown_answer_label_is_refused_with_row_and_column(
    period: SurveyPeriod,
) -> None:
    rows = [exports.header(SKM), *exports.export_rows(SKM, 3)]
    rows[2][8] = "Lumayan cepat"  # column I = U3 Waktu Penyelesaian, spreadsheet row 3
    problems = problems_of(period, exports.to_csv(rows))
    assert len(problems) == 1
    assert problems[0].startswith(
        "Baris 3, kolom I «3. Bagaimana pendapat Saudara tentang kecepatan"
    )
    assert "«Lumayan cepat» tidak dikenal untuk U3 Waktu Penyelesaian" in problems[0]
    assert "Tidak cepat, Kurang cepat, Cepat, Sangat cepat" in problems[0]


def test_unknown_demographic_and_layanan_are_refused_naming_the_cell(
    period: SurveyPeriod,
) -> None:
    rows = [exports.header(SKM), *exports.export_rows(SKM, 2)]
    rows[1][1] = "Tidak tahu"
    rows[2][5] = "Layanan parkir"
    problems = problems_of(period, exports.to_csv(rows))
    assert problems[0].startswith(
        "Baris 2, kolom B «Jenis Kelamin»: Jenis kelamin «Tidak tahu» tidak dikenal"
    )
    assert problems[1].startswith(
        "Baris 3, kolom F «Jenis layanan yang diterima»: jenis layanan «Layanan parkir»"
    )


def test_missing_question_columns_are_refused_by_name(period: SurveyPeriod) -> None:
    rows = [
        r[:7] + r[9:] for r in [exports.header(SKM), *exports.export_rows(SKM, 2)]
    ]  # drop U2, U3
    problems = problems_of(period, exports.to_csv(rows))
    assert problems == [
        "Kolom untuk U2 Sistem, Mekanisme, dan Prosedur tidak ditemukan di baris judul (baris 1).",
        "Kolom untuk U3 Waktu Penyelesaian tidak ditemukan di baris judul (baris 1).",
    ]


def test_missing_layanan_column_is_refused_when_the_period_has_several(
    period: SurveyPeriod,
) -> None:
    rows = [r[:5] + r[6:] for r in [exports.header(SKM), *exports.export_rows(SKM, 2)]]
    problems = problems_of(period, exports.to_csv(rows))
    assert problems[0].startswith(
        "Kolom jenis layanan tidak ditemukan di baris judul (baris 1)"
    )
    layanan = ServiceType.objects.get(name="Layanan data pemilih")
    prepared = prepare(period, exports.to_csv(rows), default_service=layanan.pk)
    assert {r.service_type_id for r in prepared.rows.rows} == {layanan.pk}


def test_duplicate_header_rows_are_refused_with_their_row(period: SurveyPeriod) -> None:
    head = exports.header(SKM)
    rows = [head, *exports.export_rows(SKM, 2), head, *exports.export_rows(SKM, 2)]
    problems = problems_of(period, exports.to_csv(rows, delimiter=";"))
    assert problems == [
        "Baris 4: baris judul ganda (sama dengan baris judul di baris 1); hapus baris ini lalu unggah lagi."
    ]


def test_nothing_is_half_written_when_one_row_is_bad(
    period: SurveyPeriod, alice: User
) -> None:
    prepared = prepare(period, exports.google_forms_csv(SKM, 4))
    broken = list(prepared.rows.rows)
    broken[3] = type(broken[3])(answers={"U1": 4}, source_row=5)
    bad = file_import.PreparedImport(
        prepared.filename, prepared.sha256, prepared.layout,
        type(prepared.rows)(tuple(broken), 0), prepared.choices, prepared.default_service,
    )  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        file_import.store_import(period, bad, by=alice)
    assert (
        "Baris 5: U2 Sistem, Mekanisme, dan Prosedur: belum dijawab."
        in caught.value.messages
    )
    assert Response.objects.filter(period=period).count() == 0
    assert not period.imports.exists()


def test_the_same_file_is_not_imported_twice(period: SurveyPeriod, alice: User) -> None:
    data = exports.google_forms_csv(SKM, 3)
    file_import.store_import(period, prepare(period, data), by=alice)
    with pytest.raises(ValidationError, match="sudah diimpor"):
        file_import.store_import(period, prepare(period, data), by=alice)
    assert Response.objects.filter(period=period).count() == 3


def test_explicit_mapping_overrides_the_guess(period: SurveyPeriod) -> None:
    head = ["Waktu", *[f"Pertanyaan {n}" for n in range(1, 10)], "Layanan"]
    rows = [head, ["", "Sesuai", *["3"] * 8, "Layanan informasi publik"]]
    mapping = {"baris_judul": "1", **{chr(ord("B") + i): f"U{i + 1}" for i in range(9)}}
    with pytest.raises(ImportProblem, match="Baris judul tidak ditemukan"):
        prepare(period, exports.to_csv(rows))
    prepared = prepare(period, exports.to_csv(rows), overrides=mapping)
    assert prepared.rows.rows[0].answers == dict.fromkeys(SKM.question_codes, 3)
    with pytest.raises(ImportProblem, match="tujuan «U99»"):
        prepare(
            period, exports.to_csv(rows), overrides={"baris_judul": "1", "B": "U99"}
        )


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.csv", b"", "kosong"),
        ("a.pdf", b"%PDF-1.4", "bukan CSV atau XLSX"),
        ("a.xlsx", b"PK\x03\x04garbage", "rusak"),
        ("../a.csv", b"x", "garis miring"),
    ],
)
def test_bad_files_are_refused(
    period: SurveyPeriod, name: str, data: bytes, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        prepare(period, data, name)


# --- Command line ---------------------------------------------------------------


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_survey_import_creates_the_year_period_and_reports_json(
    tree: dict[str, object], instruments: object, layanan: object, tmp_path: Path
) -> None:
    path = tmp_path / "ipak.csv"
    path.write_bytes(exports.google_forms_csv(IPAK, 5))
    out, _ = run(
        "survey_import",
        str(path),
        "--unit",
        "kpu-tanjabbar",
        "--instrument",
        "ipak",
        "--year",
        "2025",
        "--json",
    )
    report = json.loads(out)
    assert report["ok"] and report["period"]["created"] and report["stored"] == 5
    period = SurveyPeriod.objects.get(pk=report["period"]["id"])
    assert (period.year, period.instrument.code, period.status) == (
        2025,
        "ipak",
        "open",
    )
    assert Response.objects.filter(period=period).count() == 5


def test_survey_import_dry_run_stores_nothing(
    tree: dict[str, object], instruments: object, layanan: object, tmp_path: Path
) -> None:
    path = tmp_path / "skm.csv"
    path.write_bytes(exports.google_forms_csv(SKM, 4))
    out, _ = run(
        "survey_import",
        str(path),
        "--unit",
        "kpu-tanjabbar",
        "--instrument",
        "skm",
        "--year",
        "2025",
        "--dry-run",
    )
    assert "Jawaban terbaca: 4" in out and "tidak ada yang disimpan" in out
    assert not SurveyPeriod.objects.exists() and not Response.objects.exists()


def test_survey_import_refuses_with_the_problems(
    tree: dict[str, object], instruments: object, layanan: object, tmp_path: Path
) -> None:
    rows = [exports.header(SKM), *exports.export_rows(SKM, 2)]
    rows[1][6] = "Agak sesuai"
    path = tmp_path / "skm.csv"
    path.write_bytes(exports.to_csv(rows))
    with pytest.raises(CommandError, match="Baris 2, kolom G"):
        run(
            "survey_import",
            str(path),
            "--unit",
            "kpu-tanjabbar",
            "--instrument",
            "skm",
            "--year",
            "2025",
            "--json",
        )
    assert not SurveyPeriod.objects.exists()


def test_survey_import_reads_a_map_file(
    tree: dict[str, object], instruments: object, layanan: object, tmp_path: Path
) -> None:
    rows = [[f"Kolom {n}" for n in range(1, 11)], ["4"] * 9 + ["Layanan data pemilih"]]
    (tmp_path / "a.csv").write_bytes(exports.to_csv(rows))
    (tmp_path / "peta.json").write_text(
        json.dumps(
            {
                "baris_judul": "1",
                "J": "service_type",
                **{chr(65 + i): f"U{i + 1}" for i in range(9)},
            }
        )
    )
    out, _ = run(
        "survey_import",
        str(tmp_path / "a.csv"),
        "--unit",
        "kpu-tanjabbar",
        "--instrument",
        "skm",
        "--year",
        "2024",
        "--map",
        str(tmp_path / "peta.json"),
        "--json",
    )
    assert json.loads(out)["stored"] == 1


def test_survey_results_prints_nrr_index_mutu_and_lke(
    period: SurveyPeriod, respond: Callable[..., Response], alice: User
) -> None:
    for value in (4, 3, 3):
        respond(period, value)
    out, _ = run(
        "survey_results",
        "--unit",
        "kpu-tanjabbar",
        "--instrument",
        "skm",
        "--year",
        "2025",
        "--json",
    )
    report = json.loads(out)
    only = report["periods"][0]
    assert only["respondents"] == 3
    assert only["items"][0] == {
        "code": "U1",
        "name": "Persyaratan",
        "respondents": 3,
        "nrr": 3.3333,
    }
    assert only["index"] == 3.3333 and only["index_x25"] == 83.33
    assert only["mutu"] == {"letter": "B", "label": "Baik"}
    assert only["minimum"]["required"] == 132 and not only["minimum"]["reached"]
    assert report["lke"] == {
        "question": "P.6.iv.a",
        "count": 0,
        "suggested_answer": "e",
    }
