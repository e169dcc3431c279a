"""Monev: review meetings of a plan and their follow-ups."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from sizi.core.http import AuthenticatedHttpRequest
from sizi.plans import permissions, services
from sizi.plans.forms import FollowUpForm, MeetingForm, unit_people
from sizi.plans.models import ActionPlan, ActionStep, FollowUp, ReviewMeeting, today
from sizi.plans.queries import FollowUpRow
from sizi.plans.views.pages import plan_context
from sizi.units import permissions as unit_permissions


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
    meetings = ReviewMeeting.objects.filter(plan=plan).annotate(
        follow_up_count=Count("follow_ups"),
        open_count=Count("follow_ups", filter=Q(follow_ups__done=False)),
    )
    return TemplateResponse(
        request,
        "plans/meeting_list.html",
        plan_context(access, plan, meetings=meetings, form=form),
        status=422 if request.method == "POST" else 200,
    )


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
