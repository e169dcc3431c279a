"""Paper questionnaires typed in, one row per respondent, keyboard only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from sizi.core.http import AuthenticatedHttpRequest
from sizi.surveys import services
from sizi.surveys.forms import PaperRowForm
from sizi.surveys.models import Response, ServiceType, SurveyPeriod
from sizi.surveys.permissions import get_period_for_user, rights_for
from sizi.surveys.views.scope import add_errors, context
from sizi.units.permissions import require

RECENT_ROWS = 15


def _services(period: SurveyPeriod) -> list[ServiceType]:
    allowed = services.allowed_service_ids(period)
    return list(ServiceType.objects.filter(pk__in=allowed).order_by("order", "name"))


@login_required
def paper_entry(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    """Save one paper questionnaire per submit; show the last rows entered."""
    access, period = get_period_for_user(request.user, code, pk)
    require(rights_for(access, period).can_enter_paper)
    instrument = services.instrument_of(period)
    form = PaperRowForm(
        request.POST or None, instrument=instrument, services=_services(period)
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                response = services.record_response(
                    period,
                    form.to_input(),
                    channel=Response.Channel.PAPER,
                    by=request.user,
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(
                    request,
                    f"Kuesioner #{response.pk} tersimpan. Lanjut baris berikutnya.",
                )
                return redirect("surveys:paper_entry", code, period.pk)
        status = 400
    recent = list(
        Response.objects.filter(period=period, channel=Response.Channel.PAPER)
        .select_related("service_type")
        .prefetch_related("answers")
        .order_by("-recorded_at", "-pk")[:RECENT_ROWS]
    )
    codes = list(instrument.question_codes)
    rows = [
        (r.pk, r.service_type.name if r.service_type else "—", _digits(r, codes))
        for r in recent
    ]
    return TemplateResponse(
        request,
        "surveys/paper_entry.html",
        context(access, period, form=form, rows=rows, instrument=instrument),
        status=status,
    )


def _digits(response: Response, codes: list[str]) -> str:
    """Return a response's answers as the digits typed, in the instrument's order."""
    values = {a.question: a.value for a in response.answers.all()}
    return "".join(str(values.get(code, "·")) for code in codes)
