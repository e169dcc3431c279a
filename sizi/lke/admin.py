"""Read-only admin views of the LKE: instruments and assessments are changed by services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from sizi.lke.models import Assessment, Instrument, LayerScore, Question, Submission


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    """Show rows without add, change or delete: writes go through `lke.services`."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Instrument)
class InstrumentAdmin(ReadOnlyAdmin):
    list_display = ["code", "version", "name", "effective_date", "source_hash"]
    exclude = ["source_text"]


@admin.register(Question)
class QuestionAdmin(ReadOnlyAdmin):
    list_display = ["code", "instrument", "answer_type", "text"]
    list_filter = ["instrument", "answer_type"]
    search_fields = ["code", "text"]


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ["unit", "year", "instrument", "status", "submitted_at"]
    list_filter = ["year", "status"]
    search_fields = ["unit__code", "unit__name"]


@admin.register(LayerScore)
class LayerScoreAdmin(ReadOnlyAdmin):
    list_display = [
        "assessment",
        "layer",
        "total",
        "answered",
        "eligible_wbk",
        "eligible_wbbm",
    ]
    list_filter = ["layer", "eligible_wbk"]


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = ["assessment", "number", "kind", "at", "by", "sha256"]
    list_filter = ["kind"]
