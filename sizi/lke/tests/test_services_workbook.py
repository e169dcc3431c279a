"""Export and import of a stored assessment as the workbook (services/workbook.py)."""

from __future__ import annotations

from sizi.lke import services
from sizi.lke.models import (
    Answer,
    LayerScore,
    Question,
)
from sizi.lke.services import scores
from sizi.lke.services.workbook import export_assessment, import_assessment
from sizi.lke.tests.arrange import answer, answer_all


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

    # SIZI's own export is stamped with its unit: another unit must confirm.
    refused = import_assessment(other, data, layer="self", by=charlie)
    assert refused.confirm_needed and not refused.ok
    assert refused.mismatch == [
        "Unit kerja di workbook 'KPU Kabupaten Tanjung Jabung Barat', sedangkan "
        "tujuan impor 'KPU Kabupaten Tanjung Jabung Timur'."
    ]
    assert not Answer.objects.filter(assessment=other).exists()

    report = import_assessment(other, data, layer="self", by=charlie, force=True)

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


def test_sizi_export_stamped_with_another_year_needs_confirmation(
    assessment, alice, tree
):
    answer_all(assessment, alice)
    data = export_assessment(assessment)
    next_year = services.start_assessment(unit=tree["tanjabbar"], year=2026, by=alice)

    refused = import_assessment(next_year, data, layer="self", by=alice)

    assert refused.confirm_needed
    assert refused.mismatch == [
        "Tahun di workbook 2025, sedangkan tujuan impor tahun 2026."
    ]
    assert not Answer.objects.filter(assessment=next_year).exists()
    same = import_assessment(assessment, data, layer="self", by=alice)
    assert same.ok and not same.mismatch
