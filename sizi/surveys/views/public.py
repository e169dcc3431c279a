"""The public questionnaire (no sign-in), reached by a period's short link.

No JavaScript is needed to answer. Abuse is held back without identity: a
honeypot field, rate limits per client (a keyed hash of the address) and per
period, and a random per-device token in an HttpOnly cookie so that one
browser answers a period once. A second attempt is told kindly; an error
shows the form again with every answer kept; a submission is one transaction
(``services.record_response``).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_http_methods

from sizi.core import ratelimit
from sizi.core.http import HtmxHttpRequest
from sizi.surveys import services
from sizi.surveys.forms import ResponseForm
from sizi.surveys.instruments.definition import Instrument
from sizi.surveys.models import Response, ServiceType, SurveyPeriod, UnitQuestion

DEVICE_COOKIE = "survei_perangkat"
DEVICE_COOKIE_AGE = 400 * 24 * 3600  # a year and a bit: a period never runs longer
# A person answers in minutes; 60 submissions an hour from one address is a
# busy counter whose respondents share the office Wi-Fi (one address behind
# NAT), more is a script. Bursts below the limit are flagged by the service.
CLIENT_LIMIT = ratelimit.Limit(60, 3600)
PERIOD_LIMIT = ratelimit.Limit(3000, 3600)


def _period(token: str) -> SurveyPeriod:
    """Return the period behind a short link; 404 for an unknown token or a draft."""
    period = (
        SurveyPeriod.objects.select_related("unit", "instrument")
        .filter(public_token=token)
        .exclude(status=SurveyPeriod.Status.DRAFT)
        .first()
    )
    if period is None:
        raise Http404("Survei tidak ditemukan.")
    return period


def _message(
    request: HtmxHttpRequest,
    period: SurveyPeriod,
    heading: str,
    lines: list[str],
    *,
    status: int = 200,
    clear: bool = False,
) -> TemplateResponse:
    return TemplateResponse(
        request,
        "surveys/public_message.html",
        {
            "unit": period.unit,
            "period": period,
            "heading": heading,
            "lines": lines,
            "clear_token": period.public_token if clear else "",
        },
        status=status,
    )


def _closed(request: HtmxHttpRequest, period: SurveyPeriod) -> TemplateResponse | None:
    """Return the kind page for a period not taking answers today, else None."""
    today = timezone.localdate()
    if period.is_open and period.starts_on <= today <= period.ends_on:
        return None
    if period.is_open and today < period.starts_on:
        when = date_format(period.starts_on, "j F Y")
        return _message(
            request,
            period,
            "Survei belum dibuka",
            [f"Survei ini dibuka mulai {when}. Silakan kembali lagi nanti."],
            status=403,
        )
    return _message(
        request,
        period,
        "Survei sudah ditutup",
        [
            "Periode survei ini sudah berakhir, jadi jawaban tidak dapat "
            "dikirim lagi. Terima kasih atas kesediaan Anda.",
        ],
        status=410,
    )


def _form(
    request: HtmxHttpRequest, period: SurveyPeriod, instrument: Instrument
) -> ResponseForm:
    services_ = list(
        period.service_types.filter(is_active=True).order_by("order", "name")
    )
    questions = list(
        UnitQuestion.objects.filter(unit=period.unit, is_active=True)
        .filter(instrument_code__in=["", period.instrument.code])
        .order_by("order", "id")
    )
    return ResponseForm(
        request.POST if request.method == "POST" else None,
        instrument=instrument,
        services=services_ or _all_services(period),
        questions=questions,
    )


def _all_services(period: SurveyPeriod) -> list[ServiceType]:
    """A period without chosen layanan asks about every active layanan of the unit."""
    return list(
        ServiceType.objects.filter(unit=period.unit, is_active=True).order_by(
            "order", "name"
        )
    )


def _limited(request: HtmxHttpRequest, period: SurveyPeriod) -> bool:
    client = ratelimit.hit("survey-client", ratelimit.client_key(request), CLIENT_LIMIT)
    whole = ratelimit.hit("survey-period", str(period.pk), PERIOD_LIMIT)
    return not (client and whole)


@require_http_methods(["GET", "POST"])
def survey_form(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """Show the questionnaire and take one respondent's answers."""
    period = _period(token)
    closed = _closed(request, period)
    if closed is not None:
        return closed
    device = request.COOKIES.get(DEVICE_COOKIE, "")
    if len(device) < 20 or len(device) > 64:
        device = secrets.token_urlsafe(24)
    if services.has_answered(period, device):
        return _message(
            request,
            period,
            "Anda sudah mengisi survei ini",
            [
                "Terima kasih, jawaban dari perangkat ini untuk periode ini sudah "
                "kami terima. Setiap perangkat cukup mengisi satu kali.",
                "Bila perangkat ini dipakai bersama oleh orang lain yang juga "
                "menerima layanan, mohon minta formulir kertas kepada petugas.",
            ],
        )
    instrument = services.instrument_of(period)
    form = _form(request, period, instrument)
    problem, status = "", 200
    if request.method == "POST":
        if _limited(request, period):
            problem = (
                "Terlalu banyak kiriman dalam waktu singkat. Jawaban Anda di "
                "bawah masih tersimpan; coba kirim lagi beberapa menit lagi."
            )
            status = 429
            form.is_valid()  # keep the answers bound; the errors are not shown
        elif form.is_valid():
            try:
                services.record_response(
                    period,
                    form.to_input(),
                    channel=Response.Channel.ONLINE,
                    by=None,
                    device_token=device,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                thanks = redirect(reverse("surveys:public_thanks", args=[token]))
                thanks.status_code = 303
                return _with_device(thanks, period, device)
        status = 400 if status == 200 else status
    response = TemplateResponse(
        request,
        "surveys/public_form.html",
        {"unit": period.unit, "period": period, "form": form, "problem": problem},
        status=status,
    )
    return _with_device(response, period, device)


def _with_device(
    response: HttpResponse, period: SurveyPeriod, device: str
) -> HttpResponse:
    response.set_cookie(
        DEVICE_COOKIE,
        device,
        max_age=DEVICE_COOKIE_AGE,
        path=reverse("surveys:public_form", args=[period.public_token]),
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def survey_thanks(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """Thank the respondent (and clear the answers the browser kept)."""
    period = _period(token)
    return _message(
        request,
        period,
        "Terima kasih!",
        [
            "Jawaban Anda sudah kami terima dan akan dipakai untuk memperbaiki "
            "pelayanan.",
            "Hasil survei diumumkan setelah periode survei ditutup.",
        ],
        clear=True,
    )
