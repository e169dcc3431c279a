"""Reading a plan: the plan list, the tree, the schedule lists, the timeline, exports."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from sizi.core import jobs
from sizi.core.http import AuthenticatedHttpRequest
from sizi.plans import export, permissions, queries, services, tasks
from sizi.plans.forms import DecreeForm, PlanFilterForm, unit_people
from sizi.plans.models import ActionPlan, ActionStep, Area, today
from sizi.plans.permissions import PlanRights
from sizi.plans.target_grammar import MONTH_NAMES
from sizi.plans.target_time import WEEK_CONVENTION
from sizi.units import permissions as unit_permissions
from sizi.units.permissions import UnitAccess


def plan_context(
    access: UnitAccess,
    plan: ActionPlan,
    rights: PlanRights | None = None,
    **extra: object,
) -> dict[str, object]:
    """Return the context every plan page shares (the plan's rights unless a
    step's are given)."""
    return {
        "access": access,
        "unit": access.unit,
        "plan": plan,
        "rights": rights if rights is not None else permissions.rights_for(access),
        "week_convention": WEEK_CONVENTION,
        "months": MONTH_NAMES,
        "export_formats": list(export.FORMAT_LABELS.items()),
        **extra,
    }


@login_required
def plan_index(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """List the unit's plans by year; open the latest one when there is only one."""
    access = unit_permissions.get_unit_for_user(request.user, code)
    plans = list(
        ActionPlan.objects.for_unit(access.unit).with_progress().order_by("-year")
    )
    return TemplateResponse(
        request,
        "plans/plan_index.html",
        {
            "access": access,
            "unit": access.unit,
            "plans": plans,
            "rights": permissions.rights_for(access),
        },
    )


def _filter(
    request: AuthenticatedHttpRequest, plan: ActionPlan
) -> tuple[PlanFilterForm, queries.StepFilter]:
    form = PlanFilterForm(
        request.GET or None,
        areas=Area.objects.filter(plan=plan).order_by("order"),
        people=unit_people(plan.unit),
    )
    flt = queries.StepFilter()
    if form.is_valid():
        data = form.cleaned_data
        flt = queries.StepFilter(
            area_id=data["area"].pk if data.get("area") else None,
            pic_id=data["pic"].pk if data.get("pic") else None,
            status=data.get("status") or "",
            month=data.get("month"),
        )
    return form, flt


TREE_PAGE_SIZE = 80
SCHEDULE_LIST_SIZE = 50


@login_required
def plan_detail(
    request: AuthenticatedHttpRequest, code: str, year: int
) -> HttpResponse:
    """Show the plan as a tree (area → komponen → indikator → langkah) with filters."""
    access, plan = permissions.get_plan_for_user(request.user, code, year)
    form, flt = _filter(request, plan)
    all_areas = list(Area.objects.filter(plan=plan).with_progress().order_by("order"))
    # One page of indicators at a time: the page stays the same size however
    # large the plan (the seed's 70 indicators fit on one page).
    page = Paginator(queries.tree_indicator_ids(plan, flt), TREE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    areas = queries.load_tree(plan, flt, indicator_ids=list(page.object_list))
    context = plan_context(
        access,
        plan,
        form=form,
        filtered=flt.active,
        areas=areas,
        page=page,
        has_week_targets=queries.has_week_targets(areas),
        area_progress=all_areas,
        summary=queries.progress_summary(all_areas),
        today=today(),
    )
    template = "plans/plan_detail.html"
    if request.htmx:
        template += "#tree"
    return TemplateResponse(request, template, context)


@login_required
def plan_schedule(
    request: AuthenticatedHttpRequest, code: str, year: int
) -> HttpResponse:
    """Show the open steps of this month, the next 30 days, and the late ones."""
    access, plan = permissions.get_plan_for_user(request.user, code, year)
    lists = queries.schedule(plan, limit=SCHEDULE_LIST_SIZE)
    counts = queries.schedule_counts(plan)
    return TemplateResponse(
        request,
        "plans/plan_schedule.html",
        plan_context(
            access,
            plan,
            lists=lists,
            counts=counts,
            today=today(),
            list_size=SCHEDULE_LIST_SIZE,
        ),
    )


@login_required
def plan_timeline(
    request: AuthenticatedHttpRequest, code: str, year: int
) -> HttpResponse:
    """Show the month-by-month grid (January to December) of the plan's targets."""
    access, plan = permissions.get_plan_for_user(request.user, code, year)
    form, flt = _filter(request, plan)
    current = today()
    page = Paginator(queries.tree_indicator_ids(plan, flt), TREE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return TemplateResponse(
        request,
        "plans/plan_timeline.html",
        plan_context(
            access,
            plan,
            form=form,
            page=page,
            rows=queries.timeline(plan, flt, indicator_ids=list(page.object_list)),
            current_month=current.month if current.year == plan.year else None,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_export(
    request: AuthenticatedHttpRequest, code: str, year: int, fmt: str
) -> HttpResponse:
    """Offer (GET) or start (POST) the export of the plan as DOCX, PDF or XLSX.

    The file is built by a background job: the answer is its progress panel
    (htmx) or its page, and the file waits under "Unduhan saya".
    """
    access, plan = permissions.get_plan_for_user(request.user, code, year)
    if fmt not in export.FORMATS:
        raise Http404("Format tidak dikenal.")
    label = export.FORMAT_LABELS[fmt]
    if request.method != "POST":
        return TemplateResponse(
            request,
            "plans/plan_export.html",
            plan_context(access, plan, fmt=fmt, format_label=label),
        )
    with transaction.atomic():
        job = jobs.start_job(
            tasks.export_plan_task,
            by=request.user,
            unit=access.unit,
            kind="plans.export",
            title=f"Rencana aksi {plan.year} ({label}) · {access.unit.name}",
            params={"plan": plan.pk, "year": plan.year, "format": fmt},
        )
    if request.htmx:
        return TemplateResponse(request, "units/downloads.html#job", {"job": job})
    return redirect(job)


@login_required
def plan_latest(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Redirect to the newest plan of the unit, or to the plan list."""
    access = unit_permissions.get_unit_for_user(request.user, code)
    plan = ActionPlan.objects.for_unit(access.unit).order_by("-year").first()
    if plan is None:
        return redirect("plans:plan_index", code=code)
    return redirect("plans:plan_detail", code=code, year=plan.year)


@login_required
def plan_decree(
    request: AuthenticatedHttpRequest, code: str, year: int
) -> HttpResponse:
    """Correct the decree fields printed on the exports (coordinator or leader)."""
    access, plan = permissions.get_plan_for_user(request.user, code, year)
    unit_permissions.require(permissions.can_edit_plan(access))
    fields = ["number", "title", "signed_on", "place", "signatory", "signatory_title"]
    form = DecreeForm(
        request.POST or None, initial={f: getattr(plan, f) for f in fields}
    )
    if request.method == "POST" and form.is_valid():
        services.update_decree(plan, by=request.user, **form.cleaned_data)
        messages.success(request, "Data keputusan disimpan.")
        return redirect(plan)
    return TemplateResponse(
        request,
        "plans/plan_decree.html",
        plan_context(access, plan, form=form),
        status=422 if request.method == "POST" else 200,
    )


@login_required
def dashboard_panel(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Return the unit dashboard's Rencana Aksi card (loaded with htmx)."""
    access = unit_permissions.get_unit_for_user(request.user, code)
    plan = (
        ActionPlan.objects.for_unit(access.unit)
        .with_progress()
        .order_by("-year")
        .first()
    )
    context: dict[str, object] = {"access": access, "unit": access.unit, "plan": plan}
    if plan is not None:
        on = today()
        steps = ActionStep.objects.for_plan(plan)
        context.update(
            progress=round(plan.progress_avg),  # type: ignore[attr-defined]
            late=steps.overdue(on).count(),
            due_soon=steps.due_between(on, on + timedelta(days=30)).count(),
            mine=steps.assigned_to(request.user).open().count(),
        )
    return TemplateResponse(request, "plans/_dashboard_panel.html", context)
