"""The public results page of a closed, announced period: aggregates only.

No personal data: no suggestion texts, no single response, and no breakdown
cell of fewer than `results.MIN_CELL` respondents (a layanan or demographic
group that small is left out and said to be left out). Below MIN_CELL
respondents in total nothing but the count is shown.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from sizi.core.http import HtmxHttpRequest
from sizi.surveys import results
from sizi.surveys.models import SurveyPeriod
from sizi.surveys.permissions import get_public_period
from sizi.surveys.reports import figures
from sizi.units.models import Unit


def public_results(request: HtmxHttpRequest, code: str, token: str) -> TemplateResponse:
    """Show a published period's index, mutu, unsur and breakdowns to anyone."""
    period = get_public_period(code, token)
    if not period.is_closed or period.results_published_at is None:
        raise Http404("Hasil survei belum diumumkan.")
    view = results.public_view(results.period_results(period))
    return TemplateResponse(
        request,
        "surveys/public_results.html",
        {
            "unit": period.unit,
            "period": period,
            "results": view,
            "min_cell": results.MIN_CELL,
            "figure_items": figures.items_figure(view.items, index_name=view.index_name)
            if view.shown
            else None,
            "figure_services": figures.services_figure(view.services),
            "figure_demographics": figures.demographic_figures(view.demographics),
        },
    )


def public_index(request: HtmxHttpRequest, code: str) -> TemplateResponse:
    """List a unit's announced survey results (the page a website can link to)."""
    unit = get_object_or_404(Unit, code=code)
    periods = (
        SurveyPeriod.objects.filter(
            unit=unit,
            status=SurveyPeriod.Status.CLOSED,
            results_published_at__isnull=False,
        )
        .select_related("instrument")
        .order_by("-ends_on", "-pk")
    )
    return TemplateResponse(
        request,
        "surveys/public_index.html",
        {"unit": unit, "periods": list(periods)},
    )
