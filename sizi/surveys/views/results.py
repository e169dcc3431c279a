"""A period's results (index, mutu, NRR per unsur, breakdowns, charts) and follow-ups."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from sizi.core.http import AuthenticatedHttpRequest
from sizi.plans.models import ActionPlan, ActionStep, Indicator, LkeArea
from sizi.surveys import results, services
from sizi.surveys.forms import ArchiveForm, FollowUpForm
from sizi.surveys.models import FollowUp, SurveyPeriod
from sizi.surveys.permissions import get_period_for_user, rights_for
from sizi.surveys.reports import figures
from sizi.surveys.views.scope import add_errors, context
from sizi.units.models import Membership, Unit, User
from sizi.units.permissions import UnitAccess, require

# Words of the seed decree's survey steps ("Hasil survei", "Analisis survei
# kepuasan masyarakat dan tindak lanjutnya"): steps that contain one are
# offered first, and preselected, when the report is filed as bukti fisik.
SURVEY_STEP_WORDS = ("survei", "survey", "kepuasan", "skm", "ikm")


@dataclass(frozen=True)
class FollowUpRow:
    """A follow-up shown under the results, with its Rencana Aksi step."""

    question: str
    text: str
    step_id: int | None
    step_url: str
    owners: str
    status: str


def _plan(unit: Unit, year: int) -> ActionPlan | None:
    plans = ActionPlan.objects.for_unit(unit)
    return plans.filter(year=year).first() or plans.order_by("-year").first()


def indicator_choices(unit: Unit) -> list[tuple[int, str]]:
    """Return the indicators of the unit's latest plan, Area VI (pelayanan) first.

    A follow-up is work still to do, so it goes into the latest Rencana Aksi:
    the one whose steps "Pekerjaan saya" lists.
    """
    plan = ActionPlan.objects.for_unit(unit).order_by("-year").first()
    if plan is None:
        return []
    indicators = Indicator.objects.filter(component__area__plan=plan).select_related(
        "component__area"
    )
    rows = sorted(
        indicators,
        key=lambda i: (
            i.component.area.lke_area != LkeArea.PP,
            i.component.area.order,
            i.component.order,
            i.order,
        ),
    )
    return [
        (i.pk, f"{i.component.area.numeral}. {i.component.name} — {i.text[:90]}")
        for i in rows
    ]


def plan_people(unit: Unit) -> list[User]:
    """Return the unit's members who can be a PIC, by name."""
    ids = Membership.objects.filter(unit=unit).values_list("user_id", flat=True)
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("first_name"))


def survey_steps(unit: Unit, year: int) -> tuple[list[tuple[int, str]], list[str]]:
    """Return the plan steps a Laporan SKM can support, and those to preselect."""
    plan = _plan(unit, year)
    if plan is None:
        return [], []
    steps = ActionStep.objects.for_plan(plan).select_related(
        "indicator__component__area"
    )
    choices, preselected = [], []
    for step in steps:
        about_survey = any(w in step.text.lower() for w in SURVEY_STEP_WORDS)
        area = step.indicator.component.area
        if about_survey or area.lke_area == LkeArea.PP:
            choices.append((step.pk, f"{area.numeral}. {step.text[:110]}"))
            if about_survey:
                preselected.append(str(step.pk))
    return choices, preselected


def _question_choices(summary: results.PeriodResults) -> list[tuple[str, str]]:
    items = sorted(summary.items, key=lambda i: (not i.is_lowest, i.nrr or 0))
    return [
        (
            i.code,
            f"{i.code} {i.name}"
            + (f" (NRR {i.nrr})" if i.nrr is not None else "")
            + (" — terendah" if i.is_lowest else ""),
        )
        for i in items
    ]


def follow_up_rows(period: SurveyPeriod) -> list[FollowUpRow]:
    """Return the period's follow-ups with their steps, in two queries."""
    rows = []
    follow_ups = (
        FollowUp.objects.filter(period=period)
        .select_related("step__indicator__component__area__plan__unit")
        .prefetch_related("step__owners")
    )
    for item in follow_ups:
        step = item.step
        rows.append(
            FollowUpRow(
                question=item.question,
                text=item.text,
                step_id=step.pk if step else None,
                step_url=step.get_absolute_url() if step else "",
                owners=", ".join(
                    o.get_full_name() or o.username for o in step.owners.all()
                )
                if step
                else "",
                status=step.get_status_display() if step else "langkah dihapus",
            )
        )
    return rows


def follow_up_form(
    period: SurveyPeriod, summary: results.PeriodResults, data: Any = None
) -> FollowUpForm:
    lowest = summary.lowest
    return FollowUpForm(
        data,
        questions=_question_choices(summary),
        indicators=indicator_choices(period.unit),
        people=plan_people(period.unit),
        initial={"question": lowest.code if lowest else ""},
    )


def _page_context(
    request: AuthenticatedHttpRequest,
    access: UnitAccess,
    period: SurveyPeriod,
    **extra: Any,
) -> dict[str, Any]:
    legacy = request.GET.get("legacy") == "1"
    exclude = request.GET.get("tanpa_mencurigakan") == "1"
    summary = results.period_results(period, legacy=legacy, exclude_suspicious=exclude)
    points = results.trend(access.unit, period.instrument.code)
    rights = rights_for(access, period)
    steps, preselected = survey_steps(access.unit, period.year)
    return context(
        access,
        period,
        results=summary,
        instrument=services.instrument_of(period),
        legacy=legacy,
        exclude=exclude,
        trend=points,
        figure_items=figures.items_figure(summary.items, index_name=summary.index_name),
        figure_trend=figures.trend_figure(points, index_name=summary.index_name),
        figure_services=figures.services_figure(summary.services),
        figure_demographics=figures.demographic_figures(summary.demographics),
        follow_ups=follow_up_rows(period),
        follow_up_form=extra.pop("follow_up_form", None)
        or (follow_up_form(period, summary) if rights.can_follow_up else None),
        archive_form=ArchiveForm(steps=steps, initial={"steps": preselected})
        if rights.can_generate_report
        else None,
        **extra,
    )


@login_required
def results_page(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> TemplateResponse:
    """Show a period's results with charts, breakdowns and follow-ups."""
    access, period = get_period_for_user(request.user, code, pk)
    return TemplateResponse(
        request, "surveys/results.html", _page_context(request, access, period)
    )


def _with_target(text: str, target: date | None) -> str:
    if target is None:
        return text
    return f"{text} (target: {date_format(target, 'j F Y')})"


@login_required
@require_POST
def follow_up_create(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    """Create a rencana tindak lanjut as a step of the Rencana Aksi with its PIC."""
    access, period = get_period_for_user(request.user, code, pk)
    rights = rights_for(access, period)
    require(rights.can_follow_up)
    summary = results.period_results(period)
    form = follow_up_form(period, summary, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        indicator = Indicator.objects.select_related("component__area__plan").get(
            pk=int(data["indicator"])
        )
        try:
            services.create_follow_up(
                period,
                question=data["question"],
                text=_with_target(data["text"], data["target_on"]),
                indicator=indicator,
                owners=list(data["owners"]),
                by=request.user,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                "Tindak lanjut dibuat sebagai langkah Rencana Aksi; PIC melihatnya "
                "di Pekerjaan saya.",
            )
            return redirect("surveys:results", code, period.pk)
    return TemplateResponse(
        request,
        "surveys/results.html",
        _page_context(request, access, period, follow_up_form=form),
        status=400,
    )
