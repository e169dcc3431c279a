"""Coordinator pages of survey periods: list, open a new one, detail, status, poster."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from sizi.core.http import AuthenticatedHttpRequest
from sizi.surveys import results, services
from sizi.surveys.forms import PeriodForm, population_field
from sizi.surveys.instruments.loading import ensure_instruments
from sizi.surveys.models import (
    PeriodService,
    ServiceType,
    SurveyInstrument,
    SurveyPeriod,
)
from sizi.surveys.permissions import get_period_for_user, rights_for
from sizi.surveys.reports.poster import PosterData, render_poster
from sizi.surveys.views.scope import add_errors, context, message_of
from sizi.units import permissions


def _unit_services(access: permissions.UnitAccess) -> list[ServiceType]:
    return list(
        ServiceType.objects.filter(unit=access.unit, is_active=True).order_by(
            "order", "name"
        )
    )


@login_required
def period_list(request: AuthenticatedHttpRequest, code: str) -> TemplateResponse:
    """List the unit's survey periods with respondents against the minimum."""
    access = permissions.get_unit_for_user(request.user, code)
    rows = results.period_rows(access.unit)
    return TemplateResponse(
        request, "surveys/period_list.html", context(access, rows=rows)
    )


@login_required
def period_create(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Open a new survey period (as a draft; the coordinator opens it when ready)."""
    access = permissions.get_unit_for_user(request.user, code)
    permissions.require(rights_for(access).can_manage)
    form = PeriodForm(request.POST or None, services=_unit_services(access))
    if request.method == "POST" and form.is_valid():
        ensure_instruments()
        instrument = SurveyInstrument.objects.current(form.cleaned_data["instrument"])
        values = form.values()
        try:
            if instrument is None:
                raise ValidationError("Instrumen survei belum dimuat.")
            period = services.create_period(
                access.unit,
                instrument=instrument,
                year=values.starts_on.year,
                values=values,
                by=request.user,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                "Periode survei dibuat sebagai draf. Periksa isinya, lalu buka "
                "survei agar tautan publik mulai menerima jawaban.",
            )
            return redirect("surveys:period_detail", code, period.pk)
    return TemplateResponse(
        request, "surveys/period_form.html", context(access, form=form, editing=False)
    )


@login_required
def period_edit(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    """Change a period's title, dates, population and layanan."""
    access, period = get_period_for_user(request.user, code, pk)
    permissions.require(rights_for(access, period).can_manage)
    covered = list(PeriodService.objects.filter(period=period))
    initial = {
        "title": period.title,
        "starts_on": period.starts_on,
        "ends_on": period.ends_on,
        "population": period.population,
        "service_types": [c.service_type_id for c in covered],
        **{population_field(c.service_type_id): c.population for c in covered},
    }
    form = PeriodForm(
        request.POST or None,
        services=_unit_services(access),
        editing=True,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_period(period, values=form.values(), by=request.user)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Periode survei diperbarui.")
            return redirect("surveys:period_detail", code, period.pk)
    return TemplateResponse(
        request,
        "surveys/period_form.html",
        context(access, period, form=form, editing=True),
    )


@login_required
def period_detail(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> TemplateResponse:
    """Show a period: instrument, layanan, minimum sample and progress per layanan."""
    access, period = get_period_for_user(request.user, code, pk)
    summary = results.period_results(period)
    public_url = request.build_absolute_uri(
        reverse("surveys:public_form", args=[period.public_token])
    )
    return TemplateResponse(
        request,
        "surveys/period_detail.html",
        context(
            access,
            period,
            results=summary,
            public_url=public_url,
            public_results_url=request.build_absolute_uri(
                reverse("surveys:public_results", args=[code, period.public_token])
            ),
            instrument=services.instrument_of(period),
        ),
    )


def _change_status(
    request: AuthenticatedHttpRequest, code: str, pk: int, action: str
) -> HttpResponse:
    access, period = get_period_for_user(request.user, code, pk)
    rights = rights_for(access, period)
    allowed = {
        "open": rights.can_open,
        "close": rights.can_close,
        "reopen": rights.can_manage and period.is_closed,
        "publish": rights.can_manage and period.is_closed,
        "withdraw": rights.can_manage,
    }[action]
    permissions.require(allowed)
    done = {
        "open": "Survei dibuka: tautan publik menerima jawaban.",
        "close": "Survei ditutup: tidak ada jawaban baru yang diterima.",
        "reopen": "Survei dibuka kembali; pengumuman hasilnya ditarik.",
        "publish": "Hasil survei diumumkan di halaman publik.",
        "withdraw": "Pengumuman hasil survei ditarik dari halaman publik.",
    }[action]
    try:
        if action == "open":
            services.open_period(period, by=request.user)
        elif action == "close":
            services.close_period(period, by=request.user)
        elif action == "reopen":
            services.reopen_period(period, by=request.user)
        else:
            services.publish_results(
                period, by=request.user, published=action == "publish"
            )
    except ValidationError as exc:
        messages.error(request, message_of(exc))
    else:
        messages.success(request, done)
    return redirect("surveys:period_detail", code, period.pk)


@login_required
@require_POST
def period_open(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    """Open a draft period."""
    return _change_status(request, code, pk, "open")


@login_required
@require_POST
def period_close(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    """Close an open period."""
    return _change_status(request, code, pk, "close")


@login_required
@require_POST
def period_reopen(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    """Reopen a closed period (to correct it)."""
    return _change_status(request, code, pk, "reopen")


@login_required
@require_POST
def period_publish(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    """Announce a closed period's aggregates on the public results page."""
    return _change_status(request, code, pk, "publish")


@login_required
@require_POST
def period_withdraw(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    """Take a period's results off the public results page."""
    return _change_status(request, code, pk, "withdraw")


@login_required
def period_poster(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    """Download the QR poster (PDF) for the service counter."""
    access, period = get_period_for_user(request.user, code, pk)
    url = request.build_absolute_uri(
        reverse("surveys:public_form", args=[period.public_token])
    )
    pdf = render_poster(
        PosterData(
            unit_name=access.unit.name,
            instrument_name=period.instrument.title,
            period_label=period.title,
            url=url,
            closes_on=_long_date(period),
        )
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="poster-survei-{period.pk}.pdf"'
    )
    return response


def _long_date(period: SurveyPeriod) -> str:
    return date_format(period.ends_on, "j F Y")
