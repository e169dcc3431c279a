"""Writes to LKE assessments: answers per layer, Hasil inputs and the review workflow.

Every function runs in one transaction and writes the audit log. Rights are
checked by the views through `sizi.units.permissions`; the functions here check
the state of the assessment (which layer is open in which status).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from sizi.core import audit
from sizi.lke import scores
from sizi.lke.models import (
    Answer,
    Assessment,
    Instrument,
    Layer,
    Question,
    ResultInput,
    ReviewNote,
    Submission,
)
from sizi.lke.snapshots import build_snapshot, sha256_of
from sizi.units.models import Unit, User

Status = Assessment.Status

# The value of a percentage answer whose inputs are all filled (the number itself
# is computed by the instrument's formula from the inputs).
PERCENT_DONE = "isi"


class StaleVersionError(Exception):
    """Someone else saved the same item since the user loaded it."""

    def __init__(self, current: Answer | ResultInput | None, message: str) -> None:
        super().__init__(message)
        self.current = current
        self.message = message


def _stale_message(current: Answer | ResultInput | None) -> str:
    if current is None or current.updated_by is None:
        return (
            "Isian ini sudah diubah orang lain sejak halaman Anda dimuat. Isian Anda belum "
            "disimpan dan masih ada di formulir; periksa nilai terbaru lalu simpan lagi."
        )
    when = date_format(timezone.localtime(current.updated_at), "j F Y H:i")
    return (
        f"Isian ini sudah diubah oleh {current.updated_by} pada {when} sejak halaman Anda "
        "dimuat. Isian Anda belum disimpan dan masih ada di formulir; periksa nilai "
        "terbaru lalu simpan lagi."
    )


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


def _lock(assessment: Assessment) -> None:
    """Lock the assessment row and reload its status (serialises transitions)."""
    Assessment.objects.select_for_update().filter(pk=assessment.pk).exists()
    assessment.refresh_from_db(fields=["status", "version"])


def _require_open(assessment: Assessment, layer: str) -> None:
    if layer not in open_layers(assessment):
        raise ValidationError(
            f"Lapisan {Layer(layer).label} tidak dapat diisi saat status penilaian "
            f"'{assessment.get_status_display()}'."
        )


@transaction.atomic
def start_assessment(
    *, unit: Unit, year: int, instrument: Instrument | None = None, by: User | None
) -> Assessment:
    """Open the unit's LKE for `year` on the given (or current) instrument version."""
    instrument = instrument or Instrument.objects.current()
    if instrument is None:
        raise ValidationError(
            "Belum ada instrumen LKE. Jalankan `manage.py load_instrument`."
        )
    existing = Assessment.objects.filter(unit=unit, year=year).first()
    if existing is not None:
        return existing
    assessment = Assessment(unit=unit, year=year, instrument=instrument)
    assessment.full_clean()
    assessment.save()
    audit.record(by, "lke.assessment_started", assessment, unit=unit, year=year)
    return assessment


@dataclass(frozen=True)
class CleanAnswer:
    value: str
    inputs: dict[str, Any]


def display_value(question: Question, value: str) -> str:
    """Return the answer as the workbook shows it ("Ya", "B", ...)."""
    if not value:
        return ""
    return value.capitalize() if len(value) > 1 else value.upper()


def clean_answer(question: Question, value: str, inputs: dict[str, Any]) -> CleanAnswer:
    """Check a raw answer against the question's options or inputs; normalise it.

    A choice is stored as the option letter of the instrument ("a", "ya"); a
    percentage item stores its numeric inputs and the value "isi" once all are
    present. An empty value clears the answer.
    """
    value = (value or "").strip().lower()
    if question.options:
        letters = [str(o["letter"]) for o in question.options]
        if value and value not in letters:
            shown = ", ".join(display_value(question, x) for x in letters)
            raise ValidationError(
                f"{question.code}: jawaban harus salah satu dari {shown}."
            )
        return CleanAnswer(value, {})
    if question.inputs:
        cleaned: dict[str, Any] = {}
        for spec in question.inputs:
            raw = inputs.get(spec["code"])
            if raw in (None, ""):
                continue
            try:
                number = Decimal(str(raw).replace(",", ".").strip())
            except InvalidOperation:
                number = Decimal(-1)
            if (
                not number.is_finite()
                or number < 0
                or number != number.to_integral_value()
            ):
                raise ValidationError(
                    f"{question.code}: '{spec['label']}' harus bilangan bulat 0 atau lebih "
                    f"(tertulis '{raw}')."
                )
            cleaned[spec["code"]] = int(number)
        complete = all(spec["code"] in cleaned for spec in question.inputs)
        return CleanAnswer(PERCENT_DONE if complete else "", cleaned)
    raise ValidationError(
        f"{question.code}: jenis jawaban '{question.answer_type}' tidak dikenal."
    )


def _lock_answer(
    assessment: Assessment, question: Question, layer: str
) -> Answer | None:
    return (
        Answer.objects.select_for_update(of=("self",))
        .select_related("updated_by")
        .filter(assessment=assessment, question=question, layer=layer)
        .first()
    )


@transaction.atomic
def answer_question(
    assessment: Assessment,
    question: Question,
    layer: str,
    *,
    value: str,
    inputs: dict[str, Any] | None = None,
    note: str = "",
    expected_version: int,
    by: User | None,
    refresh_scores: bool = True,
) -> Answer:
    """Save one layer's answer to a question, refusing a stale `expected_version`.

    A caller saving many answers in one transaction (a workbook import, the
    demo) passes ``refresh_scores=False`` and calls
    ``scores.refresh_layer_scores`` once at the end: the stored scores are then
    recomputed once instead of after every answer.
    """
    if question.instrument_id != assessment.instrument_id:
        raise ValidationError("Pertanyaan bukan bagian dari instrumen penilaian ini.")
    _require_open(assessment, layer)
    clean = clean_answer(question, value, inputs or {})
    answer = _lock_answer(assessment, question, layer)
    current_version = answer.version if answer else 0
    # Only someone else's save is a conflict: the user's own quick successive
    # saves (answer, then note, then evidence) carry the version they loaded.
    own = answer is not None and by is not None and answer.updated_by_id == by.pk
    if expected_version != current_version and not own:
        raise StaleVersionError(answer, _stale_message(answer))
    before = audit.snapshot(answer, ["value", "inputs", "note"]) if answer else {}
    if answer is None:
        answer = Answer(
            assessment=assessment, question=question, layer=layer, version=0
        )
    answer.value = clean.value
    answer.inputs = clean.inputs
    answer.note = note.strip()
    answer.updated_by = by
    answer.version += 1
    answer.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            answer.save()
    except IntegrityError as exc:
        # Two people created the same answer at once: the later one is stale.
        raise StaleVersionError(None, _stale_message(None)) from exc
    _advance_review_status(assessment, layer, by=by)
    audit.record(
        by,
        "lke.answer_saved",
        answer,
        unit=assessment.unit,
        changes=audit.diff(before, audit.snapshot(answer, ["value", "inputs", "note"])),
        layer=layer,
        question=question.code,
    )
    if refresh_scores:
        scores.refresh_layer_scores(assessment)
    return answer


def _advance_review_status(
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


@transaction.atomic
def set_answer_evidence(
    assessment: Assessment,
    question: Question,
    layer: str,
    evidence_ids: list[int],
    *,
    by: User | None,
) -> Answer:
    """Link a layer's answer to evidence items of the assessment's own unit.

    Evidence may be attached before the answer is chosen: the answer row is
    then created empty (it still counts as unanswered).
    """
    from sizi.evidence.models import Evidence

    _lock(assessment)
    _require_open(assessment, layer)
    items = list(Evidence.objects.filter(pk__in=evidence_ids, unit=assessment.unit))
    if len(items) != len(set(evidence_ids)):
        raise ValidationError("Bukti yang dipilih bukan milik unit ini.")
    answer = _lock_answer(assessment, question, layer)
    if answer is None:
        answer = Answer(
            assessment=assessment, question=question, layer=layer, version=0
        )
    before = sorted(answer.evidence.values_list("pk", flat=True)) if answer.pk else []
    answer.version += 1
    answer.updated_by = by
    answer.save()
    answer.evidence.set(items)
    audit.record(
        by,
        "lke.answer_evidence_set",
        answer,
        unit=assessment.unit,
        changes={"evidence": [before, sorted(e.pk for e in items)]},
        question=question.code,
        layer=layer,
    )
    return answer


@transaction.atomic
def save_result_inputs(
    assessment: Assessment,
    layer: str,
    *,
    ipak: Decimal | None,
    ipak_source: str = "",
    ipkp: Decimal | None,
    ipkp_source: str = "",
    performance: str = "",
    performance_note: str = "",
    other: dict[str, str] | None = None,
    expected_version: int,
    by: User | None,
) -> ResultInput:
    """Save the Hasil inputs (IPAK, IPKP 0–4 with source; capaian kinerja A–E)."""
    _require_open(assessment, layer)
    for label, number in (("IPAK", ipak), ("IPKP", ipkp)):
        if number is not None and not Decimal(0) <= number <= Decimal(4):
            raise ValidationError(f"Nilai {label} harus antara 0 dan 4.")
    row = (
        ResultInput.objects.select_for_update(of=("self",))
        .select_related("updated_by")
        .filter(assessment=assessment, layer=layer)
        .first()
    )
    if (row.version if row else 0) != expected_version:
        raise StaleVersionError(row, _stale_message(row))
    fields = [
        "ipak",
        "ipak_source",
        "ipkp",
        "ipkp_source",
        "performance",
        "performance_note",
        "other",
    ]
    before = audit.snapshot(row, fields) if row else {}
    if row is None:
        row = ResultInput(assessment=assessment, layer=layer, version=0)
    row.ipak, row.ipak_source = ipak, ipak_source.strip()
    row.ipkp, row.ipkp_source = ipkp, ipkp_source.strip()
    row.performance, row.performance_note = performance, performance_note.strip()
    if other is not None:
        row.other = {str(k): str(v) for k, v in other.items() if v not in (None, "")}
    row.updated_by = by
    row.version += 1
    row.full_clean(validate_constraints=False)
    row.save()
    _advance_review_status(assessment, layer, by=by)
    audit.record(
        by,
        "lke.results_saved",
        row,
        unit=assessment.unit,
        changes=audit.diff(before, audit.snapshot(row, fields)),
        layer=layer,
    )
    scores.refresh_layer_scores(assessment)
    return row


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
    _lock(assessment)
    if assessment.status not in {Status.DRAFT, Status.RETURNED}:
        raise ValidationError("Penilaian ini sudah diajukan.")
    missing = missing_questions(assessment)
    if missing:
        codes = ", ".join(q.code for q in missing[:15])
        more = f" dan {len(missing) - 15} lainnya" if len(missing) > 15 else ""
        raise ValidationError(
            f"Belum dapat diajukan: {len(missing)} pertanyaan belum dijawab ({codes}{more})."
        )
    ReviewNote.objects.filter(
        assessment=assessment, returned=True, resolved=False
    ).update(resolved=True)
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
    """Add the reviewer's note on a question; `returned` sends it back to the unit."""
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
    return note


@transaction.atomic
def return_assessment(assessment: Assessment, *, by: User) -> Submission:
    """Return the assessment to the unit with the open returned notes of this stage."""
    _lock(assessment)
    layer = _reviewing_layer(assessment)
    open_notes = ReviewNote.objects.filter(
        assessment=assessment, layer=layer, returned=True, resolved=False
    )
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
    _lock(assessment)
    if Layer.PRELIMINARY not in open_layers(assessment):
        raise ValidationError("Penilaian ini tidak sedang dalam penilaian pendahuluan.")
    if ReviewNote.objects.filter(
        assessment=assessment, layer=Layer.PRELIMINARY, returned=True, resolved=False
    ).exists():
        raise ValidationError(
            "Masih ada butir yang ditandai untuk dikembalikan: kembalikan ke unit atau "
            "jadikan komentar sebelum meneruskan."
        )
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
    assessment: Assessment, *, met: bool, note: str = "", by: User
) -> Submission:
    """Record TPI's conclusion (memenuhi / belum memenuhi) and freeze a snapshot."""
    _lock(assessment)
    if Layer.INTERNAL not in open_layers(assessment):
        raise ValidationError("Penilaian ini tidak sedang dinilai TPI.")
    if ReviewNote.objects.filter(
        assessment=assessment, layer=Layer.INTERNAL, returned=True, resolved=False
    ).exists():
        raise ValidationError(
            "Masih ada butir yang ditandai untuk dikembalikan: kembalikan ke unit atau "
            "jadikan komentar sebelum menyimpulkan."
        )
    assessment.concluded_at = timezone.now()
    assessment.conclusion_note = note.strip()
    _set_status(
        assessment, Status.CONCLUDED_MET if met else Status.CONCLUDED_NOT_MET, by=by
    )
    submission = _freeze(assessment, Submission.Kind.CONCLUSION, by=by)
    audit.record(
        by, "lke.assessment_concluded", assessment, unit=assessment.unit, met=met
    )
    return submission


@transaction.atomic
def record_national(assessment: Assessment, *, by: User) -> Submission:
    """Mark the TPN values as recorded and freeze a snapshot."""
    _lock(assessment)
    if Layer.NATIONAL not in open_layers(assessment):
        raise ValidationError(
            "Nilai TPN hanya dicatat setelah TPI menyimpulkan memenuhi."
        )
    _set_status(assessment, Status.NATIONAL_RECORDED, by=by)
    submission = _freeze(assessment, Submission.Kind.NATIONAL, by=by)
    audit.record(by, "lke.national_recorded", assessment, unit=assessment.unit)
    return submission
