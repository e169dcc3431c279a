from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from sizi.core.models import AuditEvent, CalendarDay
from sizi.core.workdays import delete_calendar_day, save_calendar_day


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


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin[CalendarDay]):
    """The working calendar: cuti bersama and corrections, audited on every save."""

    list_display = ["day", "kind", "name", "origin", "active"]
    list_filter = ["kind", "origin", "active"]
    search_fields = ["name", "source"]
    date_hierarchy = "day"
    readonly_fields = ["origin", "created_at", "updated_at"]

    def save_model(
        self, request: HttpRequest, obj: CalendarDay, form: Any, change: bool
    ) -> None:
        save_calendar_day(obj, by=request.user)  # type: ignore[arg-type]

    def delete_model(self, request: HttpRequest, obj: CalendarDay) -> None:
        delete_calendar_day(obj, by=request.user)  # type: ignore[arg-type]

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for day in queryset:
            delete_calendar_day(day, by=request.user)  # type: ignore[arg-type]
