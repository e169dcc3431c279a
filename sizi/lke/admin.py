"""Read-only admin views of the LKE: instruments and assessments are changed by services."""

from __future__ import annotations

from django.contrib import admin

from sizi.core.admin import ReadOnlyAdmin
from sizi.lke.models import Assessment, Instrument, LayerScore, Question, Submission


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
