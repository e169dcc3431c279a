"""The responses of a period: read them (with suggestions) and flag or clear them.

Only signed-in members of the unit (and the readers above it) see this page;
a flag never removes a response from the index, it is shown with its share.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from sizi.core.http import AuthenticatedHttpRequest
from sizi.surveys import services
from sizi.surveys.forms import FlagForm
from sizi.surveys.models import Response
from sizi.surveys.permissions import get_period_for_user, rights_for
from sizi.surveys.views.scope import context
from sizi.units.permissions import require

PAGE_SIZE = 25


@dataclass(frozen=True)
class ResponseRow:
    """One response as the list shows it."""

    pk: int
    submitted_at: datetime
    channel: str
    service: str
    digits: str
    suggestion: str
    is_suspicious: bool
    reason: str


@login_required
def response_list(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> TemplateResponse:
    """List a period's responses, newest first; ?tanda=1 shows only flagged ones."""
    access, period = get_period_for_user(request.user, code, pk)
    codes = list(services.instrument_of(period).question_codes)
    flagged = request.GET.get("tanda") == "1"
    query = (
        Response.objects.filter(period=period)
        .select_related("service_type")
        .prefetch_related("answers")
        .order_by("-submitted_at", "-pk")
    )
    if flagged:
        query = query.filter(is_suspicious=True)
    page = Paginator(query, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        ResponseRow(
            pk=r.pk,
            submitted_at=r.submitted_at,
            channel=r.get_channel_display(),
            service=r.service_type.name if r.service_type else "—",
            digits=_digits(r, codes),
            suggestion=r.suggestion,
            is_suspicious=r.is_suspicious,
            reason=r.suspicious_reason,
        )
        for r in page.object_list
    ]
    return TemplateResponse(
        request,
        "surveys/response_list.html",
        context(access, period, page=page, rows=rows, flagged=flagged, codes=codes),
    )


def _digits(response: Response, codes: list[str]) -> str:
    values = {a.question: a.value for a in response.answers.all()}
    return "".join(str(values.get(code, "·")) for code in codes)


@login_required
@require_POST
def response_flag(
    request: AuthenticatedHttpRequest, code: str, pk: int, response_pk: int
) -> HttpResponse:
    """Flag a response as suspicious (with a reason) or clear its flag."""
    access, period = get_period_for_user(request.user, code, pk)
    require(rights_for(access, period).can_mark_suspicious)
    response = (
        Response.objects.filter(period=period, pk=response_pk)
        .select_related("period__unit")
        .first()
    )
    if response is None:
        raise Http404("Jawaban tidak ditemukan.")
    form = FlagForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Tulis alasan (paling banyak 200 karakter).")
    else:
        suspicious = not response.is_suspicious
        services.set_suspicious(
            response,
            suspicious=suspicious,
            reason=form.cleaned_data["reason"] or "Ditandai koordinator",
            by=request.user,
        )
        messages.success(
            request,
            f"Jawaban #{response.pk} "
            + ("ditandai mencurigakan." if suspicious else "tidak lagi ditandai.")
            + " Jawaban tetap dihitung; bagiannya terlihat di halaman hasil.",
        )
    return redirect("surveys:responses", code, period.pk)
