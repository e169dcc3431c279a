from __future__ import annotations

from typing import Any

from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from axes.utils import reset as axes_reset
from django.contrib import admin
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from sizi.core.audit import record
from sizi.core.models import AuditChainHead, AuditEvent, CalendarDay
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


@admin.register(AuditChainHead)
class AuditChainHeadAdmin(ReadOnlyAdmin):
    list_display = ["seq", "hash", "at"]


# django-axes' records of sign-in attempts are evidence too: read-only here,
# no delete (not even in bulk). A locked-out account is unlocked with the
# "Buka kunci" action, which is audited, or `manage.py axes_reset_username`.


class AxesAttemptAdmin(ReadOnlyAdmin, axes_admin.AccessAttemptAdmin):  # type: ignore[misc]
    actions = ["unlock"]

    @admin.action(description="Buka kunci akun yang dipilih")
    def unlock(self, request: HttpRequest, queryset: QuerySet[AccessAttempt]) -> None:
        with transaction.atomic():
            for username in set(queryset.values_list("username", flat=True)):
                count = axes_reset(username=username)
                record(request.user, "auth.unlocked", username=username, attempts=count)  # type: ignore[arg-type]
        self.message_user(request, "Kunci masuk dibuka dan dicatat di log audit.")


class AxesAccessLogAdmin(ReadOnlyAdmin, axes_admin.AccessLogAdmin):  # type: ignore[misc]
    pass


class AxesFailureLogAdmin(ReadOnlyAdmin, axes_admin.AccessFailureLogAdmin):  # type: ignore[misc]
    pass


for _model, _model_admin in (
    (AccessAttempt, AxesAttemptAdmin),
    (AccessLog, AxesAccessLogAdmin),
    (AccessFailureLog, AxesFailureLogAdmin),
):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _model_admin)
