"""Reading the LKE: the score page, the roll-up, coverage and the dashboard panel."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from sizi.core.http import AuthenticatedHttpRequest
from sizi.lke import services
from sizi.lke.forms import (
    ConcludeForm,
    IndicatorLinkForm,
    NationalForm,
    RollupSortForm,
)
from sizi.lke.models import (
    Assessment,
    Layer,
    LayerScore,
    Predicate,
    PredicateRecord,
)
from sizi.lke.permissions import (
    UNIT_EDITABLE,
    acts_as_tpi,
    get_assessment_for_user,
    write_layer,
)
from sizi.lke.scoring import rule_notes
from sizi.lke.services import closing, findings, scores
from sizi.lke.services import coverage as cov
from sizi.lke.services.readiness import readiness_rows
from sizi.lke.services.rollup import LAYER_HEADERS, rollup_page, rollup_years
from sizi.lke.views.context import layer_context
from sizi.units import permissions


@login_required
def score(request: AuthenticatedHttpRequest, code: str, year: int) -> HttpResponse:
    """Show totals, areas, eligibility with gaps, readiness and the workflow actions."""
    access, assessment = get_assessment_for_user(request.user, code, year)
    results = scores.score_all_layers(assessment)
    current = scores.effective(results)
    notes = rule_notes(current.spec)
    layer = write_layer(request.user, access, assessment)
    tpi = acts_as_tpi(request.user, access)
    context = layer_context(access, assessment, layer, tpi=tpi)
    unit_may_edit = assessment.status in UNIT_EDITABLE
    target, conditions, conditions_source = closing.proposal_checks(assessment)
    return TemplateResponse(
        request,
        "lke/score.html",
        {
            **context,
            "results": results,
            "current": current,
            "missing": services.missing_questions(assessment) if unit_may_edit else [],
            "conclude_form": ConcludeForm(),
            "readiness": readiness_rows(assessment, current, limit=15),
            "rule_notes": notes,
            "rules": {n.code: n for n in notes},
            "submissions": assessment.submissions.select_related("by").order_by(
                "-number"
            ),
            "open_returns": services.open_returns(assessment).select_related(
                "question", "author"
            ),
            "national_form": NationalForm(),
            "proposal_target": Predicate(target).label,
            "proposal_conditions": conditions,
            "proposal_source": conditions_source,
            "predicate_records": PredicateRecord.objects.filter(
                unit=access.unit
            ).order_by("-year"),
            "reports": assessment.reports.order_by("-number"),
            "open_findings": findings.open_findings(
                access.unit, up_to_year=assessment.year
            ),
        },
    )


ROLLUP_PAGE_SIZE = 50


@login_required
def rollup(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """List every unit below with its LKE score per layer, eligibility and progress."""
    access = permissions.get_unit_for_user(request.user, code)
    permissions.require(permissions.can_view_rollup(access))
    form = RollupSortForm(request.GET or None)
    years = rollup_years(access.unit)
    this_year = timezone.localdate().year
    # Open on the latest year with data below, not on an empty calendar year.
    sort, year = "unit", years[0] if years else this_year
    if form.is_valid():
        sort = form.cleaned_data["sort"] or sort
        year = form.cleaned_data["year"] or year
    rollup = rollup_page(
        access.unit, year, sort, request.GET.get("page"), ROLLUP_PAGE_SIZE
    )
    return TemplateResponse(
        request,
        "lke/rollup.html",
        {
            "access": access,
            "unit": access.unit,
            # Sorted and paged in the database; only the page's rows are loaded.
            "rows": rollup.rows,
            "page": rollup.page,
            "unit_count": rollup.unit_count,
            "year": year,
            "years": sorted({*years, this_year, year}, reverse=True),
            "year_has_data": year in years,
            "sort": sort,
            "sorts": RollupSortForm.SORTS,
            "layer_headers": LAYER_HEADERS,
            "started": rollup.started,
            "eligible_wbk": rollup.eligible_wbk,
        },
    )


@login_required
def coverage(request: AuthenticatedHttpRequest, code: str, year: int) -> HttpResponse:
    """Show and edit the indicator↔question links and the four coverage reports."""
    access, assessment = get_assessment_for_user(request.user, code, year)
    context = layer_context(
        access, assessment, write_layer(request.user, access, assessment)
    )
    if request.method == "POST":
        permissions.require(context["rights"].can_manage)
        if "suggest" in request.POST:
            count = cov.suggest_links(assessment, by=request.user)
            messages.success(
                request,
                f"{count} tautan usulan dibuat; tautan yang sudah dikonfirmasi tetap.",
            )
            return redirect("lke:coverage", code, year)
        by_pk = {i.pk: i for i in cov.plan_indicators(assessment)}
        form = IndicatorLinkForm(
            request.POST, indicators=list(by_pk), instrument=assessment.instrument
        )
        if form.is_valid():
            cov.set_indicator_links(
                assessment,
                by_pk[form.cleaned_data["indicator"]],
                [q.pk for q in form.cleaned_data["questions"]],
                by=request.user,
            )
            messages.success(request, "Tautan indikator dikonfirmasi.")
        else:
            messages.error(request, "Pilihan tautan tidak valid.")
        return redirect("lke:coverage", code, year)
    page = cov.coverage_page(assessment)
    return TemplateResponse(
        request,
        "lke/coverage.html",
        {
            **context,
            "indicator_groups": page.groups,
            "report": page.report,
        },
    )


@login_required
def dashboard_panel(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Summarise the unit's latest LKE on its dashboard (loaded by htmx)."""
    access = permissions.get_unit_for_user(request.user, code)
    assessment = (
        Assessment.objects.filter(unit=access.unit)
        .select_related("instrument")
        .order_by("-year")
        .first()
    )
    scores_by_layer = (
        {s.layer: s for s in LayerScore.objects.filter(assessment=assessment)}
        if assessment
        else {}
    )
    effective = next(
        (scores_by_layer[x] for x in reversed(Layer.ordered()) if x in scores_by_layer),
        None,
    )
    own = scores_by_layer.get(Layer.SELF)
    return TemplateResponse(
        request,
        "lke/_dashboard_panel.html",
        {
            "unit": access.unit,
            "assessment": assessment,
            "effective": effective,
            "progress": round(100 * own.answered / own.question_count)
            if own and own.question_count
            else 0,
            "returned": services.open_returns(assessment).count()
            if assessment and assessment.status == Assessment.Status.RETURNED
            else 0,
        },
    )
