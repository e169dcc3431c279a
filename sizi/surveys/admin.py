"""Admin: read-only views of survey data for system administrators.

Writes go through `services` (validated, audited); instruments load from their
YAML files with `manage.py load_survey_instruments`.
"""

from __future__ import annotations

from django.contrib import admin

from sizi.core.admin import ReadOnlyAdmin
from sizi.surveys.models import (
    FollowUp,
    Response,
    ResponseAnswer,
    ResponseImport,
    ServiceType,
    SurveyInstrument,
    SurveyPeriod,
    UnitQuestion,
)


@admin.register(SurveyInstrument)
class SurveyInstrumentAdmin(ReadOnlyAdmin):
    list_display = ["code", "version", "title", "effective_from", "loaded_at"]
    list_filter = ["code"]


@admin.register(ServiceType)
class ServiceTypeAdmin(ReadOnlyAdmin):
    list_display = ["name", "unit", "code", "is_active"]
    list_filter = ["unit", "is_active"]


@admin.register(SurveyPeriod)
class SurveyPeriodAdmin(ReadOnlyAdmin):
    list_display = [
        "title",
        "unit",
        "instrument",
        "year",
        "status",
        "starts_on",
        "ends_on",
    ]
    list_filter = ["status", "instrument__code", "unit"]
    list_select_related = ["unit", "instrument"]
    # The public token opens the form; an administrator does not need to read it.
    exclude = ["public_token"]


@admin.register(UnitQuestion)
class UnitQuestionAdmin(ReadOnlyAdmin):
    list_display = ["text", "unit", "instrument_code", "kind", "is_active"]
    list_filter = ["unit"]


class AnswerInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ResponseAnswer
    fields = ("question", "value")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Response)
class ResponseAdmin(ReadOnlyAdmin):
    list_display = [
        "pk",
        "period",
        "service_type",
        "channel",
        "submitted_at",
        "is_suspicious",
    ]
    list_filter = ["channel", "is_suspicious", "period__unit"]
    list_select_related = ["period", "service_type"]
    exclude = ["device_token_hash"]
    inlines = [AnswerInline]


@admin.register(ResponseImport)
class ResponseImportAdmin(ReadOnlyAdmin):
    list_display = ["filename", "period", "row_count", "created_by", "created_at"]
    list_select_related = ["period", "created_by"]


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyAdmin):
    list_display = ["period", "question", "text", "step", "created_by"]
    list_select_related = ["period", "step", "created_by"]
