"""The LKE ZI instrument schema: frozen dataclasses filled from an instrument file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path

INSTRUMENTS_DIR = Path(__file__).resolve().parent.parent / "instruments"
DEFAULT_INSTRUMENT_FILE = "permenpanrb-90-2021.yaml"

PARTS = ("pemenuhan", "reform")
PART_NAMES = {"pemenuhan": "Pemenuhan", "reform": "Reform"}
ANSWER_KINDS = ("choice", "formula", "index")
FORMULA_KINDS = ("ratio", "decrease")
UNANSWERED_RULES = ("zero", "exclude")
AREA_MINIMUM_BASES = ("combined", "per_part")
WEIGHT_TOLERANCE = Decimal("0.0001")


class InstrumentError(ValueError):
    """The instrument file is missing, unreadable or inconsistent."""


@dataclass(frozen=True)
class OptionSpec:
    letter: str  # "a".."e" or "ya"/"tidak"
    text: str
    value: Decimal  # multiplier 0..1


@dataclass(frozen=True)
class AnswerTypeSpec:
    code: str  # "yn", "abc", "abcd", "abcde", "percent", "index"
    label: str  # "Ya/Tidak", "A/B/C", ... as in the official workbook column J
    kind: str  # "choice" | "formula" | "index"
    values: tuple[tuple[str, Decimal], ...] = ()  # letter -> multiplier, best first
    scale_max: Decimal | None = None  # for "index": the value is divided by this


@dataclass(frozen=True)
class InputSpec:
    code: str
    label: str
    used: bool = True  # False: collected as in the workbook but not in the formula


@dataclass(frozen=True)
class FormulaSpec:
    """A named percentage formula (no expression evaluation).

    ``ratio``: min(cap, sum(numerator) / sum(denominator)); denominator 0 gives
    ``zero_denominator``.
    ``decrease``: (previous - current) / previous clamped to 0..cap; previous 0
    gives ``both_zero`` when current is 0 as well, else ``previous_zero``.
    """

    kind: str
    numerator: tuple[str, ...] = ()
    denominator: tuple[str, ...] = ()
    previous: str | None = None
    current: str | None = None
    zero_denominator: Decimal = Decimal(0)
    both_zero: Decimal = Decimal(1)
    previous_zero: Decimal = Decimal(0)
    cap: Decimal = Decimal(1)

    @property
    def referenced_inputs(self) -> tuple[str, ...]:
        refs = [*self.numerator, *self.denominator]
        refs += [c for c in (self.previous, self.current) if c]
        return tuple(refs)


@dataclass(frozen=True)
class QuestionSpec:
    code: str  # e.g. "P.1.i.a", "R.4.i.-"
    area: str  # area code, e.g. "MP"
    part: str  # "pemenuhan" | "reform"
    sub_area: str  # sub-area code, e.g. "P.1.i"
    sub_area_name: str
    sub_area_weight: Decimal
    text: str
    answer_type: str  # key of InstrumentSpec.answer_types
    options: tuple[OptionSpec, ...] = ()  # best first; empty for percent items
    inputs: tuple[InputSpec, ...] = ()
    formula: FormulaSpec | None = None
    criteria: str = ""  # Penjelasan (criteria for "Ya", or formula explanation)
    weight: Decimal = Decimal(1)  # relative weight inside the sub-area (default equal)
    group: str = ""  # optional label of a sub-group (e.g. "a. Penyampaian LHKPN")
    order: int = 0

    @property
    def is_percent(self) -> bool:
        return self.formula is not None

    def option(self, letter: str) -> OptionSpec | None:
        for option in self.options:
            if option.letter == letter:
                return option
        return None


@dataclass(frozen=True)
class SubAreaSpec:
    code: str  # "P.1.i"
    numeral: str  # "i"
    name: str
    weight: Decimal
    area: str
    part: str
    questions: tuple[QuestionSpec, ...]


@dataclass(frozen=True)
class PartSpec:
    code: str  # "pemenuhan" | "reform"
    name: str
    weight: Decimal
    sub_areas: tuple[SubAreaSpec, ...]


@dataclass(frozen=True)
class AreaSpec:
    code: str  # "MP", "PT", "SDM", "AK", "PW", "PP"
    number: int
    name: str
    weight: Decimal
    parts: tuple[PartSpec, ...]

    def part(self, code: str) -> PartSpec | None:
        return next((p for p in self.parts if p.code == code), None)


@dataclass(frozen=True)
class ComponentSpec:
    code: str  # "pengungkit" | "hasil"
    name: str
    weight: Decimal
    parts: tuple[tuple[str, str, Decimal], ...] = ()  # (code, name, weight)


@dataclass(frozen=True)
class HasilItemSpec:
    code: str  # "H1.a"
    key: str  # "ipak", "capaian_kinerja", "ipkp"
    name: str
    text: str
    answer_type: str  # "index" or a choice type
    weight: Decimal
    group: str  # "H1"
    criteria: str = ""
    options: tuple[OptionSpec, ...] = ()
    scale_max: Decimal | None = None


@dataclass(frozen=True)
class HasilGroupSpec:
    code: str
    name: str
    weight: Decimal
    items: tuple[HasilItemSpec, ...]


@dataclass(frozen=True)
class ThresholdSpec:
    code: str  # "wbk" | "wbbm"
    label: str  # "Menuju WBK"
    total: Decimal
    pengungkit: Decimal
    area_min_percent: Decimal  # e.g. 60 (percent of each area's weight)
    hasil: tuple[tuple[str, Decimal], ...]  # hasil group or item code -> minimum
    prerequisite: str | None = None  # code of a predicate that must already be held


@dataclass(frozen=True)
class RulesSpec:
    """Rules the regulation leaves open (decided in docs/lke-scoring.md)."""

    rounding_digits: int = 2
    unanswered: str = "zero"  # "zero": counts 0 | "exclude": left out of the average
    area_minimum_basis: str = (
        "combined"  # "combined" area | "per_part" pemenuhan & reform
    )


@dataclass(frozen=True)
class InstrumentSpec:
    code: str
    name: str
    citation: str
    effective_date: dt.date
    version: int
    components: tuple[ComponentSpec, ...]
    areas: tuple[AreaSpec, ...]
    hasil_groups: tuple[HasilGroupSpec, ...]
    thresholds: tuple[ThresholdSpec, ...]
    rules: RulesSpec
    answer_types: Mapping[str, AnswerTypeSpec] = field(hash=False, compare=False)
    notes: str = ""
    source: str = ""

    @cached_property
    def questions(self) -> tuple[QuestionSpec, ...]:
        return tuple(q for s in self.sub_areas for q in s.questions)

    @cached_property
    def sub_areas(self) -> tuple[SubAreaSpec, ...]:
        return tuple(s for a in self.areas for p in a.parts for s in p.sub_areas)

    @cached_property
    def hasil_items(self) -> tuple[HasilItemSpec, ...]:
        return tuple(i for g in self.hasil_groups for i in g.items)

    @cached_property
    def _question_index(self) -> dict[str, QuestionSpec]:
        return {q.code: q for q in self.questions}

    def question(self, code: str) -> QuestionSpec:
        return self._question_index[code]

    def area(self, code: str) -> AreaSpec:
        return next(a for a in self.areas if a.code == code)

    def threshold(self, code: str) -> ThresholdSpec:
        return next(t for t in self.thresholds if t.code == code)

    def component(self, code: str) -> ComponentSpec | None:
        return next((c for c in self.components if c.code == code), None)

    def questions_in(
        self, area: str, part: str | None = None
    ) -> Iterator[QuestionSpec]:
        return (
            q
            for q in self.questions
            if q.area == area and (part is None or q.part == part)
        )

    @property
    def pengungkit_weight(self) -> Decimal:
        return sum((a.weight for a in self.areas), Decimal(0))

    @property
    def hasil_weight(self) -> Decimal:
        return sum((g.weight for g in self.hasil_groups), Decimal(0))
