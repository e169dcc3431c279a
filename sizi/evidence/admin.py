"""Admin: read-only views of evidence for system administrators (changes go through services)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin
from django.db import models

from sizi.core.admin import ReadOnlyAdmin
from sizi.evidence.models import (
    Evidence,
    EvidenceRequest,
    EvidenceRevision,
    EvidenceStatusChange,
)

# The stubs make inlines generic; Django's class is not subscriptable at run time.
if TYPE_CHECKING:
    _RevisionInlineBase = admin.TabularInline[EvidenceRevision, Evidence]
else:
    _RevisionInlineBase = admin.TabularInline


class RevisionInline(_RevisionInlineBase):
    model = EvidenceRevision
    fields = ("number", "original_name", "size", "sha256", "uploaded_by", "uploaded_at")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ["title", "unit", "kind", "status", "document_date", "created_by"]
    list_filter = ["status", "kind", "unit"]
    search_fields = ["title", "description"]
    inlines = [RevisionInline]
    # As the evidence forms: a link without a scheme is https (Django 6.0's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(EvidenceStatusChange)
class EvidenceStatusChangeAdmin(ReadOnlyAdmin):
    list_display = ["evidence", "from_status", "to_status", "by", "at"]


@admin.register(EvidenceRequest)
class EvidenceRequestAdmin(ReadOnlyAdmin):
    list_display = ["title", "unit", "requested_from", "due_date", "status"]
    list_filter = ["status", "unit"]
