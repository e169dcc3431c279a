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
        "Unit kerja di lembar kerja 'KPU Kabupaten Tanjung Jabung Barat', sedangkan "
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
        "Tahun di lembar kerja 2025, sedangkan tujuan impor tahun 2026."
    ]
    assert not Answer.objects.filter(assessment=next_year).exists()
    same = import_assessment(assessment, data, layer="self", by=alice)
    assert same.ok and not same.mismatch


def _imported_twice(assessment, alice, tree, charlie):
    from sizi.core.models import AuditEvent

    answer_all(assessment, alice)
    data = export_assessment(assessment)
    other = services.start_assessment(unit=tree["tanjabtim"], year=2025, by=charlie)
    before = AuditEvent.objects.count()
    first = import_assessment(other, data, layer="self", by=charlie, force=True)
    return other, data, before, first


def test_a_workbook_import_is_one_audit_entry_with_its_answers_as_drill_down(
    assessment, alice, tree, charlie
):
    from sizi.core.audit_display import describe
    from sizi.core.models import AuditEvent

    other, _data, before, report = _imported_twice(assessment, alice, tree, charlie)

    written = AuditEvent.objects.order_by("id")[before:]
    assert [e.action for e in written] == ["lke.answers_imported"]
    (event,) = written
    assert event.changes["changed"] == len(report.changes) == 110
    (row,) = describe([event])
    assert row.action == "Jawaban LKE diimpor dari lembar kerja"
    assert ("Lapisan", "Penilaian mandiri") in [(c.label, c.new) for c in row.changes]
    saved = [d for d in row.details if d.action == "Jawaban LKE disimpan"]
    assert len(saved) == 110
    first = Question.objects.filter(instrument=other.instrument).order_by("order")[0]
    shown = next(d for d in saved if d.target.startswith(f"{first.code} "))
    assert first.text.split()[0] in shown.target
    assert shown.target.endswith("· Penilaian mandiri")
    assert "[self]" not in str(row)


def test_importing_an_identical_file_again_changes_nothing(
    assessment, alice, tree, charlie
):
    from sizi.core.models import AuditEvent

    other, data, _before, _first = _imported_twice(assessment, alice, tree, charlie)
    stamps = sorted(
        Answer.objects.filter(assessment=other).values_list(
            "pk", "version", "updated_at"
        )
    )
    entries = AuditEvent.objects.count()

    again = import_assessment(other, data, layer="self", by=charlie, force=True)

    assert again.ok and again.changes == [] and again.unchanged == 110
    assert AuditEvent.objects.count() == entries
    assert (
        sorted(
            Answer.objects.filter(assessment=other).values_list(
                "pk", "version", "updated_at"
            )
        )
        == stamps
    )


def test_the_preview_names_inputs_by_label_and_answers_as_printed(
    assessment, alice, tree, charlie
):
    answer_all(assessment, alice)
    numeric = (
        Question.objects.filter(instrument=assessment.instrument)
        .exclude(inputs=[])
        .order_by("order")
        .first()
    )
    choice = Question.objects.get(instrument=assessment.instrument, code="P.1.i.a")
    data = export_assessment(assessment)
    other = services.start_assessment(unit=tree["tanjabtim"], year=2025, by=charlie)

    report = import_assessment(
        other, data, layer="self", by=charlie, dry_run=True, force=True
    )

    rows = {code: (before, after) for code, before, after in report.changes}
    label = numeric.inputs[0]["label"]
    assert rows[numeric.code][1].startswith(f"{label}: 10")
    assert "=" not in rows[numeric.code][1]
    assert rows[choice.code] == ("", "Ya")
    assert report.texts[choice.code] == choice.text
