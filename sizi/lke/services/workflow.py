"""The review workflow of an LKE assessment: which layer is open, and the transitions.

Submit, forward, return, conclude and record the TPN values; each transition
locks the assessment row, checks its status, freezes a snapshot and writes
the audit log. Review notes belong here too: they decide whether a return,
a forward or a conclusion may happen.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from sizi.core import audit
from sizi.lke.models import (
    Answer,
    Assessment,
    Layer,
    Question,
    ReviewNote,
    Submission,
)
from sizi.lke.services.snapshots import build_snapshot, sha256_of
from sizi.units.models import Membership, User
from sizi.units.notifications import Kind, notify

Status = Assessment.Status


def open_layers(assessment: Assessment) -> set[str]:
    """Return the layers that may be written in the assessment's current status."""
    needs_preliminary = assessment.unit.level.needs_preliminary_review
    status = assessment.status
    layers: set[str] = set()
    if status in {Status.DRAFT, Status.RETURNED}:
        layers.add(Layer.SELF)
    if needs_preliminary and status in {Status.SUBMITTED, Status.PRELIMINARY_REVIEW}:
        layers.add(Layer.PRELIMINARY)
    internal_from = {Status.FORWARDED, Status.INTERNAL_REVIEW}
    if not needs_preliminary:
        internal_from.add(Status.SUBMITTED)
    if status in internal_from:
        layers.add(Layer.INTERNAL)
    if status in {Status.CONCLUDED_MET, Status.NATIONAL_RECORDED}:
        layers.add(Layer.NATIONAL)
    return layers


def lock_assessment(assessment: Assessment) -> None:
    """Lock the assessment row and reload its status (serialises transitions)."""
    Assessment.objects.select_for_update().filter(pk=assessment.pk).exists()
    assessment.refresh_from_db(fields=["status", "version"])


def require_open(assessment: Assessment, layer: str) -> None:
    if layer not in open_layers(assessment):
        raise ValidationError(
            f"Lapisan {Layer(layer).label} tidak dapat diisi saat status penilaian "
            f"'{assessment.get_status_display()}'."
        )


def advance_review_status(
    assessment: Assessment, layer: str, *, by: User | None
) -> None:
    """Move a submitted assessment into review when a reviewer writes first."""
    target = None
    if layer == Layer.PRELIMINARY and assessment.status == Status.SUBMITTED:
        target = Status.PRELIMINARY_REVIEW
    elif layer == Layer.INTERNAL and assessment.status in {
        Status.SUBMITTED,
        Status.FORWARDED,
    }:
        target = Status.INTERNAL_REVIEW
    if target is not None:
        _set_status(assessment, target, by=by)


def _set_status(
    assessment: Assessment, status: str, *, by: User | None, **extra: Any
) -> None:
    before = assessment.status
    assessment.status = status
    assessment.version += 1
    assessment.save(
        update_fields=[
            "status",
            "version",
            "submitted_at",
            "concluded_at",
            "conclusion_note",
            "updated_at",
        ]
    )
    audit.record(
        by,
        "lke.status_changed",
        assessment,
        unit=assessment.unit,
        changes={"status": [before, status]},
        **extra,
    )


def withdraw_approval(assessment: Assessment, *, by: User | None, reason: str) -> bool:
    """Clear the pimpinan's approval after a change; return whether there was one."""
    updated = Assessment.objects.filter(
        pk=assessment.pk, approved_at__isnull=False
    ).update(approved_at=None, approved_by=None)
    assessment.approved_at, assessment.approved_by = None, None
    if updated:
        audit.record(
            by,
            "lke.approval_withdrawn",
            assessment,
            unit=assessment.unit,
            reason=reason,
        )
    return bool(updated)


def missing_questions(
    assessment: Assessment, layer: str = Layer.SELF
) -> list[Question]:
    """Return the questions without a complete answer in `layer`, in order."""
    answered = set(
        Answer.objects.filter(assessment=assessment, layer=layer)
        .exclude(value="")
        .values_list("question_id", flat=True)
    )
    return [
        q
        for q in Question.objects.filter(instrument=assessment.instrument).order_by(
            "order"
        )
        if q.pk not in answered
    ]


def refuse_missing(assessment: Assessment, verb: str) -> None:
    """Refuse while a question of the self layer is unanswered, listing the codes."""
    missing = missing_questions(assessment)
    if missing:
        codes = ", ".join(q.code for q in missing[:15])
        more = f" dan {len(missing) - 15} lainnya" if len(missing) > 15 else ""
        raise ValidationError(
            f"Belum dapat {verb}: {len(missing)} pertanyaan belum dijawab ({codes}{more})."
        )


def _freeze(assessment: Assessment, kind: str, *, by: User | None) -> Submission:
    data = build_snapshot(assessment)
    number = Submission.objects.filter(assessment=assessment).count() + 1
    submission = Submission(
        assessment=assessment,
        number=number,
        kind=kind,
        by=by,
        data=data,
        sha256=sha256_of(data),
    )
    submission.full_clean()
    submission.save()
    return submission


@transaction.atomic
def submit_assessment(assessment: Assessment, *, by: User) -> Submission:
    """Submit the self-assessment (every question answered) and freeze a snapshot."""
    lock_assessment(assessment)
    if assessment.status not in {Status.DRAFT, Status.RETURNED}:
        raise ValidationError("Penilaian ini sudah diajukan.")
    refuse_missing(assessment, "diajukan")
    assessment.refresh_from_db(fields=["approved_at", "approved_by"])
    if assessment.approved_at is None:
        raise ValidationError(
            "Belum dapat diajukan: penilaian mandiri harus disetujui pimpinan unit "
            'lebih dulu (tombol "Setujui").'
        )
    open_returns(assessment).update(resolved=True)
    assessment.submitted_at = timezone.now()
    _set_status(assessment, Status.SUBMITTED, by=by)
    submission = _freeze(assessment, Submission.Kind.SELF, by=by)
    audit.record(
        by,
        "lke.assessment_submitted",
        assessment,
        unit=assessment.unit,
        submission=submission.number,
        sha256=submission.sha256,
    )
    return submission


def open_returns(
    assessment: Assessment, layer: str | None = None
) -> QuerySet[ReviewNote]:
    """Return the notes marked to return an item that no submission resolved yet."""
    notes = ReviewNote.objects.filter(
        assessment=assessment, returned=True, resolved=False
    )
    return notes if layer is None else notes.filter(layer=layer)


def _refuse_open_returns(assessment: Assessment, layer: str, verb: str) -> None:
    """Refuse to close a review stage while items are still marked to return."""
    if open_returns(assessment, layer).exists():
        raise ValidationError(
            "Masih ada butir yang ditandai untuk dikembalikan: kembalikan ke unit atau "
            f"jadikan komentar sebelum {verb}."
        )


def _reviewing_layer(assessment: Assessment) -> str:
    layers = open_layers(assessment) & {Layer.PRELIMINARY, Layer.INTERNAL}
    if not layers:
        raise ValidationError("Penilaian ini tidak sedang dalam tahap penilaian.")
    return layers.pop()


@transaction.atomic
def add_review_note(
    assessment: Assessment,
    question: Question,
    *,
    text: str,
    returned: bool = True,
    by: User,
) -> ReviewNote:
    """Add the reviewer's note on a question; `returned` sends it back to the unit.

    After TPI's "memenuhi" the TPN layer is open: its notes are comments
    (findings the unit may turn into follow-up steps), never returns.
    """
    if Layer.NATIONAL in open_layers(assessment):
        layer: str = Layer.NATIONAL
        returned = False
    else:
        layer = _reviewing_layer(assessment)
    if not text.strip():
        raise ValidationError("Catatan tidak boleh kosong.")
    note = ReviewNote(
        assessment=assessment,
        question=question,
        layer=layer,
        text=text.strip(),
        returned=returned,
        author=by,
    )
    note.full_clean()
    note.save()
    audit.record(
        by,
        "lke.review_note_added",
        note,
        unit=assessment.unit,
        question=question.code,
        layer=layer,
    )
    _notify_note(note, by=by)
    return note


def _notify_note(note: ReviewNote, *, by: User) -> None:
    """Tell who answered the question in the unit (else its coordinators)."""
    assessment, question = note.assessment, note.question
    answerer = (
        Answer.objects.filter(
            assessment=assessment, question=question, layer=Layer.SELF
        )
        .exclude(updated_by=None)
        .select_related("updated_by")
        .first()
    )
    if answerer is not None and answerer.updated_by is not None:
        recipients: list[User] = [answerer.updated_by]
    else:
        recipients = list(
            User.objects.filter(
                memberships__unit=assessment.unit,
                memberships__role=Membership.Role.COORDINATOR,
            ).distinct()
        )
    what = "dikembalikan untuk diperbaiki" if note.returned else "diberi catatan"
    notify(
        recipients,
        kind=Kind.REVIEWER_NOTE,
        title=f"Butir LKE {question.code} {what} oleh {note.get_layer_display()}.",
        body=note.text,
        url=reverse(
            "lke:answer_area",
            args=[assessment.unit.code, assessment.year, question.sub_area.area.code],
        )
        + f"#q-{question.code}",
        unit=assessment.unit,
        exclude=by,
    )


@transaction.atomic
def return_assessment(assessment: Assessment, *, by: User) -> Submission:
    """Return the assessment to the unit with the open returned notes of this stage."""
    lock_assessment(assessment)
    layer = _reviewing_layer(assessment)
    open_notes = open_returns(assessment, layer)
    if not open_notes.exists():
        raise ValidationError(
            "Tandai dulu butir yang dikembalikan, masing-masing dengan catatannya."
        )
    _set_status(assessment, Status.RETURNED, by=by, layer=layer)
    submission = _freeze(assessment, Submission.Kind.RETURN, by=by)
    audit.record(
        by,
        "lke.assessment_returned",
        assessment,
        unit=assessment.unit,
        layer=layer,
        items=sorted(open_notes.values_list("question__code", flat=True)),
    )
    return submission


@transaction.atomic
def forward_assessment(assessment: Assessment, *, by: User) -> Submission:
    """Close the penilaian pendahuluan and forward the assessment to TPI."""
    lock_assessment(assessment)
    if Layer.PRELIMINARY not in open_layers(assessment):
        raise ValidationError("Penilaian ini tidak sedang dalam penilaian pendahuluan.")
    _refuse_open_returns(assessment, Layer.PRELIMINARY, "meneruskan")
    _set_status(assessment, Status.FORWARDED, by=by)
    submission = _freeze(assessment, Submission.Kind.FORWARD, by=by)
    audit.record(by, "lke.assessment_forwarded", assessment, unit=assessment.unit)
    return submission


@transaction.atomic
def withdraw_review_note(note: ReviewNote, *, by: User) -> None:
    """Turn a returned-item mark into a plain comment (before the return is sent)."""
    if note.resolved or not note.returned:
        raise ValidationError("Catatan ini tidak dapat diubah lagi.")
    note.returned = False
    note.save(update_fields=["returned", "updated_at"])
    audit.record(by, "lke.review_note_withdrawn", note, unit=note.assessment.unit)


@transaction.atomic
def conclude_assessment(
    assessment: Assessment,
    *,
    met: bool,
    note: str = "",
    by: User,
    recommendation: str = "",
) -> Submission:
    """Record TPI's conclusion (memenuhi / belum memenuhi) and freeze a snapshot."""
    lock_assessment(assessment)
    if Layer.INTERNAL not in open_layers(assessment):
        raise ValidationError("Penilaian ini tidak sedang dinilai TPI.")
    _refuse_open_returns(assessment, Layer.INTERNAL, "menyimpulkan")
    assessment.concluded_at = timezone.now()
    assessment.conclusion_note = note.strip()
    _set_status(
        assessment, Status.CONCLUDED_MET if met else Status.CONCLUDED_NOT_MET, by=by
    )
    submission = _freeze(assessment, Submission.Kind.CONCLUSION, by=by)
    audit.record(
        by,
        "lke.assessment_concluded",
        assessment,
        unit=assessment.unit,
        met=met,
        recommendation=recommendation,
    )
    return submission


@transaction.atomic
def record_national(assessment: Assessment, *, by: User) -> Submission:
    """Mark the TPN values as recorded and freeze a snapshot."""
    lock_assessment(assessment)
    if Layer.NATIONAL not in open_layers(assessment):
        raise ValidationError(
            "Nilai TPN hanya dicatat setelah TPI menyimpulkan memenuhi."
        )
    _set_status(assessment, Status.NATIONAL_RECORDED, by=by)
    submission = _freeze(assessment, Submission.Kind.NATIONAL, by=by)
    audit.record(by, "lke.national_recorded", assessment, unit=assessment.unit)
    return submission
