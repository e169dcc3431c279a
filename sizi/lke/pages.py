"""Read models of the LKE pages: the rows of the answering page, built in bulk.

Every builder here runs a fixed number of queries whatever the number of
questions, answers or evidence items (asserted in the tests).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from sizi.lke.instrument.display import display_value
from sizi.lke.models import (
    LAYER_SHORT,
    Answer,
    Assessment,
    InstrumentArea,
    Layer,
    Predicate,
    Question,
    ReviewNote,
    Submission,
)
from sizi.lke.scoring import AnswerInput, format_id, question_value
from sizi.lke.services.answers import clean_answer
from sizi.lke.services.instrument import spec_for


@dataclass
class LayerCell:
    """One layer's answer to a question as shown beside the others."""

    layer: str
    label: str
    answer: Answer | None

    @property
    def shown(self) -> str:
        if self.answer is None or not self.answer.value:
            return ""
        question = self.answer.question
        if question.inputs:
            return ", ".join(
                f"{spec['label']}: {self.answer.inputs.get(spec['code'], '–')}"
                for spec in question.inputs
            )
        return display_value(self.answer.value)


@dataclass(frozen=True)
class PercentPreview:
    """The percentage of a numeric item as its inputs stand (shown while typing)."""

    text: str = ""  # "85,00%", or "" until every input is filled
    error: str = ""


@dataclass
class QuestionRow:
    question: Question
    cells: list[LayerCell]
    mine: Answer | None
    notes: list[ReviewNote] = field(default_factory=list)
    error: str = ""
    conflict: Answer | None = None
    posted: dict[str, Any] | None = None
    formula_note: str = ""
    percent: PercentPreview = field(default_factory=PercentPreview)

    @property
    def dom_id(self) -> str:
        return self.question.code.replace(".", "_")

    @property
    def open_returns(self) -> list[ReviewNote]:
        return [n for n in self.notes if n.returned and not n.resolved]

    @property
    def value(self) -> str:
        if self.posted is not None:
            return str(self.posted.get("value", ""))
        return self.mine.value if self.mine else ""

    @property
    def note(self) -> str:
        if self.posted is not None:
            return str(self.posted.get("note", ""))
        return self.mine.note if self.mine else ""

    @property
    def version(self) -> int:
        if self.conflict is not None:
            return self.conflict.version
        return self.mine.version if self.mine else 0

    @property
    def input_rows(self) -> list[tuple[str, str, Any]]:
        stored = self.mine.inputs if self.mine else {}
        rows = []
        for spec in self.question.inputs:
            if self.posted is not None:
                value = self.posted.get(f"input_{spec['code']}", "")
            else:
                value = stored.get(spec["code"], "")
            rows.append((spec["code"], spec["label"], value))
        return rows

    @property
    def option_rows(self) -> list[tuple[str, str, str]]:
        """Return (letter, prefix, text) per option; no prefix when the text starts with it."""
        rows = []
        for option in self.question.options:
            letter, text = str(option["letter"]), str(option.get("text") or "")
            if text.strip().lower() == letter.lower():
                rows.append((letter, letter.capitalize(), ""))
            elif re.match(rf"{re.escape(letter)}\b", text.strip(), re.IGNORECASE):
                rows.append((letter, "", text))
            else:
                rows.append((letter, letter.capitalize(), text))
        return rows

    @property
    def evidence_ids(self) -> set[int]:
        return {e.pk for e in self.mine.evidence.all()} if self.mine else set()

    @property
    def is_answered(self) -> bool:
        return bool(self.mine and self.mine.value)


def formula_note(assessment: Assessment, question: Question) -> str:
    """Return the decided rule of a percentage item for a zero denominator, in Indonesian."""
    if not question.inputs:
        return ""
    formula = spec_for(assessment.instrument).question(question.code).formula
    if formula is None:
        return ""
    cap = format_id(formula.cap * 100, 0)
    if formula.kind == "ratio":
        return (
            f"Maksimal {cap}%. Bila pembagi 0, nilai "
            f"{format_id(formula.zero_denominator * 100, 0)}% (aturan yang diputuskan)."
        )
    return (
        f"Maksimal {cap}%. Tahun lalu dan tahun ini 0: {format_id(formula.both_zero * 100, 0)}%; "
        f"tahun lalu 0 dan tahun ini lebih dari 0: {format_id(formula.previous_zero * 100, 0)}% "
        "(aturan yang diputuskan)."
    )


def percent_preview(
    assessment: Assessment, question: Question, raw: dict[str, Any]
) -> PercentPreview:
    """Compute a percentage item's value from raw inputs ({code: text}) with the
    same cleaning and scoring core as a saved answer; nothing is stored."""
    if not question.inputs:
        return PercentPreview()
    formula = spec_for(assessment.instrument).question(question.code)
    if formula.formula is None:
        return PercentPreview()
    try:
        clean = clean_answer(question, "", raw)
    except ValidationError as exc:
        return PercentPreview(error=" ".join(exc.messages))
    if len(clean.inputs) < len(question.inputs):
        return PercentPreview()
    inputs = {code: Decimal(value) for code, value in clean.inputs.items()}
    shown, _value, warning = question_value(formula, AnswerInput("isi", inputs))
    return PercentPreview(text=shown or "", error=warning or "")


def _stored_percent(
    assessment: Assessment, question: Question, answer: Answer | None
) -> PercentPreview:
    if not question.inputs or answer is None:
        return PercentPreview()
    return percent_preview(
        assessment, question, {k: str(v) for k, v in answer.inputs.items()}
    )


def visible_layers(write_layer: str | None, present: set[str]) -> list[str]:
    """Return the layers shown beside the form: those below the written one."""
    order = Layer.ordered()
    if write_layer is None:
        return [layer for layer in order if layer in present]
    below = order[: order.index(Layer(write_layer))]
    return [layer for layer in below if layer in present or layer == Layer.SELF]


def question_rows(
    assessment: Assessment, area: InstrumentArea, write_layer: str | None
) -> list[QuestionRow]:
    """Return the rows of one area's questions with all layers' answers and notes."""
    questions = list(
        Question.objects.filter(instrument=assessment.instrument, sub_area__area=area)
        .select_related("sub_area")
        .order_by("order")
    )
    by_question: dict[int, dict[str, Answer]] = defaultdict(dict)
    for answer in (
        Answer.objects.filter(assessment=assessment, question__in=questions)
        .select_related("updated_by")
        .prefetch_related("evidence")
    ):
        by_question[answer.question_id][answer.layer] = answer
    notes: dict[int, list[ReviewNote]] = defaultdict(list)
    for note in ReviewNote.objects.filter(
        assessment=assessment, question__in=questions
    ).select_related("author"):
        notes[note.question_id].append(note)
    present = {layer for answers in by_question.values() for layer in answers}
    shown = visible_layers(write_layer, present)
    rows = []
    for question in questions:
        answers = by_question.get(question.pk, {})
        for answer in answers.values():
            answer.question = question
        rows.append(
            QuestionRow(
                question=question,
                cells=[
                    LayerCell(layer, LAYER_SHORT[Layer(layer)], answers.get(layer))
                    for layer in shown
                ],
                mine=answers.get(write_layer) if write_layer else None,
                notes=notes.get(question.pk, []),
                formula_note=formula_note(assessment, question),
                percent=_stored_percent(
                    assessment,
                    question,
                    answers.get(write_layer) if write_layer else None,
                ),
            )
        )
    return rows


def one_row(
    assessment: Assessment, question: Question, write_layer: str | None
) -> QuestionRow:
    """Return the row of a single question (for the htmx fragment)."""
    answers = {
        a.layer: a
        for a in Answer.objects.filter(assessment=assessment, question=question)
        .select_related("updated_by")
        .prefetch_related("evidence")
    }
    for answer in answers.values():
        answer.question = question
    shown = visible_layers(write_layer, set(answers))
    return QuestionRow(
        question=question,
        cells=[
            LayerCell(layer, LAYER_SHORT[Layer(layer)], answers.get(layer))
            for layer in shown
        ],
        mine=answers.get(write_layer) if write_layer else None,
        notes=list(
            ReviewNote.objects.filter(
                assessment=assessment, question=question
            ).select_related("author")
        ),
        formula_note=formula_note(assessment, question),
        percent=_stored_percent(
            assessment, question, answers.get(write_layer) if write_layer else None
        ),
    )


@dataclass(frozen=True)
class AreaProgress:
    area: InstrumentArea
    answered: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 0


def area_progress(assessment: Assessment, layer: str) -> list[AreaProgress]:
    """Return answered/total per area for one layer, in two queries."""
    areas = list(
        InstrumentArea.objects.filter(instrument=assessment.instrument).order_by(
            "order"
        )
    )
    totals: dict[int, int] = defaultdict(int)
    for area_id in Question.objects.filter(
        instrument=assessment.instrument
    ).values_list("sub_area__area_id", flat=True):
        totals[area_id] += 1
    answered: dict[int, int] = defaultdict(int)
    for area_id in (
        Answer.objects.filter(assessment=assessment, layer=layer)
        .exclude(value="")
        .values_list("question__sub_area__area_id", flat=True)
    ):
        answered[area_id] += 1
    return [AreaProgress(a, answered[a.pk], totals[a.pk]) for a in areas]


@dataclass(frozen=True)
class SnapshotRow:
    """One answer of a frozen snapshot, as the snapshot page shows it."""

    question: str
    layer_label: str
    value: str
    note: str
    input_rows: list[tuple[str, Any]]
    evidence: list[dict[str, Any]]


def snapshot_rows(assessment: Assessment, submission: Submission) -> list[SnapshotRow]:
    """Return the snapshot's answers with the layer's label and the inputs' labels."""
    input_labels = {
        code: {spec["code"]: spec["label"] for spec in inputs}
        for code, inputs in Question.objects.filter(
            instrument=assessment.instrument
        ).values_list("code", "inputs")
    }
    layer_labels = dict(Layer.choices)
    rows = []
    for item in (submission.data or {}).get("answers", []):
        labels = input_labels.get(item.get("question"), {})
        rows.append(
            SnapshotRow(
                question=str(item.get("question", "")),
                layer_label=str(layer_labels.get(item.get("layer"), item.get("layer"))),
                value=str(item.get("value") or ""),
                note=str(item.get("note") or ""),
                input_rows=[
                    (labels.get(k, k), v) for k, v in (item.get("inputs") or {}).items()
                ],
                evidence=list(item.get("evidence") or []),
            )
        )
    return rows


@dataclass(frozen=True)
class SnapshotApproval:
    """The pimpinan's approval as frozen in a snapshot (None before sign-off existed)."""

    by: str
    at: datetime | None
    recommendation: str
    adopted_layer: str


def snapshot_approval(data: dict[str, Any]) -> SnapshotApproval:
    """Return the approval and conclusion facts frozen in a snapshot's data."""
    head = data.get("assessment", {})
    at = head.get("approved_at")
    recommendation = head.get("recommendation") or ""
    adopted = head.get("adopted_layer") or ""
    return SnapshotApproval(
        by=head.get("approved_by") or "",
        at=datetime.fromisoformat(at) if at else None,
        recommendation=Predicate(recommendation).label if recommendation else "",
        adopted_layer=Layer(adopted).label if adopted else "",
    )
