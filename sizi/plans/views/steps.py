"""Working on steps: the step page (status, progress, realisation), PICs, edits."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_POST

from sizi.core.http import AuthenticatedHttpRequest
from sizi.core.numbers import parse_count
from sizi.plans import permissions, services, step_picker
from sizi.plans.forms import (
    AssignOwnersForm,
    IndicatorForm,
    RealisationForm,
    StepTextForm,
    StepUpdateForm,
    unit_people,
)
from sizi.plans.models import ActionPlan, ActionStep, Indicator, today
from sizi.plans.target_time import parse_target_time
from sizi.plans.views.pages import plan_context
from sizi.units import permissions as unit_permissions
from sizi.units.permissions import UnitAccess


def _recurring(step: ActionStep) -> bool:
    """Whether the step's progress follows its realised periods (see add_realisation)."""
    return bool(step.indicator.target_recurrence)


def _step_page(
    request: AuthenticatedHttpRequest,
    access: UnitAccess,
    plan: ActionPlan,
    step: ActionStep,
    *,
    status: int = 200,
    **forms: Any,
) -> HttpResponse:
    people = unit_people(plan.unit)
    # Evidence linked to the step, counted by status through the reverse relation
    # of evidence.Evidence.action_steps (no import of the evidence app).
    by_status = Counter(e.get_status_display() for e in step.evidence.only("status"))
    context = plan_context(
        access,
        plan,
        permissions.rights_for(access, request.user, step),
        step=step,
        indicator=step.indicator,
        realisations=step.realisations.select_related("by").order_by("-done_on", "-id"),
        follow_ups=step.follow_ups.select_related("meeting", "owner"),
        missed_period=step.missed_period(),
        evidence_count=sum(by_status.values()),
        evidence_by_status=sorted(by_status.items()),
        update_form=forms.get("update_form")
        or StepUpdateForm(initial={"status": step.status, "progress": step.progress}),
        realisation_form=forms.get("realisation_form")
        or RealisationForm(
            initial={"done_on": today(), "progress": step.effective_progress},
            recurring=_recurring(step),
        ),
        owners_form=forms.get("owners_form")
        or AssignOwnersForm(people=people, initial={"owners": list(step.owners.all())}),
        text_form=forms.get("text_form") or StepTextForm(initial={"text": step.text}),
    )
    return TemplateResponse(request, "plans/step_detail.html", context, status=status)


@login_required
def step_detail(
    request: AuthenticatedHttpRequest, code: str, year: int, pk: int
) -> HttpResponse:
    """Show a step with its indicator, target, PICs, realisations and follow-ups."""
    access, plan, step = permissions.get_step_for_user(request.user, code, year, pk)
    return _step_page(request, access, plan, step)


@login_required
@require_POST
def step_update(
    request: AuthenticatedHttpRequest, code: str, year: int, pk: int
) -> HttpResponse:
    """Change status and progress (the step's PIC or a plan editor)."""
    access, plan, step = permissions.get_step_for_user(request.user, code, year, pk)
    unit_permissions.require(permissions.can_update_step(access, request.user, step))
    form = StepUpdateForm(request.POST)
    if not form.is_valid():
        return _step_page(request, access, plan, step, status=422, update_form=form)
    services.update_step(
        step,
        by=request.user,
        status=form.cleaned_data["status"],
        progress=form.cleaned_data["progress"],
    )
    messages.success(request, "Status langkah aksi diperbarui.")
    return redirect(step)


@login_required
@require_POST
def step_realisation(
    request: AuthenticatedHttpRequest, code: str, year: int, pk: int
) -> HttpResponse:
    """Record a realisation (the step's PIC or a plan editor)."""
    access, plan, step = permissions.get_step_for_user(request.user, code, year, pk)
    unit_permissions.require(permissions.can_update_step(access, request.user, step))
    form = RealisationForm(request.POST, recurring=_recurring(step))
    if not form.is_valid():
        return _step_page(
            request, access, plan, step, status=422, realisation_form=form
        )
    data = form.cleaned_data
    services.add_realisation(
        step,
        by=request.user,
        description=data["description"],
        done_on=data["done_on"],
        note=data["note"],
        mark_done=data["mark_done"],
        progress=data.get("progress"),
    )
    messages.success(request, "Realisasi dicatat.")
    return redirect(step)


@login_required
@require_POST
def step_owners(
    request: AuthenticatedHttpRequest, code: str, year: int, pk: int
) -> HttpResponse:
    """Assign the PICs of a step (coordinator or leader)."""
    access, plan, step = permissions.get_step_for_user(request.user, code, year, pk)
    unit_permissions.require(permissions.can_edit_plan(access))
    form = AssignOwnersForm(request.POST, people=unit_people(plan.unit))
    if not form.is_valid():
        return _step_page(request, access, plan, step, status=422, owners_form=form)
    services.assign_owners(step, form.cleaned_data["owners"], by=request.user)
    messages.success(request, "PIC langkah aksi disimpan.")
    return redirect(step)


@login_required
@require_POST
def step_edit(
    request: AuthenticatedHttpRequest, code: str, year: int, pk: int
) -> HttpResponse:
    """Change the wording of a step (coordinator or leader)."""
    access, plan, step = permissions.get_step_for_user(request.user, code, year, pk)
    unit_permissions.require(permissions.can_edit_plan(access))
    form = StepTextForm(request.POST)
    if not form.is_valid():
        return _step_page(request, access, plan, step, status=422, text_form=form)
    services.edit_step_text(step, by=request.user, text=form.cleaned_data["text"])
    messages.success(request, "Langkah aksi diubah.")
    return redirect(step)


@login_required
@require_POST
def step_delete(
    request: AuthenticatedHttpRequest, code: str, year: int, pk: int
) -> HttpResponse:
    """Remove a step with its realisations (coordinator or leader)."""
    access, plan, step = permissions.get_step_for_user(request.user, code, year, pk)
    unit_permissions.require(permissions.can_edit_plan(access))
    services.remove_step(step, by=request.user)
    messages.success(request, "Langkah aksi dihapus.")
    return redirect(plan)


def _indicator(plan: ActionPlan, pk: int) -> Indicator:
    indicator = get_object_or_404(
        Indicator.objects.select_related("component__area"),
        pk=pk,
        component__area__plan=plan,
    )
    indicator.component.area.plan = plan
    return indicator


@login_required
def indicator_edit(
    request: AuthenticatedHttpRequest, code: str, year: int, pk: int
) -> HttpResponse:
    """Edit an indicator's wording, target time and expected evidence; add a step."""
    access, plan = permissions.get_plan_for_user(request.user, code, year)
    unit_permissions.require(permissions.can_edit_plan(access))
    indicator = _indicator(plan, pk)
    evidence = "\n".join(e.text for e in indicator.expected_evidence.all())
    form = IndicatorForm(
        request.POST or None,
        initial={
            "text": indicator.text,
            "target_raw": indicator.target_raw,
            "evidence": evidence,
        },
    )
    step_form = StepTextForm(prefix="new")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.edit_indicator(
            indicator,
            by=request.user,
            text=data["text"],
            target=parse_target_time(data["target_raw"], year=plan.year),
            evidence=data["evidence"],
        )
        messages.success(request, "Indikator diubah.")
        return redirect(plan)
    return TemplateResponse(
        request,
        "plans/indicator_edit.html",
        plan_context(access, plan, indicator=indicator, form=form, step_form=step_form),
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def indicator_add_step(
    request: AuthenticatedHttpRequest, code: str, year: int, pk: int
) -> HttpResponse:
    """Append a step to an indicator (coordinator or leader)."""
    access, plan = permissions.get_plan_for_user(request.user, code, year)
    unit_permissions.require(permissions.can_edit_plan(access))
    indicator = _indicator(plan, pk)
    form = StepTextForm(request.POST, prefix="new")
    if not form.is_valid():
        messages.error(request, "Teks langkah aksi wajib diisi.")
        return redirect("plans:indicator_edit", code=code, year=year, pk=pk)
    step = services.add_step(indicator, by=request.user, text=form.cleaned_data["text"])
    step.indicator = indicator
    messages.success(request, "Langkah aksi ditambahkan.")
    return redirect(step)


@login_required
@require_GET
def step_search(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Return the unit's steps matching ?<field>__cari= for a step picker (htmx).

    Only the matches are rendered (at most `MATCH_LIMIT`), as boxes named
    ?field= (checkboxes, or radios when ?multiple=0).
    """
    access = unit_permissions.get_unit_for_user(request.user, code)
    field = request.GET.get("field", "steps")
    if not step_picker.valid_field_name(field):
        raise Http404("Kolom tidak dikenal.")
    text = " ".join(request.GET.get(f"{field}__cari", "").split())[:100]
    multiple = request.GET.get("multiple") != "0"
    try:
        year = parse_count(request.GET.get("tahun", ""), where="tahun", max_value=2100)
    except ValidationError as exc:
        raise Http404("Tahun tidak dikenal.") from exc
    matches = step_picker.search_steps(access.unit, text, year=year)
    return TemplateResponse(
        request,
        "plans/widgets/step_matches.html",
        {
            "groups": step_picker.group_steps(matches),
            "count": len(matches),
            "text": text,
            "field": field,
            "input_type": "checkbox" if multiple else "radio",
            "limit": step_picker.MATCH_LIMIT,
        },
    )
