"""Writes on survey periods: create, edit, open, close, reopen, announce."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sizi.core import audit
from sizi.surveys.models import (
    PeriodService,
    ServiceType,
    SurveyInstrument,
    SurveyPeriod,
)
from sizi.units.models import Unit, User

Status = SurveyPeriod.Status
PERIOD_FIELDS = ["title", "starts_on", "ends_on", "population", "status"]


@dataclass(frozen=True)
class PeriodValues:
    """What a coordinator sets on a period (the form's cleaned data)."""

    title: str
    starts_on: date
    ends_on: date
    population: int | None = None
    service_types: Sequence[ServiceType] = ()
    service_populations: Mapping[int, int | None] | None = None


def _check_dates(values: PeriodValues, year: int) -> None:
    errors: dict[str, str] = {}
    if values.ends_on < values.starts_on:
        errors["ends_on"] = "Tanggal selesai tidak boleh sebelum tanggal mulai."
    if values.starts_on.year != year:
        errors["starts_on"] = f"Tanggal mulai harus di tahun {year}."
    if errors:
        raise ValidationError(errors)


def _set_services(period: SurveyPeriod, values: PeriodValues) -> None:
    chosen = {s.pk: s for s in values.service_types}
    if any(s.unit_id != period.unit_id for s in chosen.values()):
        raise ValidationError({"service_types": "Layanan harus milik unit ini."})
    populations = values.service_populations or {}
    PeriodService.objects.filter(period=period).exclude(
        service_type_id__in=list(chosen)
    ).delete()
    for pk in chosen:
        PeriodService.objects.update_or_create(
            period=period,
            service_type_id=pk,
            defaults={"population": populations.get(pk)},
        )


@transaction.atomic
def create_period(
    unit: Unit,
    *,
    instrument: SurveyInstrument,
    year: int,
    values: PeriodValues,
    by: User,
    status: str = Status.DRAFT,
) -> SurveyPeriod:
    """Create a survey period of `unit` (a draft unless `status` says otherwise)."""
    _check_dates(values, year)
    period = SurveyPeriod(
        unit=unit,
        instrument=instrument,
        year=year,
        title=values.title,
        starts_on=values.starts_on,
        ends_on=values.ends_on,
        population=values.population,
        status=status,
        created_by=by,
        opened_at=timezone.now() if status == Status.OPEN else None,
    )
    period.full_clean()
    period.save()
    _set_services(period, values)
    audit.record(
        by,
        "surveys.period_created",
        period,
        unit=unit,
        instrument=str(instrument),
        year=year,
        status=status,
        service_types=[s.name for s in values.service_types],
    )
    return period


@transaction.atomic
def update_period(period: SurveyPeriod, *, values: PeriodValues, by: User) -> None:
    """Change a period's title, dates, population and layanan."""
    _check_dates(values, period.year)
    before = audit.snapshot(period, PERIOD_FIELDS)
    before_services = sorted(period.service_types.values_list("name", flat=True))
    period.title = values.title
    period.starts_on = values.starts_on
    period.ends_on = values.ends_on
    period.population = values.population
    period.full_clean()
    period.save()
    _set_services(period, values)
    after_services = sorted(s.name for s in values.service_types)
    changes = audit.diff(before, audit.snapshot(period, PERIOD_FIELDS))
    if before_services != after_services:
        changes["service_types"] = [before_services, after_services]
    if changes:
        audit.record(
            by, "surveys.period_updated", period, unit=period.unit, changes=changes
        )


def _set_status(period: SurveyPeriod, new: str, *, by: User, allowed: set[str]) -> None:
    if period.status not in allowed:
        raise ValidationError(
            f"Periode berstatus {period.get_status_display()} tidak dapat diubah ke "
            f"{Status(new).label}."
        )
    old = period.status
    period.status = new
    now = timezone.now()
    if new == Status.OPEN:
        period.opened_at = period.opened_at or now
        period.closed_at = None
        # Reopened results may change: they are no longer public.
        period.results_published_at = None
    if new == Status.CLOSED:
        period.closed_at = now
    period.save(
        update_fields=[
            "status",
            "opened_at",
            "closed_at",
            "results_published_at",
            "updated_at",
        ]
    )
    audit.record(
        by,
        f"surveys.period_{'closed' if new == Status.CLOSED else 'opened'}",
        period,
        unit=period.unit,
        changes={"status": [old, new]},
    )


@transaction.atomic
def open_period(period: SurveyPeriod, *, by: User) -> None:
    """Open a draft period: the public link starts taking answers."""
    _set_status(period, Status.OPEN, by=by, allowed={Status.DRAFT})


@transaction.atomic
def close_period(period: SurveyPeriod, *, by: User) -> None:
    """Close an open period: no more answers; the results count for the LKE."""
    _set_status(period, Status.CLOSED, by=by, allowed={Status.OPEN})


@transaction.atomic
def reopen_period(period: SurveyPeriod, *, by: User) -> None:
    """Reopen a closed period (to correct it); audited like every change."""
    _set_status(period, Status.OPEN, by=by, allowed={Status.CLOSED})


@transaction.atomic
def publish_results(period: SurveyPeriod, *, by: User, published: bool) -> None:
    """Show (or withdraw) a closed period's aggregates on its public results page."""
    if published and not period.is_closed:
        raise ValidationError("Hasil hanya dapat diumumkan setelah periode ditutup.")
    if bool(period.results_published_at) == published:
        return
    period.results_published_at = timezone.now() if published else None
    period.save(update_fields=["results_published_at", "updated_at"])
    audit.record(
        by,
        "surveys.results_published" if published else "surveys.results_withdrawn",
        period,
        unit=period.unit,
    )


@transaction.atomic
def ensure_year_period(
    unit: Unit, *, instrument: SurveyInstrument, year: int, by: User | None
) -> tuple[SurveyPeriod, bool]:
    """Return the unit's one not-closed period of the instrument in `year`, or create it.

    Used by `survey_import`. Several open periods in the year (a quarterly SKM)
    or only closed ones: refused with a message, the web import picks the period.
    """
    periods = list(
        SurveyPeriod.objects.filter(
            unit=unit, instrument__code=instrument.code, year=year
        ).order_by("starts_on", "pk")
    )
    usable = [p for p in periods if not p.is_closed]
    if len(usable) == 1:
        return usable[0], False
    if len(usable) > 1:
        names = ", ".join(f"#{p.pk} {p.title}" for p in usable)
        raise ValidationError(
            f"Ada beberapa periode terbuka di tahun {year} ({names}); "
            "pilih periodenya lewat halaman impor."
        )
    if periods:
        raise ValidationError(
            f"Periode {instrument.get_code_display()} tahun {year} sudah ditutup; "
            "buka kembali dulu bila ingin menambah jawaban."
        )
    period = SurveyPeriod(
        unit=unit,
        instrument=instrument,
        year=year,
        title=f"{instrument.get_code_display()} {unit.short_name or unit.name} {year}",
        starts_on=date(year, 1, 1),
        ends_on=date(year, 12, 31),
        status=Status.OPEN,
        opened_at=timezone.now(),
        created_by=by,
    )
    period.full_clean()
    period.save()
    audit.record(
        by, "surveys.period_created", period, unit=unit, year=year, status=Status.OPEN
    )
    return period, True
