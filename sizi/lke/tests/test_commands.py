"""The LKE commands: load_instrument, lke_score, lke_refresh_scores, export_lke, import_lke."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sizi.lke import services
from sizi.lke.models import (
    Answer,
    Instrument,
    LayerScore,
    Question,
)
from sizi.lke.services.workbook import export_assessment
from sizi.lke.tests.arrange import answer, answer_all


def test_load_instrument_command_is_idempotent(db):
    out = StringIO()
    call_command("load_instrument", stdout=out)
    call_command("load_instrument", stdout=out)

    assert "Instrumen dimuat" in out.getvalue()
    assert "Tidak ada perubahan" in out.getvalue()
    assert Instrument.objects.count() == 1


def test_load_instrument_command_reports_a_broken_file(db, tmp_path):
    broken = tmp_path / "rusak.yaml"
    broken.write_text("code: x\nareas: [", encoding="utf-8")

    with pytest.raises(CommandError):
        call_command("load_instrument", str(broken))
    assert Instrument.objects.count() == 0


def test_lke_score_command_prints_json(assessment, alice):
    answer_all(assessment, alice)
    out = StringIO()

    call_command("lke_score", unit="kpu-tanjabbar", year=2025, json=True, stdout=out)

    data = json.loads(out.getvalue())
    assert data["layer"] == "self"
    assert data["score"]["answered"] == 110
    assert data["score"]["total"] == data["score"]["pengungkit"]  # no Hasil inputs yet
    assert [a["code"] for a in data["score"]["areas"]] == [
        "MP",
        "PT",
        "SDM",
        "AK",
        "PW",
        "PP",
    ]
    assert data["eligibility"]["failures"]


def test_lke_score_command_for_a_missing_assessment(db):
    with pytest.raises(CommandError):
        call_command("lke_score", unit="tidak-ada", year=2025)


def test_import_of_a_broken_workbook_writes_nothing(assessment, alice, tmp_path):
    from openpyxl import load_workbook

    answer_all(assessment, alice)
    path = tmp_path / "lke.xlsx"
    path.write_bytes(export_assessment(assessment))
    wb = load_workbook(path)
    ws = wb["LKE ZI"]
    bad_cell = None
    for row in ws.iter_rows():
        for cell in row:
            if str(cell.value).lower() == "a" and cell.column_letter == "K":
                cell.value = "Z"
                bad_cell = cell.coordinate
                break
        if bad_cell:
            break
    wb.save(path)
    answer(assessment, Question.objects.get(code="P.1.i.a"), alice, value="tidak")
    before = list(Answer.objects.order_by("pk").values_list("value", "version"))

    out = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_lke",
            str(path),
            unit="kpu-tanjabbar",
            year=2025,
            layer="self",
            json=True,
            stdout=out,
        )

    assert bad_cell is not None and bad_cell in out.getvalue()
    assert list(Answer.objects.order_by("pk").values_list("value", "version")) == before


def test_refresh_scores_command_rebuilds_the_cache(assessment, alice):

    answer(assessment, Question.objects.get(code="P.1.i.a"), alice, value="ya")
    LayerScore.objects.all().delete()
    out = StringIO()

    call_command("lke_refresh_scores", year=2025, stdout=out)

    assert "1 penilaian" in out.getvalue()
    assert LayerScore.objects.get(assessment=assessment, layer="self").answered == 1


def test_export_command_reports_an_output_folder_that_does_not_exist(
    assessment, tmp_path
):
    with pytest.raises(CommandError, match="tidak dapat ditulis"):
        call_command(
            "export_lke",
            unit="kpu-tanjabbar",
            year=2025,
            output=str(tmp_path / "tidak-ada" / "LKE.xlsx"),
            stdout=StringIO(),
        )


def test_import_command_lists_questions_not_found_in_the_workbook(
    assessment, alice, tmp_path
):
    import io

    from openpyxl import load_workbook

    answer_all(assessment, alice)
    wb = load_workbook(io.BytesIO(export_assessment(assessment)))
    ws = wb["LKE ZI"]
    row = next(r[0].row for r in ws.iter_rows() if r[13].value == "P.1.i.b")
    ws.delete_rows(row)
    path = tmp_path / "LKE.xlsx"
    wb.save(path)
    out, err = StringIO(), StringIO()

    call_command(
        "import_lke",
        str(path),
        unit="kpu-tanjabbar",
        year=2025,
        dry_run=True,
        stdout=out,
        stderr=err,
    )

    assert "0 jawaban akan berubah, 109 sama" in out.getvalue()
    assert "Tidak ditemukan di lembar kerja (1; jawaban lamanya tetap): P.1.i.b" in (
        err.getvalue()
    )


def test_export_and_import_commands_round_trip(
    assessment, alice, tree, charlie, tmp_path
):
    answer_all(assessment, alice)
    path = tmp_path / "LKE.xlsx"
    call_command(
        "export_lke",
        unit="kpu-tanjabbar",
        year=2025,
        output=str(path),
        stdout=StringIO(),
    )
    services.start_assessment(unit=tree["tanjabtim"], year=2025, by=charlie)

    preview = StringIO()
    call_command(
        "import_lke",
        str(path),
        unit="kpu-tanjabtim",
        year=2025,
        dry_run=True,
        json=True,
        stdout=preview,
    )
    # the export is stamped with Tanjung Jabung Barat: a preview names it
    previewed = json.loads(preview.getvalue())
    assert "Tanjung Jabung Barat" in previewed["mismatch"][0]
    assert Answer.objects.filter(assessment__unit=tree["tanjabtim"]).count() == 0
    with pytest.raises(CommandError, match="--force"):
        call_command(
            "import_lke", str(path), unit="kpu-tanjabtim", year=2025, stdout=StringIO()
        )
    assert Answer.objects.filter(assessment__unit=tree["tanjabtim"]).count() == 0

    out = StringIO()
    call_command(
        "import_lke",
        str(path),
        unit="kpu-tanjabtim",
        year=2025,
        force=True,
        stdout=out,
        stderr=StringIO(),
    )

    assert "110 jawaban berubah" in out.getvalue()
    assert Answer.objects.filter(assessment__unit=tree["tanjabtim"]).count() == 110
