"""Writes to LKE assessments: starting one, answers per layer, evidence, Hasil inputs.

Every function runs in one transaction and writes the audit log. Rights are
checked by the views through `sizi.units.permissions`; the functions here check
the state of the assessment (which layer is open in which status).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from sizi.core import audit
from sizi.core.numbers import NumberError, parse_count
from sizi.evidence.models import Evidence
from sizi.lke.instrument.display import display_value
from sizi.lke.models import (
    Answer,
    Assessment,
    Instrument,
    Layer,
    Question,
    ResultInput,
)
from sizi.lke.services import scores
from sizi.lke.services.workflow import (
    advance_review_status,
    lock_assessment,
    require_open,
    withdraw_approval,
)
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


def _stale_message(current: Answer | ResultInput | None, by: User | None = None) -> str:
    if current is None or current.updated_by is None:
        return (
            "Isian ini sudah diubah orang lain sejak halaman Anda dimuat. Isian Anda belum "
            "disimpan dan masih ada di formulir; periksa nilai terbaru lalu simpan lagi."
        )
    when = date_format(timezone.localtime(current.updated_at), "j F Y, H.i")
    if by is not None and current.updated_by_id == by.pk:
        return (
            f"Isian ini sudah Anda ubah di tab atau jendela lain pada {when} sejak "
            "halaman ini dimuat. Isian di formulir ini belum disimpan; periksa nilai "
            "terbaru lalu simpan lagi."
        )
    return (
        f"Isian ini sudah diubah oleh {current.updated_by} pada {when} sejak halaman Anda "
        "dimuat. Isian Anda belum disimpan dan masih ada di formulir; periksa nilai "
        "terbaru lalu simpan lagi."
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
            shown = ", ".join(display_value(x) for x in letters)
            raise ValidationError(
                f"{question.code}: jawaban harus salah satu dari {shown}."
            )
        return CleanAnswer(value, {})
    if question.inputs:
        cleaned: dict[str, Any] = {}
        for spec in question.inputs:
            count = _input_count(question, spec["label"], inputs.get(spec["code"]))
            if count is not None:
                cleaned[spec["code"]] = count
        complete = all(spec["code"] in cleaned for spec in question.inputs)
        return CleanAnswer(PERCENT_DONE if complete else "", cleaned)
    raise ValidationError(
        f"{question.code}: jenis jawaban '{question.answer_type}' tidak dikenal."
    )


def _input_count(question: Question, label: str, raw: Any) -> int | None:
    """Read one numeric input of a percentage item: a whole number of 0 or more."""
    try:
        return parse_count(raw, where=f"{question.code}: {label}")
    except NumberError as exc:
        raise ValidationError(
            f"{exc.messages[0]} Isi bilangan bulat 0 atau lebih.", code="invalid_number"
        ) from exc


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
    require_open(assessment, layer)
    clean = clean_answer(question, value, inputs or {})
    answer = _lock_answer(assessment, question, layer)
    # Any save since the page was loaded is a conflict, the user's own included
    # (another tab): the page sends the version each save returns.
    if expected_version != (answer.version if answer else 0):
        raise StaleVersionError(answer, _stale_message(answer, by))
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
    advance_review_status(assessment, layer, by=by)
    if layer == Layer.SELF and audit.diff(
        before, audit.snapshot(answer, ["value", "inputs", "note"])
    ):
        withdraw_approval(assessment, by=by, reason=f"jawaban {question.code} diubah")
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
    lock_assessment(assessment)
    require_open(assessment, layer)
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
    if layer == Layer.SELF and before != sorted(e.pk for e in items):
        withdraw_approval(assessment, by=by, reason=f"bukti {question.code} diubah")
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
    require_open(assessment, layer)
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
    advance_review_status(assessment, layer, by=by)
    if layer == Layer.SELF and audit.diff(before, audit.snapshot(row, fields)):
        withdraw_approval(assessment, by=by, reason="komponen hasil diubah")
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
