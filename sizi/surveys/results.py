"""Results of survey periods as typed rows for the results page, the report and the CLI.

Reads the database with a fixed number of aggregate queries (sums and counts
per question, per layanan, per demographic value), whatever the number of
responses, and hands the pure `scoring` module the totals. Suspicious responses
are counted by default (and their share shown); `exclude_suspicious=True` gives
the index without them, for comparison. The public view hides every cell of
fewer than `MIN_CELL` respondents.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from django.db.models import Count, QuerySet, Sum
from django.utils import timezone
from django.utils.formats import date_format

from sizi.surveys.instruments.definition import Instrument
from sizi.surveys.instruments.loading import definition_of
from sizi.surveys.models import (
    PeriodService,
    Response,
    ResponseAnswer,
    ServiceType,
    SurveyPeriod,
)
from sizi.surveys.sampling import SampleTarget, allocate, sample_target
from sizi.surveys.scoring import IndexResult, Totals, meets, score_totals, to_decimal
from sizi.units.models import Unit

MIN_CELL = 5
DEMOGRAPHICS = ("gender", "age_group", "education", "occupation")


@dataclass(frozen=True)
class ItemRow:
    code: str
    name: str
    respondents: int
    nrr: Decimal | None
    nrr_precise: Decimal | None
    weighted: Decimal | None
    converted: Decimal | None
    is_lowest: bool


@dataclass(frozen=True)
class ServiceRow:
    service_type_id: int | None
    name: str
    respondents: int
    minimum: int | None
    reached: bool
    index: Decimal | None
    converted: Decimal | None
    grade: str


@dataclass(frozen=True)
class CountRow:
    code: str
    label: str
    count: int
    percent: Decimal


@dataclass(frozen=True)
class DemographicRow:
    code: str
    label: str
    counts: tuple[CountRow, ...]


@dataclass(frozen=True)
class PeriodResults:
    period_id: int
    title: str
    instrument_code: str
    instrument_version: str
    index_name: str
    status: str
    respondents: int
    items: tuple[ItemRow, ...]
    index: Decimal | None
    index_precise: Decimal | None
    converted: Decimal | None
    grade: str
    grade_label: str
    legacy: bool
    note: str
    weight: Decimal
    lke_value: Decimal | None
    lke_conversion: str
    thresholds: tuple[tuple[str, bool], ...]
    sample: SampleTarget
    reached: bool
    services: tuple[ServiceRow, ...]
    demographics: tuple[DemographicRow, ...]
    channels: tuple[CountRow, ...]
    suspicious: int
    suspicious_percent: Decimal
    excluded_suspicious: bool

    @property
    def lowest(self) -> ItemRow | None:
        return next((item for item in self.items if item.is_lowest), None)


def _percent(part: int, whole: int) -> Decimal:
    return to_decimal(Fraction(part * 100, whole), 1) if whole else Decimal(0)


def _responses(period: SurveyPeriod, exclude_suspicious: bool) -> QuerySet[Response]:
    responses = Response.objects.filter(period=period)
    return responses.filter(is_suspicious=False) if exclude_suspicious else responses


def _item_rows(result: IndexResult) -> tuple[ItemRow, ...]:
    lowest = result.lowest
    return tuple(
        ItemRow(
            code=item.code,
            name=item.name,
            respondents=item.respondents,
            nrr=item.nrr_display,
            nrr_precise=item.nrr_precise,
            weighted=None if item.weighted is None else to_decimal(item.weighted, 4),
            converted=item.converted,
            is_lowest=lowest is not None and item.code == lowest.code,
        )
        for item in result.items
    )


def _totals_by_service(
    period: SurveyPeriod, exclude_suspicious: bool
) -> dict[int | None, dict[str, Totals]]:
    answers = ResponseAnswer.objects.filter(response__period=period)
    if exclude_suspicious:
        answers = answers.filter(response__is_suspicious=False)
    by_service: dict[int | None, dict[str, Totals]] = defaultdict(dict)
    rows = (
        answers.values_list("response__service_type", "question")
        .annotate(total=Sum("value"), count=Count("id"))
        .order_by()
    )
    for service_id, question, total, count in rows:
        by_service[service_id][question] = Totals(total or 0, count)
    return by_service


def _merge(parts: list[dict[str, Totals]]) -> dict[str, Totals]:
    merged: dict[str, Totals] = {}
    for part in parts:
        for code, t in part.items():
            old = merged.get(code, Totals(0, 0))
            merged[code] = Totals(old.total + t.total, old.count + t.count)
    return merged


@dataclass(frozen=True)
class _Counts:
    by_service: dict[int | None, int]
    channels: dict[str, int]
    suspicious: int
    demographics: dict[str, dict[str, int]]

    @property
    def respondents(self) -> int:
        return sum(self.by_service.values())


def _counts(period: SurveyPeriod, exclude_suspicious: bool) -> _Counts:
    by_service: dict[int | None, int] = defaultdict(int)
    channels: dict[str, int] = defaultdict(int)
    demographics: dict[str, dict[str, int]] = {
        f: defaultdict(int) for f in DEMOGRAPHICS
    }
    suspicious = 0
    rows = (
        _responses(period, exclude_suspicious)
        .values_list("service_type", "channel", "is_suspicious", *DEMOGRAPHICS)
        .annotate(n=Count("id"))
        .order_by()
    )
    for service_id, channel, flagged, *values, n in rows:
        by_service[service_id] += n
        channels[channel] += n
        suspicious += n if flagged else 0
        for field, value in zip(DEMOGRAPHICS, values, strict=True):
            demographics[field][value] += n
    return _Counts(dict(by_service), dict(channels), suspicious, demographics)


def _demographic_rows(
    instrument: Instrument, counts: dict[str, dict[str, int]], whole: int
) -> tuple[DemographicRow, ...]:
    rows = []
    for field in instrument.demographics:
        found = counts.get(field.code, {})
        cells = [
            CountRow(
                c.code,
                c.label,
                found.get(c.code, 0),
                _percent(found.get(c.code, 0), whole),
            )
            for c in field.choices
        ]
        if found.get(""):
            cells.append(
                CountRow("", "Tidak diisi", found[""], _percent(found[""], whole))
            )
        rows.append(DemographicRow(field.code, field.label, tuple(cells)))
    return tuple(rows)


def _service_rows(
    period: SurveyPeriod,
    instrument: Instrument,
    sample: SampleTarget,
    counts: _Counts,
    totals: dict[int | None, dict[str, Totals]],
) -> tuple[ServiceRow, ...]:
    covered = list(
        PeriodService.objects.filter(period=period).select_related("service_type")
    )
    names = {ps.service_type_id: ps.service_type.name for ps in covered}
    extra_ids = [pk for pk in counts.by_service if pk is not None and pk not in names]
    if extra_ids:
        names.update(
            ServiceType.objects.filter(pk__in=extra_ids).values_list("pk", "name")
        )
    populations = {ps.service_type_id: ps.population for ps in covered}
    known = {k: v for k, v in populations.items() if v}
    minimums = (
        allocate(sample.required, known) if len(known) == len(covered) and known else {}
    )
    keys: list[int | None] = [*names]
    if None in counts.by_service:
        keys.append(None)
    rows = []
    for key in keys:
        n = counts.by_service.get(key, 0)
        minimum = minimums.get(key) if key is not None else None
        result = score_totals(instrument, totals.get(key, {}), n)
        rows.append(
            ServiceRow(
                service_type_id=key,
                name=names.get(key, "") if key is not None else "Tanpa jenis layanan",
                respondents=n,
                minimum=minimum,
                reached=n >= minimum if minimum is not None else n > 0,
                index=result.index_display,
                converted=result.converted_display,
                grade=result.grade.letter if result.grade else "",
            )
        )
    return tuple(rows)


def period_results(
    period: SurveyPeriod, *, legacy: bool = False, exclude_suspicious: bool = False
) -> PeriodResults:
    """Return everything the results page and the report show for one period."""
    instrument = definition_of(period.instrument)
    counts = _counts(period, exclude_suspicious)
    by_service = _totals_by_service(period, exclude_suspicious)
    result = score_totals(
        instrument, _merge(list(by_service.values())), counts.respondents, legacy=legacy
    )
    sample = sample_target(instrument, period.population)
    whole = counts.respondents
    return PeriodResults(
        period_id=period.pk,
        title=period.title,
        instrument_code=instrument.code,
        instrument_version=instrument.version,
        index_name=instrument.index_name,
        status=period.status,
        respondents=whole,
        items=_item_rows(result),
        index=result.index_display,
        index_precise=result.index_precise,
        converted=result.converted_display,
        grade=result.grade.letter if result.grade else "",
        grade_label=result.grade.label if result.grade else "",
        legacy=legacy,
        note=result.note,
        weight=result.weight_display,
        lke_value=result.lke_value,
        lke_conversion=result.lke_conversion,
        thresholds=tuple(meets(instrument, result)),
        sample=sample,
        reached=sample.reached(whole),
        services=_service_rows(period, instrument, sample, counts, by_service),
        demographics=_demographic_rows(instrument, counts.demographics, whole),
        channels=tuple(
            CountRow(
                c.value,
                c.label,
                counts.channels.get(c.value, 0),
                _percent(counts.channels.get(c.value, 0), whole),
            )
            for c in Response.Channel
        ),
        suspicious=counts.suspicious,
        suspicious_percent=_percent(counts.suspicious, whole),
        excluded_suspicious=exclude_suspicious,
    )


# --- Trend across periods ------------------------------------------------------


@dataclass(frozen=True)
class TrendPoint:
    period_id: int
    title: str
    year: int
    ends_on: date
    status: str
    respondents: int
    index: Decimal | None
    converted: Decimal | None
    grade: str


def _response_counts(periods: list[SurveyPeriod]) -> dict[int, tuple[int, int]]:
    """Return (responses, suspicious) per period id, in one query."""
    counts: dict[int, tuple[int, int]] = {}
    rows = (
        Response.objects.filter(period__in=[p.pk for p in periods])
        .values_list("period", "is_suspicious")
        .annotate(n=Count("id"))
        .order_by()
    )
    for period_id, flagged, n in rows:
        total, suspicious = counts.get(period_id, (0, 0))
        counts[period_id] = (total + n, suspicious + (n if flagged else 0))
    return counts


def trend(unit: Unit, instrument_code: str) -> list[TrendPoint]:
    """Return the index of every period of the unit for one instrument, oldest first."""
    periods = list(
        SurveyPeriod.objects.filter(unit=unit, instrument__code=instrument_code)
        .select_related("instrument")
        .order_by("starts_on", "pk")
    )
    counts = _response_counts(periods)
    totals: dict[int, dict[str, Totals]] = defaultdict(dict)
    rows = (
        ResponseAnswer.objects.filter(response__period__in=[p.pk for p in periods])
        .values_list("response__period", "question")
        .annotate(total=Sum("value"), count=Count("id"))
        .order_by()
    )
    for period_id, question, total, count in rows:
        totals[period_id][question] = Totals(total or 0, count)
    points = []
    for period in periods:
        n = counts.get(period.pk, (0, 0))[0]
        result = score_totals(definition_of(period.instrument), totals[period.pk], n)
        points.append(
            TrendPoint(
                period_id=period.pk,
                title=period.title,
                year=period.year,
                ends_on=period.ends_on,
                status=period.status,
                respondents=n,
                index=result.index_display,
                converted=result.converted_display,
                grade=result.grade.letter if result.grade else "",
            )
        )
    return points


# --- Period list ---------------------------------------------------------------


@dataclass(frozen=True)
class PeriodRow:
    period_id: int
    title: str
    instrument_code: str
    instrument_label: str
    year: int
    starts_on: date
    ends_on: date
    status: str  # the period's stored status (the API reports it)
    status_label: str
    shown_status: str  # "expired"/"scheduled" for an open period out of its dates
    respondents: int
    required: int
    reached: bool
    suspicious: int


def _status(period: SurveyPeriod, today: date) -> tuple[str, str]:
    """The status shown in lists: an open period past its end date takes no
    more answers (its public link says "Survei sudah ditutup"), so it does not
    read "Dibuka" there."""
    if period.is_open and period.ends_on < today:
        return "expired", "Masa isi sudah lewat (belum ditutup)"
    if period.is_open and period.starts_on > today:
        return "scheduled", "Dibuka mulai " + date_format(period.starts_on, "j F Y")
    return period.status, period.get_status_display()


def period_rows(unit: Unit, today: date | None = None) -> list[PeriodRow]:
    """Return the unit's periods for a list, newest first, in two queries."""
    today = today or timezone.localdate()
    periods = list(
        SurveyPeriod.objects.filter(unit=unit)
        .select_related("instrument")
        .order_by("-year", "-starts_on", "-pk")
    )
    counts = _response_counts(periods)
    rows = []
    for period in periods:
        sample = sample_target(definition_of(period.instrument), period.population)
        n, suspicious = counts.get(period.pk, (0, 0))
        rows.append(
            PeriodRow(
                period_id=period.pk,
                title=period.title,
                instrument_code=period.instrument.code,
                instrument_label=period.instrument.get_code_display(),
                year=period.year,
                starts_on=period.starts_on,
                ends_on=period.ends_on,
                status=period.status,
                status_label=_status(period, today)[1],
                shown_status=_status(period, today)[0],
                respondents=n,
                required=sample.required,
                reached=sample.reached(n),
                suspicious=suspicious,
            )
        )
    return rows


# --- Public view ---------------------------------------------------------------


@dataclass(frozen=True)
class PublicResults:
    """Aggregates safe to publish: no cell below MIN_CELL respondents, no text."""

    title: str
    index_name: str
    respondents: int
    shown: bool
    items: tuple[ItemRow, ...]
    index: Decimal | None
    converted: Decimal | None
    grade: str
    grade_label: str
    services: tuple[ServiceRow, ...]
    hidden_services: int
    demographics: tuple[DemographicRow, ...]


def _public_counts(row: DemographicRow) -> DemographicRow:
    kept = tuple(c for c in row.counts if c.count >= MIN_CELL and c.code)
    return DemographicRow(row.code, row.label, kept)


def public_view(results: PeriodResults) -> PublicResults:
    """Return the publishable part of a period's results (zi-rules: only aggregates)."""
    shown = results.respondents >= MIN_CELL
    services = tuple(
        s for s in results.services if s.respondents >= MIN_CELL and s.service_type_id
    )
    return PublicResults(
        title=results.title,
        index_name=results.index_name,
        respondents=results.respondents,
        shown=shown,
        items=results.items if shown else (),
        index=results.index if shown else None,
        converted=results.converted if shown else None,
        grade=results.grade if shown else "",
        grade_label=results.grade_label if shown else "",
        services=services if shown else (),
        hidden_services=len(results.services) - len(services) if shown else 0,
        demographics=tuple(_public_counts(d) for d in results.demographics)
        if shown
        else (),
    )
