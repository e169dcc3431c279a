"""Writes of responses: one questionnaire, an imported file, a suspicious flag.

A response is stored whole or not at all; suspicious responses are flagged with
a reason, never dropped. An anonymous online response has no actor, so it is not
in the audit log; the row itself records when and through which channel it came.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from sizi.core import audit
from sizi.surveys.instruments.definition import Instrument
from sizi.surveys.instruments.loading import definition_of
from sizi.surveys.models import (
    PeriodService,
    Response,
    ResponseAnswer,
    ResponseImport,
    ServiceType,
    SurveyPeriod,
)
from sizi.surveys.submission import ResponseInput, check_input
from sizi.units.models import User

# A burst: this many online responses of one period within the window.
BURST_COUNT = 8
BURST_WINDOW = timedelta(seconds=60)
SAME_DEVICE = "Perangkat yang sama sudah mengisi periode ini"
BURST = f"Lonjakan: {BURST_COUNT} jawaban daring atau lebih dalam 60 detik"


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
    # The period is in hand and the layanan was checked against the allowed ids:
    # skip re-reading both (two queries per public submission).
    response.full_clean(exclude=["period", "service_type"])
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
    """Flag every unflagged online response of a burst the new one completes.

    Rows another submission is flagging at the same moment are skipped, not
    waited for (SKIP LOCKED): concurrent submissions never deadlock, and that
    other submission flags them.
    """
    window = Response.objects.filter(
        period=period,
        channel=Response.Channel.ONLINE,
        submitted_at__gte=response.submitted_at - BURST_WINDOW,
        submitted_at__lte=response.submitted_at,
    )
    if window.count() < BURST_COUNT:
        return
    ids = list(
        window.filter(is_suspicious=False)
        .select_for_update(skip_locked=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    Response.objects.filter(pk__in=ids).update(
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
        when = date_format(timezone.localtime(earlier.created_at), "j F Y, H.i")
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
