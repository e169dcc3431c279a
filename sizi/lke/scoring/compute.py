"""Convert answers and roll them up: questions -> sub-areas -> areas -> totals."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sizi.lke.instrument import (
    FormulaSpec,
    HasilItemSpec,
    InstrumentSpec,
    QuestionSpec,
    SubAreaSpec,
)
from sizi.lke.scoring.results import (
    HUNDRED,
    ONE,
    ZERO,
    AnswerInput,
    AreaScore,
    HasilGroupScore,
    HasilInputs,
    HasilItemScore,
    QuestionScore,
    Score,
    ScoreWarning,
    SubAreaScore,
    format_id,
    to_decimal,
)

# --------------------------------------------------------------------------- conversion


def percent_value(formula: FormulaSpec, inputs: Mapping[str, Any]) -> Decimal | None:
    """Compute a percentage item (0..cap) from its inputs; None when an input is missing or negative."""
    values: dict[str, Decimal] = {}
    for ref in formula.referenced_inputs:
        d = to_decimal(inputs.get(ref))
        if d is None or d < 0:
            return None
        values[ref] = d
    if formula.kind == "ratio":
        num = sum((values[r] for r in formula.numerator), ZERO)
        den = sum((values[r] for r in formula.denominator), ZERO)
        if den == 0:
            return formula.zero_denominator
        return min(formula.cap, num / den)
    assert formula.previous and formula.current  # noqa: S101 - validated on load
    prev, cur = values[formula.previous], values[formula.current]
    if prev == 0:
        return formula.both_zero if cur == 0 else formula.previous_zero
    return max(ZERO, min(formula.cap, (prev - cur) / prev))


def question_value(
    question: QuestionSpec, answer: AnswerInput | None
) -> tuple[str | None, Decimal | None, str | None]:
    """Convert one answer: (normalised answer, value 0..1 or None, warning message or None)."""
    if answer is None:
        return None, None, None
    if question.formula is not None:
        given = {
            k
            for k, v in answer.inputs.items()
            if v is not None and str(v).strip() != ""
        }
        if not given:
            return None, None, None
        value = percent_value(question.formula, answer.inputs)
        if value is None:
            parsed = {
                r: to_decimal(answer.inputs.get(r))
                for r in question.formula.referenced_inputs
            }
            missing = [r for r, d in parsed.items() if d is None]
            negative = [r for r, d in parsed.items() if d is not None and d < 0]
            labels = {i.code: i.label for i in question.inputs}
            if missing:
                why = "belum lengkap: " + ", ".join(labels[r] for r in missing)
            else:
                why = "tidak boleh negatif: " + ", ".join(labels[r] for r in negative)
            return None, None, f"Masukan {question.code} {why}."
        return f"{format_id(value * HUNDRED)}%", value, None
    if answer.value is None or not str(answer.value).strip():
        return None, None, None
    letter = str(answer.value).strip().lower()
    option = question.option(letter)
    if option is None:
        allowed = "/".join(o.letter for o in question.options)
        return (
            None,
            None,
            f"Jawaban {answer.value!r} untuk {question.code} tidak dikenal (pilihan: {allowed}).",
        )
    return option.letter, option.value, None


def hasil_item_value(
    item: HasilItemSpec, raw: Any
) -> tuple[str | None, Decimal | None, str | None]:
    """Convert a Hasil input: index value ÷ scale_max, or an option letter's multiplier."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, None, None
    if item.options:
        letter = str(raw).strip().lower()
        option = next((o for o in item.options if o.letter == letter), None)
        if option is None:
            allowed = "/".join(o.letter for o in item.options)
            return (
                None,
                None,
                f"{item.name}: pilihan {raw!r} tidak dikenal (pilihan: {allowed}).",
            )
        return option.letter, option.value, None
    d = to_decimal(raw)
    scale = item.scale_max or ONE
    if d is None or d < 0 or d > scale:
        return (
            None,
            None,
            f"{item.name}: nilai {raw!r} harus antara 0 dan {format_id(scale)}.",
        )
    return str(d), d / scale, None


# --------------------------------------------------------------------------- scoring


def score(
    spec: InstrumentSpec,
    answers: Mapping[str, AnswerInput],
    hasil: HasilInputs | None = None,
) -> Score:
    """Score a complete or partial answer set against an instrument."""
    converted: dict[str, tuple[str | None, Decimal | None]] = {}
    warnings: list[ScoreWarning] = []
    for q in spec.questions:
        shown, value, warning = question_value(q, answers.get(q.code))
        converted[q.code] = (shown, value)
        if warning:
            warnings.append(ScoreWarning(q.code, warning))
    unknown = sorted(set(answers) - set(converted))
    for code in unknown:
        warnings.append(
            ScoreWarning(
                code, f"Kode pertanyaan {code} tidak ada di instrumen {spec.code}."
            )
        )
    hasil_conv: dict[str, tuple[str | None, Decimal | None]] = {}
    for item in spec.hasil_items:
        shown, value, warning = hasil_item_value(item, (hasil or {}).get(item.key))
        hasil_conv[item.key] = (shown, value)
        if warning:
            warnings.append(ScoreWarning(item.code, warning))
    return score_values(spec, converted, hasil_conv, tuple(warnings))


def sub_area_value(
    sub: SubAreaSpec,
    values: Mapping[str, tuple[str | None, Decimal | None]],
    *,
    exclude: bool,
) -> tuple[Decimal, int]:
    """Return (weighted average of the question values × sub-area weight, answered count)."""
    weighted = ZERO
    weight_sum = ZERO
    answered = 0
    for q in sub.questions:
        value = values.get(q.code, (None, None))[1]
        if value is not None:
            answered += 1
            weighted += q.weight * value
            weight_sum += q.weight
        elif not exclude:
            weight_sum += q.weight
    return (weighted / weight_sum * sub.weight if weight_sum else ZERO), answered


def score_values(
    spec: InstrumentSpec,
    values: Mapping[str, tuple[str | None, Decimal | None]],
    hasil_values: Mapping[str, tuple[str | None, Decimal | None]],
    warnings: tuple[ScoreWarning, ...] = (),
) -> Score:
    exclude = spec.rules.unanswered == "exclude"
    questions: dict[str, QuestionScore] = {}
    sub_scores: list[SubAreaScore] = []
    areas: list[AreaScore] = []
    for area in spec.areas:
        part_values = {"pemenuhan": ZERO, "reform": ZERO}
        part_weights = {"pemenuhan": ZERO, "reform": ZERO}
        area_answered = area_total = 0
        for part in area.parts:
            part_weights[part.code] = part.weight
            for sub in part.sub_areas:
                for q in sub.questions:
                    shown, value = values.get(q.code, (None, None))
                    questions[q.code] = QuestionScore(
                        q.code, q.area, q.part, q.sub_area, shown, value
                    )
                sub_value, answered = sub_area_value(sub, values, exclude=exclude)
                sub_scores.append(
                    SubAreaScore(
                        sub.code,
                        sub.name,
                        area.code,
                        part.code,
                        sub.weight,
                        sub_value,
                        answered,
                        len(sub.questions),
                    )
                )
                part_values[part.code] += sub_value
                area_answered += answered
                area_total += len(sub.questions)
        areas.append(
            AreaScore(
                code=area.code,
                name=area.name,
                weight=area.weight,
                pemenuhan=part_values["pemenuhan"],
                pemenuhan_weight=part_weights["pemenuhan"],
                reform=part_values["reform"],
                reform_weight=part_weights["reform"],
                answered=area_answered,
                questions=area_total,
            )
        )
    groups = tuple(
        HasilGroupScore(
            g.code,
            g.name,
            g.weight,
            tuple(
                HasilItemScore(
                    i.code,
                    i.key,
                    i.name,
                    g.code,
                    *hasil_values.get(i.key, (None, None)),
                    i.weight,
                )
                for i in g.items
            ),
        )
        for g in spec.hasil_groups
    )
    return Score(
        instrument=spec.code,
        rounding_digits=spec.rules.rounding_digits,
        questions=questions,
        sub_areas=tuple(sub_scores),
        areas=tuple(areas),
        hasil_groups=groups,
        warnings=warnings,
    )
