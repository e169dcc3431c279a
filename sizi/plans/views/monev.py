"""Monev: review meetings of a plan, their follow-ups, and the Laporan Monev."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from sizi.core.http import AuthenticatedHttpRequest
from sizi.core.models import Job
from sizi.plans import permissions, services, tasks
from sizi.plans.forms import FollowUpForm, MeetingForm, MonevReportForm, unit_people
from sizi.plans.models import ActionPlan, ActionStep, FollowUp, ReviewMeeting, today
from sizi.plans.monev_report import default_period, monev_steps
from sizi.plans.queries import FollowUpRow
from sizi.plans.views.pages import plan_context
from sizi.units import permissions as unit_permissions

if TYPE_CHECKING:
    pass


@login_required
def meeting_list(
    request: AuthenticatedHttpRequest, code: str, year: int
) -> HttpResponse:
    """List the plan's monev meetings; editors record a new one."""
    access, plan = permissions.get_plan_for_user(request.user, code, year)
    form = MeetingForm(request.POST or None, initial={"held_on": today()})
    if request.method == "POST":
        unit_permissions.require(permissions.can_edit_plan(access))
        if form.is_valid():
            meeting = services.record_meeting(
                plan,
                by=request.user,
                **form.cleaned_data,
            )
            meeting.plan = plan
            messages.success(request, "Rapat monev dicatat.")
            return redirect(meeting)
    meetings = list(
        ReviewMeeting.objects.filter(plan=plan).annotate(
            follow_up_count=Count("follow_ups"),
            open_count=Count("follow_ups", filter=Q(follow_ups__done=False)),
        )
    )
    period = default_period(plan.year, [m.held_on for m in meetings], today())
    report_form = MonevReportForm(
        plan=plan,
        initial={
            "period": period.key,
            "steps": monev_steps(plan) if permissions.can_edit_plan(access) else [],
        },
    )
    return TemplateResponse(
        request,
        "plans/meeting_list.html",
        plan_context(
            access, plan, meetings=meetings, form=form, report_form=report_form
        ),
        status=422 if request.method == "POST" else 200,
    )


def monev_report_answer(
    request: AuthenticatedHttpRequest, plan: ActionPlan, job: Job | None
) -> HttpResponse:
    """Answer a report request: the job's panel (htmx) or page; back to monev if invalid."""
    if job is None:
        messages.error(
            request, "Pilihan periode, format atau langkah aksi tidak valid."
        )
        url = reverse("plans:meeting_list", args=[plan.unit.code, plan.year])
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    if request.htmx:
        return TemplateResponse(request, "units/downloads.html#job", {"job": job})
    return redirect(job)


@login_required
@require_POST
def monev_report(
    request: AuthenticatedHttpRequest, code: str, year: int
) -> HttpResponse:
    """Start the Laporan Monev of a period as a job (to download, not filed)."""
    _access, plan = permissions.get_plan_for_user(request.user, code, year)
    form = MonevReportForm(request.POST, plan=plan)
    job = None
    if form.is_valid():
        job = tasks.start_monev_report(
            plan,
            period_key=form.cleaned_data["period"],
            fmt=form.cleaned_data["format"],
            by=request.user,
            task=tasks.monev_report_task,
            kind="plans.monev_report",
        )
    return monev_report_answer(request, plan, job)


def _meeting(plan: ActionPlan, pk: int) -> ReviewMeeting:
    meeting = get_object_or_404(ReviewMeeting, pk=pk, plan=plan)
    meeting.plan = plan
    return meeting


@login_required
def meeting_detail(
    request: AuthenticatedHttpRequest, code: str, year: int, pk: int
) -> HttpResponse:
    """Show a meeting with its follow-ups; editors add follow-ups linked to steps."""
    access, plan = permissions.get_plan_for_user(request.user, code, year)
    meeting = _meeting(plan, pk)
    steps = ActionStep.objects.for_plan(plan).select_related(
        "indicator__component__area"
    )
    form = FollowUpForm(
        request.POST or None, people=unit_people(plan.unit), steps=steps, plan=plan
    )
    if request.method == "POST":
        unit_permissions.require(permissions.can_edit_plan(access))
        if form.is_valid():
            services.add_follow_up(meeting, by=request.user, **form.cleaned_data)
            messages.success(request, "Tindak lanjut ditambahkan.")
            return redirect(meeting)
    follow_ups = meeting.follow_ups.select_related("owner").prefetch_related("steps")
    return TemplateResponse(
        request,
        "plans/meeting_detail.html",
        plan_context(
            access,
            plan,
            meeting=meeting,
            follow_ups=[
                FollowUpRow(
                    f, permissions.can_toggle_follow_up(access, request.user, f)
                )
                for f in follow_ups
            ],
            form=form,
            today=today(),
        ),
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def follow_up_toggle(
    request: AuthenticatedHttpRequest, code: str, year: int, pk: int, fu: int
) -> HttpResponse:
    """Mark a follow-up done, or reopen it (editors or its owner)."""
    access, plan = permissions.get_plan_for_user(request.user, code, year)
    meeting = _meeting(plan, pk)
    follow_up = get_object_or_404(FollowUp, pk=fu, meeting=meeting)
    unit_permissions.require(
        permissions.can_toggle_follow_up(access, request.user, follow_up)
    )
    services.set_follow_up_done(follow_up, by=request.user, done=not follow_up.done)
    return redirect(meeting)
