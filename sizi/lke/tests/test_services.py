"""Answers per layer, optimistic locking, submission snapshots and the review workflow."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sizi.core.models import AuditEvent
from sizi.lke import services
from sizi.lke.models import (
    Answer,
    Assessment,
    LayerScore,
    Question,
    ReviewNote,
    Submission,
)
from sizi.lke.services.snapshots import sha256_of
from sizi.lke.tests.arrange import answer, answer_all, approve_and_submit

Status = Assessment.Status


def q(assessment: Assessment, code: str) -> Question:
    return Question.objects.get(instrument=assessment.instrument, code=code)


def test_answer_is_saved_with_version_and_audit(assessment, alice):
    saved = answer(
        assessment, q(assessment, "P.1.i.b"), alice, value="B", note="SK tim ada"
    )

    assert (saved.value, saved.version, saved.note) == ("b", 1, "SK tim ada")
    assert AuditEvent.objects.filter(action="lke.answer_saved").count() == 1


def test_stale_version_is_refused_and_keeps_the_stored_answer(assessment, alice, bob):
    question = q(assessment, "P.1.i.b")
    answer(assessment, question, alice, value="a")

    with pytest.raises(services.StaleVersionError) as exc:
        services.answer_question(
            assessment, question, "self", value="c", expected_version=0, by=bob
        )

    assert "sudah diubah oleh Alice Koordinator" in exc.value.message
    stored = Answer.objects.get(assessment=assessment, question=question, layer="self")
    assert (stored.value, stored.version) == ("a", 1)


def test_invalid_option_is_refused_with_the_allowed_letters(assessment, alice):
    with pytest.raises(ValidationError) as exc:
        answer(assessment, q(assessment, "P.1.i.b"), alice, value="D")

    assert "A, B, C" in exc.value.messages[0]


def test_percentage_inputs_must_be_whole_numbers(assessment, alice):
    question = q(assessment, "R.4.i.-")
    with pytest.raises(ValidationError) as exc:
        answer(assessment, question, alice, inputs={question.inputs[0]["code"]: "-3"})

    assert "bilangan bulat" in exc.value.messages[0]


def test_layer_scores_are_refreshed_after_each_answer(assessment, alice):
    answer(assessment, q(assessment, "P.1.i.a"), alice, value="ya")

    score = LayerScore.objects.get(assessment=assessment, layer="self")
    assert (score.answered, score.question_count) == (1, 110)
    assert score.total > 0


def test_submit_lists_the_missing_questions(assessment, alice):
    answer(assessment, q(assessment, "P.1.i.a"), alice, value="ya")

    with pytest.raises(ValidationError) as exc:
        approve_and_submit(assessment, alice)

    assert "109 pertanyaan belum dijawab" in exc.value.messages[0]
    assert "P.1.i.b" in exc.value.messages[0]
    assert Submission.objects.count() == 0


def test_submission_freezes_a_snapshot_with_its_hash(assessment, alice):
    answer_all(assessment, alice)

    submission = approve_and_submit(assessment, alice)

    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED
    assert submission.sha256 == sha256_of(submission.data)
    assert len(submission.data["answers"]) == 110
    with pytest.raises(PermissionError):
        submission.save()
    with pytest.raises(PermissionError):
        Submission.objects.filter(pk=submission.pk).update(sha256="0" * 64)
    with pytest.raises(PermissionError):
        submission.delete()


def test_snapshot_does_not_change_when_answers_change_later(assessment, alice, rina):
    answer_all(assessment, alice)
    submission = approve_and_submit(assessment, alice)
    question = q(assessment, "P.1.i.b")
    services.add_review_note(assessment, question, text="Lengkapi SK", by=rina)
    services.return_assessment(assessment, by=rina)
    answer(assessment, question, alice, value="c")

    frozen = Submission.objects.get(pk=submission.pk)
    row = next(a for a in frozen.data["answers"] if a["question"] == "P.1.i.b")
    assert row["value"] == "a"
    assert frozen.sha256 == sha256_of(frozen.data)


def test_self_layer_is_closed_after_submission(assessment, alice):
    answer_all(assessment, alice)
    approve_and_submit(assessment, alice)

    with pytest.raises(ValidationError):
        answer(assessment, q(assessment, "P.1.i.a"), alice, value="tidak")


def test_review_return_and_resubmit(assessment, alice, rina):
    answer_all(assessment, alice)
    approve_and_submit(assessment, alice)
    question = q(assessment, "P.1.iv.b")

    answer(assessment, question, rina, layer="preliminary", value="b")
    services.add_review_note(
        assessment, question, text="Agen perubahan belum berkontribusi", by=rina
    )
    services.return_assessment(assessment, by=rina)
    assessment.refresh_from_db()
    assert assessment.status == Status.RETURNED

    answer(assessment, question, alice, value="b", note="Diperbaiki")
    approve_and_submit(assessment, alice)
    assessment.refresh_from_db()
    note = ReviewNote.objects.get(question=question)
    assert (assessment.status, note.resolved) == (Status.SUBMITTED, True)
    assert list(
        Submission.objects.filter(assessment=assessment).values_list("kind", flat=True)
    ) == ["self", "return", "self"]


def test_full_workflow_to_national(assessment, alice, rina, tia):
    answer_all(assessment, alice)
    approve_and_submit(assessment, alice)
    services.forward_assessment(assessment, by=rina)
    answer(assessment, q(assessment, "P.1.i.b"), tia, layer="internal", value="c")
    assessment.refresh_from_db()
    assert assessment.status == Status.INTERNAL_REVIEW

    services.conclude_assessment(assessment, met=True, note="Layak diusulkan", by=tia)
    answer(assessment, q(assessment, "P.1.i.b"), tia, layer="national", value="b")
    services.record_national(assessment, by=tia)

    assessment.refresh_from_db()
    assert assessment.status == Status.NATIONAL_RECORDED
    layers = set(
        LayerScore.objects.filter(assessment=assessment).values_list("layer", flat=True)
    )
    assert layers == {"self", "internal", "national"}
    assert AuditEvent.objects.filter(action="lke.status_changed").count() == 5


def test_forward_is_refused_while_items_are_marked_for_return(assessment, alice, rina):
    answer_all(assessment, alice)
    approve_and_submit(assessment, alice)
    services.add_review_note(assessment, q(assessment, "P.1.i.a"), text="Cek", by=rina)

    with pytest.raises(ValidationError):
        services.forward_assessment(assessment, by=rina)


def test_higher_layer_overrides_only_the_items_it_answers(assessment, alice, rina):
    answer_all(assessment, alice)
    approve_and_submit(assessment, alice)
    self_total = LayerScore.objects.get(assessment=assessment, layer="self").total

    answer(assessment, q(assessment, "P.1.i.b"), rina, layer="preliminary", value="c")

    preliminary = LayerScore.objects.get(assessment=assessment, layer="preliminary")
    # P.1.i: (1 + 0) / 2 × 0.5 = 0.25 instead of 0.5: the total drops by exactly 0.25.
    assert self_total - preliminary.total == Decimal("0.25")
    assert preliminary.answered == 110


def test_result_inputs_are_validated_and_locked(assessment, alice):
    row = services.save_result_inputs(
        assessment,
        "self",
        ipak=Decimal("3.55"),
        ipkp=Decimal("3.40"),
        performance="B",
        expected_version=0,
        by=alice,
    )
    assert row.version == 1
    with pytest.raises(services.StaleVersionError):
        services.save_result_inputs(
            assessment, "self", ipak=None, ipkp=None, expected_version=0, by=alice
        )
    with pytest.raises(ValidationError):
        services.save_result_inputs(
            assessment,
            "self",
            ipak=Decimal("4.5"),
            ipkp=None,
            expected_version=1,
            by=alice,
        )
    score = LayerScore.objects.get(assessment=assessment, layer="self")
    # IPAK 3.55/4×17.5 + capaian B 3.75 + IPKP 3.40/4×17.5
    assert score.results.quantize(Decimal("0.01")) == Decimal("34.16")


def test_evidence_of_another_unit_cannot_be_linked(assessment, alice, tree):
    from sizi.evidence.models import Evidence

    saved = answer(assessment, q(assessment, "P.1.i.a"), alice, value="ya")
    other = Evidence.objects.create(
        unit=tree["tanjabtim"],
        title="SK lain",
        kind="link",
        url="https://example.org",
        document_date="2025-01-02",
    )
    with pytest.raises(ValidationError):
        services.set_answer_evidence(
            assessment, saved.question, "self", [other.pk], by=alice
        )
    assert saved.evidence.count() == 0


def test_snapshot_records_the_evidence_revision_and_its_sha256(assessment, alice):
    from sizi.evidence import services as evidence_services
    from sizi.evidence.tests.conftest import add_evidence, incoming, pdf

    item = add_evidence(assessment.unit, alice, title="SK Tim ZI", name="sk-tim.pdf")
    answer_all(assessment, alice)
    services.set_answer_evidence(
        assessment, q(assessment, "P.1.i.a"), "self", [item.pk], by=alice
    )

    submission = approve_and_submit(assessment, alice)
    evidence_services.add_revision(
        item, incoming("sk-tim-v2.pdf", pdf("SK Tim v2")), by=alice
    )

    row = next(a for a in submission.data["answers"] if a["question"] == "P.1.i.a")
    first = item.revisions.get(number=1)
    assert row["evidence"][0]["revision"] == 1
    assert row["evidence"][0]["sha256"] == first.sha256
    frozen = Submission.objects.get(pk=submission.pk)
    assert frozen.data == submission.data
    assert frozen.sha256 == sha256_of(frozen.data)


def test_tpi_return_then_conclusion_needs_no_open_marks(assessment, alice, rina, tia):
    answer_all(assessment, alice)
    approve_and_submit(assessment, alice)
    services.forward_assessment(assessment, by=rina)
    note = services.add_review_note(
        assessment, q(assessment, "R.4.i.-"), text="Data?", by=tia
    )

    with pytest.raises(ValidationError):
        services.conclude_assessment(assessment, met=True, by=tia)
    services.withdraw_review_note(note, by=tia)
    services.conclude_assessment(assessment, met=False, note="Belum", by=tia)

    assessment.refresh_from_db()
    assert assessment.status == Status.CONCLUDED_NOT_MET
    assert services.open_layers(assessment) == set()
