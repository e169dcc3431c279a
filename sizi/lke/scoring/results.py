"""Inputs and results of LKE scoring: answers, scores, eligibility, candidates."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sizi.core.numbers import NumberError, parse_number

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
        return percent_of(self.value, self.weight)


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
        return percent_of(self.value, self.weight)

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
            "pemenuhan": as_number(r(self.pemenuhan)),
            "reform": as_number(r(self.reform)),
            "pengungkit": as_number(r(self.pengungkit)),
            "hasil": as_number(r(self.hasil)),
            "total": as_number(r(self.total)),
            "answered": self.answered,
            "questions": self.question_count,
            "areas": [
                {
                    "code": a.code,
                    "name": a.name,
                    "weight": as_number(a.weight),
                    "pemenuhan": as_number(r(a.pemenuhan)),
                    "reform": as_number(r(a.reform)),
                    "value": as_number(r(a.value)),
                    "percent": as_number(r(a.percent)),
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
                    "weight": as_number(s.weight),
                    "value": as_number(r(s.value)),
                    "percent": as_number(r(s.percent)),
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
                    "weight": as_number(i.weight),
                    "value": as_number(r(i.value)),
                }
                for g in self.hasil_groups
                for i in g.items
            ],
            "hasil_groups": [
                {
                    "code": g.code,
                    "name": g.name,
                    "weight": as_number(g.weight),
                    "value": as_number(r(g.value)),
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
            "actual": as_number(self.actual),
            "required": as_number(self.required),
            "gap": as_number(self.gap),
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
            "gain": as_number(quantize(self.gain, 4)),
            "gain_to_best": as_number(quantize(self.gain_to_best, 4)),
            "total_after": as_number(quantize(self.total_after, 4)),
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


def as_number(value: Decimal) -> float | int:
    return int(value) if value == value.to_integral_value() else float(value)


def percent_of(value: Decimal, weight: Decimal) -> Decimal:
    return value / weight * HUNDRED if weight else ZERO


def to_decimal(value: Any) -> Decimal | None:
    """Return a stored or read value as a bounded Decimal; None if it is not a number.

    Scoring never refuses: an unreadable input is simply missing. Reading goes
    through the one bounded parser (`sizi.core.numbers`), so an exponent, NaN,
    Infinity or a hundred digits count as missing instead of being computed.
    """
    try:
        return parse_number(value)
    except NumberError:
        return None
