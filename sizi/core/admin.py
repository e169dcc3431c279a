from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from sizi.core.models import AuditEvent


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    """Show rows to system administrators without add, change or delete.

    Writes go through the apps' services (which validate and audit them); the
    admin is for looking, never a way around them.
    """

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Read-only: nobody adds, changes or deletes audit entries, not even here."""

    list_display = ["at", "actor_name", "unit", "action", "target_repr"]
    list_filter = ["action"]
    search_fields = ["actor_name", "action", "target_repr"]
    date_hierarchy = "at"
