"""Every write of the surveys app: periods, layanan, extra questions, responses.

Each function is one transaction, checks with `full_clean()` and writes the
audit log, except an anonymous online response: it has no actor, and the row
itself records when and through which channel it came (docs/survei.md). A
response is stored whole or not at all; suspicious responses are flagged with a
reason, never dropped.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from sizi.core import audit
from sizi.plans.models import Indicator
from sizi.plans.services.work import add_step, assign_owners
from sizi.surveys.instruments.definition import Instrument
from sizi.surveys.instruments.loading import definition_of
from sizi.surveys.models import (
    FollowUp,
    PeriodService,
    Response,
    ResponseAnswer,
    ResponseImport,
    ServiceType,
    SurveyInstrument,
    SurveyPeriod,
    UnitQuestion,
)
from sizi.surveys.submission import ResponseInput, check_input
from sizi.units.models import Unit, User

# A burst: this many online responses of one period within the window.
BURST_COUNT = 8
BURST_WINDOW = timedelta(seconds=60)
SAME_DEVICE = "Perangkat yang sama sudah mengisi periode ini"
BURST = f"Lonjakan: {BURST_COUNT} jawaban daring atau lebih dalam 60 detik"

Status = SurveyPeriod.Status
PERIOD_FIELDS = ["title", "starts_on", "ends_on", "population", "status"]


def device_token_hash(period: SurveyPeriod, token: str) -> str:
    """Return the keyed hash stored for a browser's token (never the token itself)."""
    message = f"survey-device:{period.pk}:{token}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def has_answered(period: SurveyPeriod, token: str) -> bool:
    """Return whether the browser with `token` already answered in `period`."""
    if not token:
        return False
    digest = device_token_hash(period, token)
    return Response.objects.filter(period=period, device_token_hash=digest).exists()


# --- Periods -----------------------------------------------------------------


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


# --- Layanan and extra questions ---------------------------------------------


def _free_code(
    model: type[ServiceType] | type[UnitQuestion], unit: Unit, text: str
) -> str:
    base = slugify(text)[:50] or "item"
    code, n = base, 2
    while model.objects.filter(unit=unit, code=code).exists():
        code, n = f"{base}-{n}", n + 1
    return code


@transaction.atomic
def add_service_type(unit: Unit, *, name: str, by: User) -> ServiceType:
    """Add a layanan to the unit's list."""
    order = ServiceType.objects.filter(unit=unit).count()
    service_type = ServiceType(
        unit=unit,
        name=name.strip(),
        code=_free_code(ServiceType, unit, name),
        order=order,
    )
    service_type.full_clean()
    service_type.save()
    audit.record(by, "surveys.service_type_added", service_type, unit=unit, name=name)
    return service_type


@transaction.atomic
def update_service_type(
    service_type: ServiceType, *, name: str, is_active: bool, by: User
) -> None:
    """Rename a layanan or switch it off (kept for the periods that used it)."""
    fields = ["name", "is_active"]
    before = audit.snapshot(service_type, fields)
    service_type.name = name.strip()
    service_type.is_active = is_active
    service_type.full_clean()
    service_type.save()
    changes = audit.diff(before, audit.snapshot(service_type, fields))
    if changes:
        audit.record(
            by,
            "surveys.service_type_updated",
            service_type,
            unit=service_type.unit,
            changes=changes,
        )


def _clean_options(kind: str, options: Iterable[str]) -> list[str]:
    cleaned = [o.strip() for o in options if o.strip()]
    if kind == UnitQuestion.Kind.CHOICE and len(cleaned) < 2:
        raise ValidationError(
            {"options": "Pertanyaan pilihan perlu paling sedikit dua pilihan."}
        )
    return cleaned if kind == UnitQuestion.Kind.CHOICE else []


@transaction.atomic
def add_unit_question(
    unit: Unit,
    *,
    text: str,
    kind: str,
    options: Iterable[str] = (),
    instrument_code: str = "",
    by: User,
) -> UnitQuestion:
    """Add an extra question to the unit's surveys (asked, never part of the index)."""
    question = UnitQuestion(
        unit=unit,
        text=text.strip(),
        kind=kind,
        options=_clean_options(kind, options),
        instrument_code=instrument_code,
        code=_free_code(UnitQuestion, unit, text),
        order=UnitQuestion.objects.filter(unit=unit).count(),
    )
    question.full_clean()
    question.save()
    audit.record(by, "surveys.unit_question_added", question, unit=unit, text=text)
    return question


@transaction.atomic
def update_unit_question(
    question: UnitQuestion,
    *,
    text: str,
    options: Iterable[str],
    is_active: bool,
    by: User,
) -> None:
    """Change an extra question's text, options or switch it off."""
    fields = ["text", "options", "is_active"]
    before = audit.snapshot(question, fields)
    question.text = text.strip()
    question.options = _clean_options(question.kind, options)
    question.is_active = is_active
    question.full_clean()
    question.save()
    changes = audit.diff(before, audit.snapshot(question, fields))
    if changes:
        audit.record(
            by,
            "surveys.unit_question_updated",
            question,
            unit=question.unit,
            changes=changes,
        )


# --- Responses ---------------------------------------------------------------


def allowed_service_ids(period: SurveyPeriod) -> set[int]:
    """Return the layanan a response may name: the period's, else the unit's active ones."""
    covered = set(
        PeriodService.objects.filter(period=period).values_list(
            "service_type_id", flat=True
        )
    )
    if covered:
        return covered
    return set(
        ServiceType.objects.filter(unit_id=period.unit_id, is_active=True).values_list(
            "pk", flat=True
        )
    )


def instrument_of(period: SurveyPeriod) -> Instrument:
    """Return the parsed instrument a period runs."""
    return definition_of(period.instrument)


def _problems(
    period: SurveyPeriod,
    data: ResponseInput,
    covered: set[int],
    *,
    require_demographics: bool = True,
) -> list[str]:
    problems = check_input(
        definition_of(period.instrument),
        data,
        require_demographics=require_demographics,
    )
    if covered and data.service_type_id is None:
        problems.append("Jenis layanan: wajib dipilih.")
    elif data.service_type_id is not None and data.service_type_id not in covered:
        problems.append("Jenis layanan: tidak termasuk layanan survei ini.")
    return problems


def _check_channel(period: SurveyPeriod, channel: str) -> None:
    if period.is_closed:
        raise ValidationError("Periode survei sudah ditutup.")
    if channel == Response.Channel.ONLINE and not period.is_open:
        raise ValidationError("Survei belum dibuka.")


def _build(
    period: SurveyPeriod, data: ResponseInput, *, channel: str, by: User | None
) -> Response:
    return Response(
        period=period,
        service_type_id=data.service_type_id,
        channel=channel,
        submitted_at=data.submitted_at or timezone.now(),
        gender=data.gender,
        age_group=data.age_group,
        education=data.education,
        occupation=data.occupation,
        suggestion=data.suggestion.strip(),
        extra_answers=dict(data.extra_answers),
        source_row=data.source_row,
        entered_by=by,
    )


def _answers(response: Response, data: ResponseInput) -> list[ResponseAnswer]:
    return [
        ResponseAnswer(response=response, question=code, value=value)
        for code, value in sorted(data.answers.items())
    ]


@transaction.atomic
def record_response(
    period: SurveyPeriod,
    data: ResponseInput,
    *,
    channel: str,
    by: User | None,
    device_token: str = "",
) -> Response:
    """Store one respondent's questionnaire, whole or not at all.

    Raise ValidationError (a list of Indonesian messages) when an answer is
    missing or outside the instrument; the form then shows the answers again.
    An online response from a browser that already answered, or inside a burst,
    is stored and flagged as suspicious.
    """
    _check_channel(period, channel)
    # A paper questionnaire may leave a demographic blank; the online form may not.
    problems = _problems(
        period,
        data,
        allowed_service_ids(period),
        require_demographics=channel == Response.Channel.ONLINE,
    )
    if problems:
        raise ValidationError(problems)
    response = _build(period, data, channel=channel, by=by)
    if device_token:
        response.device_token_hash = device_token_hash(period, device_token)
        if Response.objects.filter(
            period=period, device_token_hash=response.device_token_hash
        ).exists():
            response.is_suspicious = True
            response.suspicious_reason = SAME_DEVICE
    response.full_clean()
    response.save()
    ResponseAnswer.objects.bulk_create(_answers(response, data))
    if channel == Response.Channel.ONLINE:
        _flag_burst(period, response)
    if by is not None:
        audit.record(
            by,
            "surveys.response_entered",
            response,
            unit=period.unit,
            channel=channel,
        )
    return response


def _flag_burst(period: SurveyPeriod, response: Response) -> None:
    recent = Response.objects.filter(
        period=period,
        channel=Response.Channel.ONLINE,
        submitted_at__gte=response.submitted_at - BURST_WINDOW,
        submitted_at__lte=response.submitted_at,
    )
    if recent.count() >= BURST_COUNT:
        recent.filter(is_suspicious=False).update(
            is_suspicious=True, suspicious_reason=BURST
        )


@dataclass(frozen=True)
class ImportSource:
    """Where imported rows came from: file name, content hash, column mapping."""

    filename: str
    sha256: str
    mapping: Mapping[str, str]


@transaction.atomic
def import_responses(
    period: SurveyPeriod,
    rows: Sequence[ResponseInput],
    *,
    source: ImportSource,
    by: User | None,
) -> ResponseImport:
    """Add every row of an imported file, or none: one transaction, every row checked.

    The same file (by content) is refused the second time in the same period.
    """
    _check_channel(period, Response.Channel.IMPORT)
    earlier = ResponseImport.objects.filter(period=period, sha256=source.sha256).first()
    if earlier is not None:
        when = timezone.localtime(earlier.created_at).strftime("%d-%m-%Y %H.%M")
        raise ValidationError(
            f"Berkas yang sama sudah diimpor ke periode ini ({earlier.filename}, {when})."
        )
    if not rows:
        raise ValidationError("Berkas tidak berisi jawaban.")
    covered = allowed_service_ids(period)
    errors = [
        f"Baris {row.source_row or n}: {problem}"
        for n, row in enumerate(rows, start=1)
        for problem in _problems(period, row, covered, require_demographics=False)
    ]
    if errors:
        raise ValidationError(errors)
    batch = ResponseImport(
        period=period,
        filename=source.filename[:255],
        sha256=source.sha256,
        row_count=len(rows),
        mapping=dict(source.mapping),
        created_by=by,
    )
    batch.full_clean()
    batch.save()
    responses = [
        _build(period, row, channel=Response.Channel.IMPORT, by=by) for row in rows
    ]
    for response in responses:
        response.source_import = batch
    created = Response.objects.bulk_create(responses)
    ResponseAnswer.objects.bulk_create(
        [
            a
            for response, row in zip(created, rows, strict=True)
            for a in _answers(response, row)
        ]
    )
    audit.record(
        by,
        "surveys.responses_imported",
        batch,
        unit=period.unit,
        rows=len(rows),
        file=source.filename,
        sha256=source.sha256,
    )
    return batch


@transaction.atomic
def set_suspicious(
    response: Response, *, suspicious: bool, reason: str = "", by: User
) -> None:
    """Flag or clear a response as suspicious; it stays stored and counted either way."""
    before = audit.snapshot(response, ["is_suspicious", "suspicious_reason"])
    response.is_suspicious = suspicious
    response.suspicious_reason = reason.strip()[:200] if suspicious else ""
    response.save(update_fields=["is_suspicious", "suspicious_reason"])
    changes = audit.diff(
        before, audit.snapshot(response, ["is_suspicious", "suspicious_reason"])
    )
    if changes:
        audit.record(
            by,
            "surveys.response_flagged",
            response,
            unit=response.period.unit,
            changes=changes,
        )


# --- Follow-up ---------------------------------------------------------------


@transaction.atomic
def create_follow_up(
    period: SurveyPeriod,
    *,
    question: str,
    text: str,
    indicator: Indicator,
    owners: Iterable[User] = (),
    by: User,
) -> FollowUp:
    """Create a rencana tindak lanjut on one unsur as a step of the unit's Rencana Aksi."""
    if question not in definition_of(period.instrument).question_codes:
        raise ValidationError({"question": "Unsur tidak dikenal pada instrumen ini."})
    if indicator.component.area.plan.unit_id != period.unit_id:
        raise ValidationError(
            {"indicator": "Indikator harus dari rencana aksi unit ini."}
        )
    step = add_step(indicator, by=by, text=text)
    people = list(owners)
    if people:
        assign_owners(step, people, by=by)
    follow_up = FollowUp(
        period=period, question=question, step=step, text=text, created_by=by
    )
    follow_up.full_clean()
    follow_up.save()
    audit.record(
        by,
        "surveys.follow_up_created",
        follow_up,
        unit=period.unit,
        question=question,
        step=step.pk,
    )
    return follow_up
