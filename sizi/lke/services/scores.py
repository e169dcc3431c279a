"""Score stored assessments with the pure `sizi.lke.scoring` functions.

Layers: for each question the score of layer L takes the answer of the highest
layer at or below L that has one (a reviewer only changes what they judge
differently). The effective score of an assessment is the score of the highest
layer present. Scores per layer are cached in `LayerScore`, refreshed by the
services after every write, so that roll-ups read one row per unit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sizi.lke import scoring
from sizi.lke.instrument import InstrumentSpec
from sizi.lke.models import Answer, Assessment, Layer, LayerScore, Question, ResultInput
from sizi.lke.scoring.results import to_decimal
from sizi.lke.services.instrument import spec_for

HASIL_FIELDS = {"ipak": "ipak", "ipkp": "ipkp", "capaian_kinerja": "performance"}


@dataclass(frozen=True)
class LayerResult:
    """The score and eligibility of one assessment in one layer."""

    layer: str
    spec: InstrumentSpec
    score: scoring.Score
    eligibility: scoring.Eligibility
    answers: dict[str, scoring.AnswerInput]
    hasil: dict[str, Any]

    @property
    def label(self) -> str:
        return Layer(self.layer).label


def _has_content(answer: Answer) -> bool:
    return bool(answer.value) or any(
        v not in (None, "") for v in answer.inputs.values()
    )


def layers_present(
    answers: Iterable[Answer], results: Iterable[ResultInput]
) -> list[str]:
    """Return the layers that hold at least one answer or Hasil value, lowest first."""
    present = {a.layer for a in answers if _has_content(a)}
    present |= {
        r.layer
        for r in results
        if r.ipak is not None or r.ipkp is not None or r.performance or r.other
    }
    return [layer for layer in Layer.ordered() if layer in present]


def inputs_for_layer(
    layer: str,
    answers: Iterable[Answer],
    results: Iterable[ResultInput],
    codes: dict[int, str],
) -> tuple[dict[str, scoring.AnswerInput], dict[str, Any]]:
    """Return the scoring inputs of `layer`, falling back to lower layers per item."""
    order = Layer.ordered()
    limit = order.index(Layer(layer))
    chosen: dict[int, tuple[int, Answer]] = {}
    for answer in answers:
        rank = order.index(Layer(answer.layer))
        if rank > limit or not _has_content(answer):
            continue
        best = chosen.get(answer.question_id)
        if best is None or rank > best[0]:
            chosen[answer.question_id] = (rank, answer)
    mapped = {
        codes[qid]: scoring.AnswerInput(
            value=a.value or None,
            inputs=_stored_inputs(a),
        )
        for qid, (_, a) in chosen.items()
        if qid in codes
    }
    hasil: dict[str, Any] = {}
    ranked = sorted(
        (r for r in results if order.index(Layer(r.layer)) <= limit),
        key=lambda r: order.index(Layer(r.layer)),
    )
    for row in ranked:
        for key, field_name in HASIL_FIELDS.items():
            value = getattr(row, field_name)
            if value not in (None, ""):
                hasil[key] = value.lower() if isinstance(value, str) else value
        hasil.update({k: v for k, v in row.other.items() if v not in (None, "")})
    return mapped, hasil


def _stored_inputs(answer: Answer) -> dict[str, Decimal]:
    """Return an answer's stored inputs as numbers; an unreadable one is missing."""
    numbers = {k: to_decimal(v) for k, v in answer.inputs.items()}
    return {k: d for k, d in numbers.items() if d is not None}


def question_codes(assessment: Assessment) -> dict[int, str]:
    return dict(
        Question.objects.filter(instrument_id=assessment.instrument_id).values_list(
            "pk", "code"
        )
    )


def score_layer(
    assessment: Assessment,
    layer: str,
    *,
    answers: list[Answer] | None = None,
    results: list[ResultInput] | None = None,
    codes: dict[int, str] | None = None,
) -> LayerResult:
    """Score one layer of an assessment (loading its rows unless given)."""
    if answers is None:
        answers = list(Answer.objects.filter(assessment=assessment))
    if results is None:
        results = list(ResultInput.objects.filter(assessment=assessment))
    if codes is None:
        codes = question_codes(assessment)
    spec = spec_for(assessment.instrument)
    mapped, hasil = inputs_for_layer(layer, answers, results, codes)
    result = scoring.score(spec, mapped, hasil)
    return LayerResult(
        layer=layer,
        spec=spec,
        score=result,
        eligibility=scoring.eligibility(result, spec),
        answers=mapped,
        hasil=hasil,
    )


def score_all_layers(assessment: Assessment) -> list[LayerResult]:
    """Score every layer present (at least the self layer), lowest first."""
    answers = list(Answer.objects.filter(assessment=assessment))
    results = list(ResultInput.objects.filter(assessment=assessment))
    codes = question_codes(assessment)
    layers = layers_present(answers, results) or [Layer.SELF.value]
    return [
        score_layer(assessment, layer, answers=answers, results=results, codes=codes)
        for layer in layers
    ]


def _score_row(assessment: Assessment, result: LayerResult) -> LayerScore:
    s = result.score
    return LayerScore(
        assessment=assessment,
        layer=result.layer,
        total=s.total,
        enablers=s.pengungkit,
        results=s.hasil,
        answered=s.answered,
        question_count=s.question_count,
        eligible_wbk=result.eligibility.passed.get("wbk", False),
        eligible_wbbm=result.eligibility.passed.get("wbbm", False),
        areas={a.code: str(a.value) for a in s.areas},
    )


def refresh_layer_scores(assessment: Assessment) -> list[LayerScore]:
    """Recompute and store the cached score of every layer present."""
    rows = [_score_row(assessment, r) for r in score_all_layers(assessment)]
    LayerScore.objects.filter(assessment=assessment).exclude(
        layer__in=[r.layer for r in rows]
    ).delete()
    for row in rows:
        LayerScore.objects.update_or_create(
            assessment=assessment,
            layer=row.layer,
            defaults={
                f.name: getattr(row, f.name)
                for f in LayerScore._meta.concrete_fields
                if f.name not in {"id", "assessment", "layer", "computed_at"}
            },
        )
    return rows


def effective(results: list[LayerResult]) -> LayerResult:
    """Return the result of the highest layer present."""
    return results[-1]
