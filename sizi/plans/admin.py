"""Read-only admin of action plans: changes go through the plan pages (audited)."""

from __future__ import annotations

from django.contrib import admin

from sizi.core.admin import ReadOnlyAdmin
from sizi.plans.models import (
    ActionPlan,
    ActionStep,
    FollowUp,
    Realisation,
    ReviewMeeting,
    StepReminder,
)


@admin.register(ActionPlan)
class ActionPlanAdmin(ReadOnlyAdmin):
    list_display = ["unit", "year", "number", "signed_on", "source_filename"]
    list_filter = ["year"]
    search_fields = ["unit__name", "unit__code", "number"]


@admin.register(ActionStep)
class ActionStepAdmin(ReadOnlyAdmin):
    list_display = ["text", "status", "progress", "indicator"]
    list_filter = ["status"]
    search_fields = ["text"]
    list_select_related = ["indicator"]


@admin.register(Realisation)
class RealisationAdmin(ReadOnlyAdmin):
    list_display = ["done_on", "description", "by", "step"]
    list_select_related = ["by", "step"]


@admin.register(ReviewMeeting)
class ReviewMeetingAdmin(ReadOnlyAdmin):
    list_display = ["held_on", "title", "plan"]
    list_select_related = ["plan"]


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyAdmin):
    list_display = ["text", "owner", "due_on", "done"]
    list_select_related = ["owner"]


@admin.register(StepReminder)
class StepReminderAdmin(ReadOnlyAdmin):
    list_display = ["sent_on", "recipient", "kind", "step"]
    list_filter = ["kind", "sent_on"]
    list_select_related = ["recipient", "step"]
