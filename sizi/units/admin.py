"""Admin for system administrators: units, levels, users and memberships.

Saves go through `units.services` so that the audit log sees admin changes too.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest

from sizi.core import audit
from sizi.units import services
from sizi.units.models import Membership, Unit, UnitLevel, User


class MembershipInline(admin.TabularInline[Membership, Any]):
    model = Membership
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):
    list_display = [
        "username",
        "full_name",
        "email",
        "position",
        "is_active",
        "is_superuser",
    ]
    search_fields = ["username", "full_name", "email"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        ("SIZI", {"fields": ("full_name", "position")}),
    )
    inlines = [MembershipInline]

    def save_model(
        self, request: HttpRequest, obj: User, form: Any, change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        audit.record(
            request.user,  # type: ignore[arg-type]
            "user.updated" if change else "user.created",
            obj,
            changes={"fields": list(form.changed_data)},
        )


@admin.register(UnitLevel)
class UnitLevelAdmin(admin.ModelAdmin[UnitLevel]):
    list_display = ["name", "code", "rank", "needs_preliminary_review"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin[Unit]):
    list_display = ["name", "code", "level", "parent", "is_active"]
    list_filter = ["level", "is_active"]
    search_fields = ["name", "code"]
    readonly_fields = ["path"]
    autocomplete_fields = ["parent"]

    def save_model(
        self, request: HttpRequest, obj: Unit, form: Any, change: bool
    ) -> None:
        services.save_unit(obj, by=request.user)  # type: ignore[arg-type]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["user", "unit", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__full_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]

    def save_model(
        self, request: HttpRequest, obj: Membership, form: Any, change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        audit.record(
            request.user,  # type: ignore[arg-type]
            "membership.updated" if change else "membership.added",
            obj,
            unit=obj.unit,
            user=obj.user.get_username(),
            role=obj.role,
        )

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        services.remove_membership(obj, by=request.user)  # type: ignore[arg-type]
