"""What the LKE reads from the surveys: Hasil values (IPAK, IPKP) and the P.6.iv.a hint.

The LKE (which may import surveys, never the reverse) calls:

- `hasil_inputs(unit, year)` → {"H1.a": SurveyLkeValue | None, "H2.a": …}: the
  LKE "Nilai (0–4)" of the unit's latest **closed** IPAK / IPKP period of that
  year, with its source text, the period and a warning when the minimum sample
  (30 respondents, or Krejcie-Morgan if larger) was not reached;
- `skm_frequency(unit, year)` → SkmFrequency: the closed SKM periods of that year
  with at least one response and the P.6.iv.a letter they suggest (≥ 4 → a,
  3 → b, 2 → c, 1 → d, none → e).

Both are suggestions: the LKE layer stores its own value, and a reviewer layer
can override it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.utils import formats, timezone

from sizi.surveys.models import Response, SurveyPeriod
from sizi.surveys.results import period_results
from sizi.units.models import Unit

HASIL_QUESTIONS = {"ipak": "H1.a", "ipkp": "H2.a"}
SKM_QUESTION = "P.6.iv.a"


@dataclass(frozen=True)
class SurveyLkeValue:
    question: str
    instrument_code: str
    value: Decimal
    index: Decimal
    conversion: str
    period_id: int
    period_title: str
    closed_at: datetime | None
    respondents: int
    minimum: int
    minimum_reached: bool
    warning: str
    source: str


def _closed_periods(unit: Unit, year: int, code: str) -> list[SurveyPeriod]:
    return list(
        SurveyPeriod.objects.filter(
            unit=unit,
            year=year,
            instrument__code=code,
            status=SurveyPeriod.Status.CLOSED,
        )
        .select_related("instrument", "unit")
        .order_by("-ends_on", "-closed_at", "-pk")
    )


def _date(moment: datetime | None) -> str:
    if moment is None:
        return "-"
    return formats.date_format(timezone.localtime(moment), "j F Y")


def _comma(value: Decimal) -> str:
    return format(value, "f").replace(".", ",")


def survey_lke_value(unit: Unit, year: int, code: str) -> SurveyLkeValue | None:
    """Return the LKE value of the latest closed `code` period of the unit in `year`."""
    periods = _closed_periods(unit, year, code)
    if not periods:
        return None
    period = periods[0]
    results = period_results(period)
    if results.lke_value is None or results.index is None:
        return None
    required = results.sample.required
    warning = (
        ""
        if results.reached
        else (
            f"Sampel minimum belum terpenuhi: {results.respondents} dari {required} "
            "responden."
        )
    )
    source = (
        f"Survei {results.index_name} SIZI «{period.title}» (periode #{period.pk}, "
        f"ditutup {_date(period.closed_at)}), {results.respondents} responden, "
        f"indeks {_comma(results.index)} → nilai LKE {_comma(results.lke_value)}"
        + (f". {warning}" if warning else "")
    )
    return SurveyLkeValue(
        question=HASIL_QUESTIONS[code],
        instrument_code=code,
        value=results.lke_value,
        index=results.index,
        conversion=results.lke_conversion,
        period_id=period.pk,
        period_title=period.title,
        closed_at=period.closed_at,
        respondents=results.respondents,
        minimum=required,
        minimum_reached=results.reached,
        warning=warning,
        source=source,
    )


def hasil_inputs(unit: Unit, year: int) -> dict[str, SurveyLkeValue | None]:
    """Return the Hasil survey values for the unit's LKE of `year`, by LKE question code."""
    return {
        question: survey_lke_value(unit, year, code)
        for code, question in HASIL_QUESTIONS.items()
    }


@dataclass(frozen=True)
class SkmFrequency:
    question: str
    year: int
    count: int
    letter: str
    period_titles: tuple[str, ...]


def skm_frequency(unit: Unit, year: int) -> SkmFrequency:
    """Return how many SKM were held (closed, with responses) in `year` and the letter."""
    with_answers = Response.objects.filter(period__unit=unit, period__year=year).values(
        "period"
    )
    titles = tuple(
        SurveyPeriod.objects.filter(
            unit=unit,
            year=year,
            instrument__code="skm",
            status=SurveyPeriod.Status.CLOSED,
            pk__in=with_answers,
        )
        .order_by("starts_on", "pk")
        .values_list("title", flat=True)
    )
    count = len(titles)
    letter = "a" if count >= 4 else {3: "b", 2: "c", 1: "d"}.get(count, "e")
    return SkmFrequency(SKM_QUESTION, year, count, letter, titles)
