"""Loading instrument versions as rows; the commands lke_score, export_lke, import_lke."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from sizi.lke import services
from sizi.lke.instrument import default_instrument_path
from sizi.lke.models import Answer, Instrument, LayerScore, Question, SubArea
from sizi.lke.services import scores
from sizi.lke.services.instrument import load_instrument_file
from sizi.lke.services.workbook import export_assessment, import_assessment
from sizi.lke.tests.arrange import answer, answer_all

SMALL = Path(__file__).parent / "data" / "small-instrument.yaml"


def test_load_creates_the_rows_of_the_instrument(instrument):
    assert instrument.questions.count() == 110
    assert instrument.areas.count() == 6
    assert SubArea.objects.filter(area__instrument=instrument).count() == 42
    lhkpn = Question.objects.get(instrument=instrument, code="R.5.iii.a")
    assert [i["code"] for i in lhkpn.inputs][-1] == "sudah_melapor"
    assert lhkpn.group == "a. Penyampaian LHKPN"


def test_reloading_the_same_file_changes_nothing(instrument):
    again, created = load_instrument_file(default_instrument_path())

    assert (again.pk, created) == (instrument.pk, False)
    assert Question.objects.count() == 110


def test_changed_file_with_the_same_version_is_refused(instrument, tmp_path):
    changed = tmp_path / "lke.yaml"
    changed.write_text(
        default_instrument_path()
        .read_text(encoding="utf-8")
        .replace("Unit kerja telah membentuk tim", "Unit kerja membentuk tim"),
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as exc:
        load_instrument_file(changed)
    assert "Naikkan nomor versi" in exc.value.messages[0]


def test_second_version_loads_alongside_and_scores_without_code_change(
    instrument, tree, charlie
):
    small, created = load_instrument_file(SMALL)

    assert created and Instrument.objects.count() == 2
    assessment = services.start_assessment(
        unit=tree["tanjabtim"], year=2027, instrument=small, by=charlie
    )
    answer_all(assessment, charlie)
    services.save_result_inputs(
        assessment,
        "self",
        ipak=None,
        ipkp=None,
        other={"indeks": "5", "predikat": "a"},
        expected_version=0,
        by=charlie,
    )
    result = scores.score_layer(assessment, "self")

    # Hasil: indeks 5 of 5 × 20 + predikat "a" × 10 = the whole Hasil weight.
    assert result.score.hasil == result.spec.hasil_weight == 30
    assert 0 < result.score.pengungkit <= result.spec.pengungkit_weight
    assert (
        Question.objects.filter(instrument=small).count() == result.score.question_count
    )


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


def test_export_then_import_gives_the_same_answers_and_score(
    assessment, alice, tree, charlie
):
    answer_all(assessment, alice)
    answer(
        assessment,
        Question.objects.get(code="P.1.i.b"),
        alice,
        value="b",
        note="Sebagian",
    )
    data = export_assessment(assessment)
    other = services.start_assessment(unit=tree["tanjabtim"], year=2025, by=charlie)

    report = import_assessment(other, data, layer="self", by=charlie)

    assert report.ok, report.errors
    source = {
        (a.question_id, a.value, tuple(sorted(a.inputs.items())), a.note)
        for a in Answer.objects.filter(assessment=assessment)
    }
    copied = {
        (a.question_id, a.value, tuple(sorted(a.inputs.items())), a.note)
        for a in Answer.objects.filter(assessment=other)
    }
    assert copied == source
    assert (
        scores.score_layer(other, "self").score.total
        == scores.score_layer(assessment, "self").score.total
    )
    # The import stores the score once, after the last answer.
    stored = LayerScore.objects.get(assessment=other, layer="self")
    assert (
        stored.answered == Question.objects.filter(instrument=other.instrument).count()
    )
    assert (
        stored.total
        == LayerScore.objects.get(assessment=assessment, layer="self").total
        > 0
    )


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


def test_import_names_the_cell_of_an_ipak_with_too_many_decimals(assessment, alice):
    import io

    from openpyxl import load_workbook

    from sizi.lke.models import ResultInput

    answer_all(assessment, alice)
    wb = load_workbook(io.BytesIO(export_assessment(assessment)))
    ws = wb["LKE ZI"]
    row = next(r[0].row for r in ws.iter_rows() if r[13].value == "H1.a")
    ws[f"K{row}"] = 3.555
    out = io.BytesIO()
    wb.save(out)

    report = import_assessment(assessment, out.getvalue(), layer="self", by=alice)

    assert report.errors == [
        f"K{row} (H1.a): Survei Persepsi Anti Korupsi (IPAK): nilai '3.555' paling "
        "banyak 2 angka di belakang koma."
    ]
    assert not ResultInput.objects.filter(assessment=assessment).exists()


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
    assert "Tidak ditemukan di workbook (1; jawaban lamanya tetap): P.1.i.b" in (
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
    assert json.loads(preview.getvalue())["ok"] is True
    assert Answer.objects.filter(assessment__unit=tree["tanjabtim"]).count() == 0

    out = StringIO()
    call_command("import_lke", str(path), unit="kpu-tanjabtim", year=2025, stdout=out)

    assert "110 jawaban berubah" in out.getvalue()
    assert Answer.objects.filter(assessment__unit=tree["tanjabtim"]).count() == 110
