"""Pure LKE ZI scoring: answers -> values -> sub-areas -> areas -> totals -> eligibility.

No Django, no database: everything comes from an ``InstrumentSpec`` and plain
answers. Decimal arithmetic throughout; values keep full precision and are
rounded (``rules.rounding_digits``, half up) only for display and for the
threshold comparison. The rules the regulation leaves open are described in
``docs/lke-scoring.md`` and returned by :func:`rule_notes` for the UI.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from sizi.lke.instrument import (
    FormulaSpec,
    HasilItemSpec,
    InstrumentSpec,
    QuestionSpec,
    ThresholdSpec,
)

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)

HasilInputs = Mapping[str, "Decimal | str | None"]


@dataclass(frozen=True)
class AnswerInput:
    """One answer: an option letter ("a".."e", "ya"/"tidak") or the numeric inputs."""

    value: str | None = None
    inputs: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class ScoreWarning:
    code: str  # question or hasil item code
    message: str  # Indonesian, for the UI


@dataclass(frozen=True)
class QuestionScore:
    code: str
    area: str
    part: str
    sub_area: str
    answer: str | None  # normalised letter, or "85,00%" for percentage items
    value: Decimal | None  # 0..1, None when unanswered

    @property
    def answered(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class SubAreaScore:
    code: str
    name: str
    area: str
    part: str
    weight: Decimal
    value: Decimal
    answered: int
    questions: int

    @property
    def percent(self) -> Decimal:
        return _percent(self.value, self.weight)


@dataclass(frozen=True)
class AreaScore:
    code: str
    name: str
    weight: Decimal
    pemenuhan: Decimal
    pemenuhan_weight: Decimal
    reform: Decimal
    reform_weight: Decimal
    answered: int
    questions: int

    @property
    def value(self) -> Decimal:
        return self.pemenuhan + self.reform

    @property
    def percent(self) -> Decimal:
        return _percent(self.value, self.weight)

    def part_value(self, part: str) -> Decimal:
        return self.pemenuhan if part == "pemenuhan" else self.reform

    def part_weight(self, part: str) -> Decimal:
        return self.pemenuhan_weight if part == "pemenuhan" else self.reform_weight


@dataclass(frozen=True)
class HasilItemScore:
    code: str
    key: str
    name: str
    group: str
    raw: str | None  # the input as given ("3.55", "b"), None when missing
    converted: Decimal | None  # 0..1
    weight: Decimal

    @property
    def value(self) -> Decimal:
        return (self.converted or ZERO) * self.weight


@dataclass(frozen=True)
class HasilGroupScore:
    code: str
    name: str
    weight: Decimal
    items: tuple[HasilItemScore, ...]

    @property
    def value(self) -> Decimal:
        return sum((i.value for i in self.items), ZERO)


@dataclass(frozen=True)
class Score:
    instrument: str
    rounding_digits: int
    questions: Mapping[str, QuestionScore]
    sub_areas: tuple[SubAreaScore, ...]
    areas: tuple[AreaScore, ...]
    hasil_groups: tuple[HasilGroupScore, ...]
    warnings: tuple[ScoreWarning, ...] = ()

    @property
    def pemenuhan(self) -> Decimal:
        return sum((a.pemenuhan for a in self.areas), ZERO)

    @property
    def reform(self) -> Decimal:
        return sum((a.reform for a in self.areas), ZERO)

    @property
    def pengungkit(self) -> Decimal:
        return self.pemenuhan + self.reform

    @property
    def hasil(self) -> Decimal:
        return sum((g.value for g in self.hasil_groups), ZERO)

    @property
    def total(self) -> Decimal:
        return self.pengungkit + self.hasil

    @property
    def answered(self) -> int:
        return sum(1 for q in self.questions.values() if q.answered)

    @property
    def question_count(self) -> int:
        return len(self.questions)

    def area(self, code: str) -> AreaScore:
        return next(a for a in self.areas if a.code == code)

    def hasil_value(self, code: str) -> Decimal:
        """Return the value of a hasil group ("H1") or item ("H1.a")."""
        for group in self.hasil_groups:
            if group.code == code:
                return group.value
            for item in group.items:
                if item.code == code:
                    return item.value
        raise KeyError(code)

    def rounded(self, value: Decimal) -> Decimal:
        return quantize(value, self.rounding_digits)

    def to_dict(self) -> dict[str, Any]:
        r = self.rounded
        return {
            "instrument": self.instrument,
            "pemenuhan": _num(r(self.pemenuhan)),
            "reform": _num(r(self.reform)),
            "pengungkit": _num(r(self.pengungkit)),
            "hasil": _num(r(self.hasil)),
            "total": _num(r(self.total)),
            "answered": self.answered,
            "questions": self.question_count,
            "areas": [
                {
                    "code": a.code,
                    "name": a.name,
                    "weight": _num(a.weight),
                    "pemenuhan": _num(r(a.pemenuhan)),
                    "reform": _num(r(a.reform)),
                    "value": _num(r(a.value)),
                    "percent": _num(r(a.percent)),
                    "answered": a.answered,
                    "questions": a.questions,
                }
                for a in self.areas
            ],
            "sub_areas": [
                {
                    "code": s.code,
                    "name": s.name,
                    "area": s.area,
                    "part": s.part,
                    "weight": _num(s.weight),
                    "value": _num(r(s.value)),
                    "percent": _num(r(s.percent)),
                    "answered": s.answered,
                    "questions": s.questions,
                }
                for s in self.sub_areas
            ],
            "hasil_items": [
                {
                    "code": i.code,
                    "key": i.key,
                    "name": i.name,
                    "input": i.raw,
                    "weight": _num(i.weight),
                    "value": _num(r(i.value)),
                }
                for g in self.hasil_groups
                for i in g.items
            ],
            "hasil_groups": [
                {
                    "code": g.code,
                    "name": g.name,
                    "weight": _num(g.weight),
                    "value": _num(r(g.value)),
                }
                for g in self.hasil_groups
            ],
            "warnings": [{"code": w.code, "message": w.message} for w in self.warnings],
        }


@dataclass(frozen=True)
class Check:
    level: str  # threshold code, "wbk" / "wbbm"
    level_label: str  # "Menuju WBK"
    predicate: str  # "total", "pengungkit", "area:PW", "area:PW:reform", "hasil:H1.a", "prerequisite"
    condition: str  # "Nilai total ≥ 75,00"
    actual: Decimal  # rounded to rules.rounding_digits
    required: Decimal
    passed: bool
    message: str  # "Penguatan Pengawasan 8,10 dari minimal 9,00"

    @property
    def gap(self) -> Decimal:
        return max(ZERO, self.required - self.actual)


@dataclass(frozen=True)
class Failure:
    level: str
    level_label: str
    predicate: str
    condition: str
    actual: Decimal
    required: Decimal
    gap: Decimal
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "level_label": self.level_label,
            "predicate": self.predicate,
            "condition": self.condition,
            "actual": _num(self.actual),
            "required": _num(self.required),
            "gap": _num(self.gap),
            "message": self.message,
        }


@dataclass(frozen=True)
class Eligibility:
    passed: Mapping[str, bool]  # threshold code -> eligible
    failures: tuple[Failure, ...]
    checks: tuple[Check, ...]
    notes: tuple[str, ...] = ()

    @property
    def wbk(self) -> bool:
        return self.passed.get("wbk", False)

    @property
    def wbbm(self) -> bool:
        return self.passed.get("wbbm", False)

    def failures_for(self, level: str) -> tuple[Failure, ...]:
        return tuple(f for f in self.failures if f.level == level)

    def to_dict(self) -> dict[str, Any]:
        return {
            **dict(self.passed),
            "failures": [f.to_dict() for f in self.failures],
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class Candidate:
    code: str
    area: str
    part: str
    sub_area: str
    text: str
    current: str | None  # current answer (letter / percent text) or None
    suggestion: str  # next better letter or "100%"
    gain: Decimal  # total increase with the next better answer
    gain_to_best: Decimal  # total increase with the best answer
    total_after: Decimal

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "area": self.area,
            "part": self.part,
            "sub_area": self.sub_area,
            "text": self.text,
            "current": self.current,
            "suggestion": self.suggestion,
            "gain": _num(quantize(self.gain, 4)),
            "gain_to_best": _num(quantize(self.gain_to_best, 4)),
            "total_after": _num(quantize(self.total_after, 4)),
        }


@dataclass(frozen=True)
class RuleNote:
    code: str
    title: str
    text: str


# --------------------------------------------------------------------------- helpers


def quantize(value: Decimal, digits: int) -> Decimal:
    """Round half up to ``digits`` decimals (the display and comparison rule)."""
    return value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def format_id(value: Decimal, digits: int = 2) -> str:
    """Format a number the Indonesian way: 8,10 ; 1.234,50."""
    text = f"{quantize(value, digits):,.{digits}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def _num(value: Decimal) -> float | int:
    return int(value) if value == value.to_integral_value() else float(value)


def _percent(value: Decimal, weight: Decimal) -> Decimal:
    return value / weight * HUNDRED if weight else ZERO


def _to_decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        d = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


# --------------------------------------------------------------------------- conversion


def percent_value(formula: FormulaSpec, inputs: Mapping[str, Any]) -> Decimal | None:
    """Compute a percentage item (0..cap) from its inputs; None when an input is missing or negative."""
    values: dict[str, Decimal] = {}
    for ref in formula.referenced_inputs:
        d = _to_decimal(inputs.get(ref))
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
                r: _to_decimal(answer.inputs.get(r))
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
    d = _to_decimal(raw)
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
    return _score(spec, converted, hasil_conv, tuple(warnings))


def _score(
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
                weighted = ZERO
                weight_sum = ZERO
                answered = 0
                for q in sub.questions:
                    shown, value = values.get(q.code, (None, None))
                    questions[q.code] = QuestionScore(
                        q.code, q.area, q.part, q.sub_area, shown, value
                    )
                    if value is not None:
                        answered += 1
                        weighted += q.weight * value
                        weight_sum += q.weight
                    elif not exclude:
                        weight_sum += q.weight
                sub_value = weighted / weight_sum * sub.weight if weight_sum else ZERO
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


# --------------------------------------------------------------------------- eligibility


def _hasil_name(spec: InstrumentSpec, code: str) -> str:
    for group in spec.hasil_groups:
        if group.code == code:
            return group.name
        for item in group.items:
            if item.code == code:
                return item.name
    return code


def _threshold_checks(
    result: Score, spec: InstrumentSpec, t: ThresholdSpec
) -> list[Check]:
    digits = spec.rules.rounding_digits
    r = result.rounded
    checks: list[Check] = []

    def add(
        predicate: str, name: str, condition: str, actual: Decimal, required: Decimal
    ) -> None:
        shown = r(actual)
        checks.append(
            Check(
                level=t.code,
                level_label=t.label,
                predicate=predicate,
                condition=condition,
                actual=shown,
                required=required,
                passed=shown >= required,
                message=f"{name} {format_id(shown, digits)} dari minimal {format_id(required, digits)}",
            )
        )

    add(
        "total",
        "Nilai total",
        f"Nilai total (pengungkit + hasil) ≥ {format_id(t.total, digits)}",
        result.total,
        t.total,
    )
    add(
        "pengungkit",
        "Nilai pengungkit",
        f"Nilai pengungkit ≥ {format_id(t.pengungkit, digits)}",
        result.pengungkit,
        t.pengungkit,
    )
    share = t.area_min_percent / HUNDRED
    pct = format_id(t.area_min_percent, 0)
    for area in result.areas:
        if spec.rules.area_minimum_basis == "per_part":
            for part in ("pemenuhan", "reform"):
                weight = area.part_weight(part)
                if not weight:
                    continue
                required = r(weight * share)
                label = f"{area.name} ({part.capitalize()})"
                add(
                    f"area:{area.code}:{part}",
                    label,
                    f"{label} ≥ {pct}% dari bobot {format_id(weight, digits)}",
                    area.part_value(part),
                    required,
                )
        else:
            required = r(area.weight * share)
            add(
                f"area:{area.code}",
                area.name,
                f"{area.name} ≥ {pct}% dari bobot {format_id(area.weight, digits)}",
                area.value,
                required,
            )
    for code, minimum in t.hasil:
        name = _hasil_name(spec, code)
        add(
            f"hasil:{code}",
            name,
            f"{name} ≥ {format_id(minimum, digits)}",
            result.hasil_value(code),
            minimum,
        )
    return checks


def eligibility(
    result: Score,
    spec: InstrumentSpec,
    held: Collection[str] | None = None,
) -> Eligibility:
    """Check every threshold of the instrument (Menuju WBK / WBBM) and list the failed conditions.

    ``held`` are the predicates the unit already holds (for WBBM's prerequisite
    "telah mendapatkan predikat Menuju WBK"); None means "not known": the
    prerequisite is then not checked and reported in ``notes``.
    """
    checks: list[Check] = []
    notes: list[str] = []
    passed: dict[str, bool] = {}
    for t in spec.thresholds:
        level_checks = _threshold_checks(result, spec, t)
        if t.prerequisite:
            pre = spec.threshold(t.prerequisite)
            if held is None:
                notes.append(
                    f"Prasyarat {t.label}: telah mendapatkan predikat {pre.label} (tidak diperiksa)."
                )
            else:
                ok = t.prerequisite in held
                level_checks.append(
                    Check(
                        level=t.code,
                        level_label=t.label,
                        predicate="prerequisite",
                        condition=f"Telah mendapatkan predikat {pre.label}",
                        actual=ONE if ok else ZERO,
                        required=ONE,
                        passed=ok,
                        message=f"Belum mendapatkan predikat {pre.label}"
                        if not ok
                        else f"Predikat {pre.label} sudah diperoleh",
                    )
                )
        passed[t.code] = all(c.passed for c in level_checks)
        checks.extend(level_checks)
    failures = tuple(
        Failure(
            c.level,
            c.level_label,
            c.predicate,
            c.condition,
            c.actual,
            c.required,
            c.gap,
            c.message,
        )
        for c in checks
        if not c.passed
    )
    return Eligibility(
        passed=passed, failures=failures, checks=tuple(checks), notes=tuple(notes)
    )


# --------------------------------------------------------------------------- readiness


def improvement_candidates(
    spec: InstrumentSpec,
    answers: Mapping[str, AnswerInput],
    hasil: HasilInputs | None = None,
    *,
    limit: int | None = None,
) -> list[Candidate]:
    """Rank the questions whose improvement raises the total most.

    The gain is computed by re-scoring with the next better option (or the best
    option when unanswered; 100 % for percentage items); Hasil choice items
    (capaian kinerja) are included, survey indices are not.
    """
    base = score(spec, answers, hasil)
    values = {c: (q.answer, q.value) for c, q in base.questions.items()}
    hasil_values = {
        i.key: (i.raw, i.converted) for g in base.hasil_groups for i in g.items
    }
    base_total = base.total
    out: list[Candidate] = []

    def rescore_q(code: str, value: Decimal) -> Decimal:
        trial = dict(values)
        trial[code] = ("?", value)
        return _score(spec, trial, hasil_values).total

    def rescore_h(key: str, value: Decimal) -> Decimal:
        trial = dict(hasil_values)
        trial[key] = ("?", value)
        return _score(spec, values, trial).total

    for q in spec.questions:
        current = base.questions[q.code]
        if q.formula is not None:
            if current.value is not None and current.value >= q.formula.cap:
                continue
            total = rescore_q(q.code, q.formula.cap)
            gain = total - base_total
            if gain > 0:
                out.append(
                    Candidate(
                        q.code,
                        q.area,
                        q.part,
                        q.sub_area,
                        q.text,
                        current.answer,
                        "100%",
                        gain,
                        gain,
                        total,
                    )
                )
            continue
        better = _next_better(q.options, current.value)
        if better is None:
            continue
        best = q.options[0]
        total = rescore_q(q.code, better.value)
        best_total = total if better is best else rescore_q(q.code, best.value)
        if total - base_total > 0:
            out.append(
                Candidate(
                    q.code,
                    q.area,
                    q.part,
                    q.sub_area,
                    q.text,
                    current.answer,
                    better.letter,
                    total - base_total,
                    best_total - base_total,
                    total,
                )
            )
    for item in spec.hasil_items:
        if not item.options:
            continue
        raw, value = hasil_values.get(item.key, (None, None))
        better = _next_better(item.options, value)
        if better is None:
            continue
        total = rescore_h(item.key, better.value)
        best_total = (
            total
            if better is item.options[0]
            else rescore_h(item.key, item.options[0].value)
        )
        if total - base_total > 0:
            out.append(
                Candidate(
                    item.code,
                    "",
                    "hasil",
                    item.group,
                    item.text,
                    raw,
                    better.letter,
                    total - base_total,
                    best_total - base_total,
                    total,
                )
            )
    order = {q.code: q.order for q in spec.questions}
    out.sort(key=lambda c: (-c.gain, -c.gain_to_best, order.get(c.code, 10**6)))
    return out[:limit] if limit is not None else out


def _next_better(options: tuple[Any, ...], value: Decimal | None) -> Any:
    """Return the option one step better than ``value`` (the best when unanswered)."""
    if not options:
        return None
    if value is None:
        return options[0]
    better = [o for o in options if o.value > value]
    return min(better, key=lambda o: o.value) if better else None


# --------------------------------------------------------------------------- rules shown in the UI


def rule_notes(spec: InstrumentSpec) -> list[RuleNote]:
    """Describe, in Indonesian, the scoring rules decided where the regulation is silent."""
    digits = spec.rules.rounding_digits
    notes = [
        RuleNote(
            "rounding",
            "Pembulatan",
            f"Nilai dihitung penuh (tanpa pembulatan antara); tampilan dan perbandingan dengan ambang batas "
            f"memakai nilai yang dibulatkan {digits} desimal (setengah ke atas).",
        ),
    ]
    if spec.rules.unanswered == "zero":
        notes.append(
            RuleNote(
                "unanswered",
                "Pertanyaan belum dijawab",
                "Pertanyaan yang belum dijawab dihitung 0 dalam rata-rata sub-area, sehingga nilai sementara tidak "
                "pernah melebihi nilai akhir. Penilaian mandiri hanya dapat diajukan bila semua pertanyaan terjawab.",
            )
        )
    else:
        notes.append(
            RuleNote(
                "unanswered",
                "Pertanyaan belum dijawab",
                "Pertanyaan yang belum dijawab tidak dihitung dalam rata-rata sub-area (seperti AVERAGE di Excel).",
            )
        )
    if spec.rules.area_minimum_basis == "combined":
        notes.append(
            RuleNote(
                "area_minimum",
                "Nilai minimal per area",
                "Batas minimal per area pengungkit (mis. 60% untuk WBK, 75% untuk WBBM) dihitung dari nilai "
                "Pemenuhan + Reform area tersebut terhadap bobot area.",
            )
        )
    else:
        notes.append(
            RuleNote(
                "area_minimum",
                "Nilai minimal per area",
                "Batas minimal per area pengungkit berlaku terpisah untuk bagian Pemenuhan dan bagian Reform.",
            )
        )
    zero_rules = []
    for q in spec.questions:
        f = q.formula
        if f is None:
            continue
        if f.kind == "ratio":
            zero_rules.append(
                f"{q.code}: pembagi 0 → {format_id(f.zero_denominator * HUNDRED, 0)}%"
            )
        else:
            zero_rules.append(
                f"{q.code}: keduanya 0 → {format_id(f.both_zero * HUNDRED, 0)}%, "
                f"tahun lalu 0 dan tahun ini > 0 → {format_id(f.previous_zero * HUNDRED, 0)}%"
            )
    if zero_rules:
        notes.append(
            RuleNote(
                "zero_denominator",
                "Pembagi nol pada butir persentase",
                "Persentase dibatasi maksimal 100%. " + "; ".join(zero_rules) + ".",
            )
        )
    weighted = [
        s
        for s in spec.sub_areas
        if len({q.weight for q in s.questions}) > 1 or any(q.group for q in s.questions)
    ]
    for sub in weighted:
        parts = " + ".join(
            f"{format_id(q.weight, 0)} × {q.code}" for q in sub.questions
        )
        notes.append(
            RuleNote(
                f"weighted:{sub.code}",
                f"Bobot dalam sub-area {sub.name}",
                f"Nilai {sub.code} = ({parts}) ÷ {format_id(sum((q.weight for q in sub.questions), ZERO), 0)} × "
                f"{format_id(sub.weight)}.",
            )
        )
    return notes
