"""Survey indices, exactly per zi-rules §3.3/§3.4 and §4 (pure, Django-free).

SKM/IKM: NRR per unsur = sum of the values ÷ respondents who answered it; the
IKM on 1–4 is the sum of the NRR weighted with exactly 1/9 (1 ÷ the number of
unsur answered); the unit's value is IKM × 25; the mutu is read from the NIK
bands of the instrument on the ×25 value rounded to two decimals (the number a
report prints and its grade never disagree). `legacy=True` weights with the
instrument's printed 0,111 instead, only to reproduce an old report, and the
result says so.

IPAK/IPKP: the same item means with equal weights give the index on the native
1–4 scale; ×25 for display; the LKE "Nilai (0–4)" is the native index × the
instrument's recorded conversion factor, rounded to two decimals (the LKE
compares its thresholds on two decimals, zi-rules §1.4).

Everything is computed with exact fractions; `Decimal`s only at the edge.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from sizi.surveys.instruments.definition import Grade, Instrument

LEGACY_NOTE = "Dihitung dengan bobot lama 0,111 (hanya untuk mencocokkan laporan lama)"


def to_decimal(value: Fraction, places: int = 2) -> Decimal:
    """Return `value` rounded half-up to `places` decimals."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Totals:
    """Sum and count of the values given to one question (what SQL aggregates)."""

    total: int
    count: int


@dataclass(frozen=True)
class ItemScore:
    """One unsur/aspect/variable: respondents who answered it and its NRR."""

    code: str
    name: str
    respondents: int
    total: int
    nrr: Fraction | None
    weighted: Fraction | None

    @property
    def nrr_display(self) -> Decimal | None:
        return None if self.nrr is None else to_decimal(self.nrr, 2)

    @property
    def nrr_precise(self) -> Decimal | None:
        return None if self.nrr is None else to_decimal(self.nrr, 4)

    @property
    def converted(self) -> Decimal | None:
        """The item's NRR × 25 (its own 25–100 value), two decimals."""
        return None if self.nrr is None else to_decimal(self.nrr * 25, 2)


@dataclass(frozen=True)
class IndexResult:
    """An index over a set of responses, with everything a report prints."""

    instrument_code: str
    index_name: str
    respondents: int
    items: tuple[ItemScore, ...]
    weight: Fraction
    index: Fraction | None
    converted: Fraction | None
    grade: Grade | None
    legacy: bool
    lke_value: Decimal | None
    lke_conversion: str

    @property
    def index_display(self) -> Decimal | None:
        return None if self.index is None else to_decimal(self.index, 2)

    @property
    def index_precise(self) -> Decimal | None:
        return None if self.index is None else to_decimal(self.index, 4)

    @property
    def converted_display(self) -> Decimal | None:
        return None if self.converted is None else to_decimal(self.converted, 2)

    @property
    def weight_display(self) -> Decimal:
        return to_decimal(self.weight, 4)

    @property
    def note(self) -> str:
        return LEGACY_NOTE if self.legacy else ""

    @property
    def lowest(self) -> ItemScore | None:
        """The answered item with the lowest NRR (first in instrument order on a tie)."""
        answered = [item for item in self.items if item.nrr is not None]
        return min(answered, key=lambda item: item.nrr or 0) if answered else None


def combine(nrrs: Sequence[Fraction], weight: Fraction) -> Fraction:
    """Return Σ NRR × weight (the index on the native scale)."""
    return sum((nrr * weight for nrr in nrrs), Fraction(0))


def grade_for(instrument: Instrument, converted: Fraction) -> Grade | None:
    """Return the mutu band of a ×25 value, read on two decimals; None without bands."""
    shown = to_decimal(converted, 2)
    for grade in instrument.grades:
        if shown >= grade.min_converted:
            return grade
    return instrument.grades[-1] if instrument.grades else None


def totals_of(
    instrument: Instrument, responses: Iterable[Mapping[str, int]]
) -> dict[str, Totals]:
    """Return the sum and count per question of a set of answered questionnaires."""
    sums = {code: [0, 0] for code in instrument.question_codes}
    for answers in responses:
        for code, value in answers.items():
            if code in sums:
                sums[code][0] += value
                sums[code][1] += 1
    return {code: Totals(total, count) for code, (total, count) in sums.items()}


def _weight(instrument: Instrument, answered: int, legacy: bool) -> Fraction:
    if legacy:
        if instrument.legacy_weight is None:
            raise ValueError(f"{instrument.code}: tidak ada bobot lama.")
        return Fraction(instrument.legacy_weight)
    return Fraction(1, answered) if answered else Fraction(0)


def score_totals(
    instrument: Instrument,
    totals: Mapping[str, Totals],
    respondents: int,
    *,
    legacy: bool = False,
) -> IndexResult:
    """Return the index of per-question totals (SUM and COUNT of the values)."""
    answered = [
        c for c in instrument.question_codes if totals.get(c, Totals(0, 0)).count
    ]
    weight = _weight(instrument, len(answered), legacy)
    items = []
    for question in instrument.questions:
        t = totals.get(question.code, Totals(0, 0))
        nrr = Fraction(t.total, t.count) if t.count else None
        items.append(
            ItemScore(
                code=question.code,
                name=question.name,
                respondents=t.count,
                total=t.total,
                nrr=nrr,
                weighted=None if nrr is None else nrr * weight,
            )
        )
    nrrs = [item.nrr for item in items if item.nrr is not None]
    index = combine(nrrs, weight) if nrrs else None
    converted = None if index is None else index * Fraction(instrument.converted_factor)
    lke = instrument.lke
    return IndexResult(
        instrument_code=instrument.code,
        index_name=instrument.index_name,
        respondents=respondents,
        items=tuple(items),
        weight=weight,
        index=index,
        converted=converted,
        grade=None if converted is None else grade_for(instrument, converted),
        legacy=legacy,
        lke_value=(
            None
            if lke is None or index is None
            else to_decimal(index * Fraction(lke.factor), 2)
        ),
        lke_conversion=lke.text if lke is not None else "",
    )


def score(
    instrument: Instrument,
    responses: Sequence[Mapping[str, int]],
    *,
    legacy: bool = False,
) -> IndexResult:
    """Return the index of a list of questionnaires (answers by question code)."""
    return score_totals(
        instrument, totals_of(instrument, responses), len(responses), legacy=legacy
    )


def meets(instrument: Instrument, result: IndexResult) -> list[tuple[str, bool]]:
    """Return each survey threshold of the instrument (e.g. WBK ≥ 3,20) and whether met."""
    if result.index is None:
        return [(t.label, False) for t in instrument.thresholds]
    shown = to_decimal(result.index, 2)
    return [(t.label, shown >= t.min_native) for t in instrument.thresholds]
