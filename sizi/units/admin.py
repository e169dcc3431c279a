"""Admin for system administrators: units, levels, users and memberships.

Every save and delete goes through `units.services`, so that rights changed in
the admin land in the audit log like any other: one event per membership with
the unit concerned, bulk deletes included.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import transaction
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse

from sizi.core import audit
from sizi.units import services
from sizi.units.models import Membership, Unit, UnitLevel, User


def _by(request: HttpRequest) -> User | None:
    """Return the signed-in administrator (the admin lets no one else in)."""
    return request.user if isinstance(request.user, User) else None


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
        stored = User.objects.filter(pk=obj.pk).first() if change else None
        before = audit.snapshot(stored, services.USER_FIELDS) if stored else {}
        super().save_model(request, obj, form, change)
        extra = {
            name: [str(v) for v in form.cleaned_data.get(name, [])]
            for name in ("groups", "user_permissions")
            if name in form.changed_data
        }
        services.record_user_saved(
            obj,
            before=before,
            was_active=stored.is_active if stored else None,
            extra=extra,
            by=_by(request),
        )

    def save_formset(
        self, request: HttpRequest, form: Any, formset: Any, change: bool
    ) -> None:
        if formset.model is not Membership:
            super().save_formset(request, form, formset, change)
            return
        _save_memberships(formset, by=_by(request))

    def delete_model(self, request: HttpRequest, obj: User) -> None:
        services.delete_user(obj, by=_by(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        with transaction.atomic():
            for user in queryset:
                services.delete_user(user, by=_by(request))

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        """Record a password set (or password sign-in disabled) by an administrator."""
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            done = (
                request.method == "POST"
                and response.status_code == 302
                and response["Location"] != request.get_full_path()
            )
            user = User.objects.filter(pk=id).first() if done else None
            if user is not None:
                action = (
                    "user.password_set_by_admin"
                    if user.has_usable_password()
                    else "user.password_disabled"
                )
                services.record_password_set(user, action=action, by=_by(request))
        return response


def _save_memberships(
    formset: BaseInlineFormSet[Any, Any, Any], *, by: User | None
) -> None:
    """Save the membership inline: one audit event per membership granted,
    changed or removed, each in the log of the unit concerned."""
    stored = {
        m.pk: m
        for m in Membership.objects.filter(
            pk__in=[f.instance.pk for f in formset.initial_forms]
        ).select_related("unit", "user")
    }
    formset.save(commit=False)
    for membership in formset.deleted_objects:
        services.remove_membership(membership, by=by)
    for membership in formset.new_objects:
        services.grant_membership(membership, by=by)
    for membership, _fields in formset.changed_objects:
        old = stored[membership.pk]
        services.change_membership(
            membership, old_unit=old.unit, old_user=old.user, old_role=old.role, by=by
        )


@admin.register(UnitLevel)
class UnitLevelAdmin(admin.ModelAdmin[UnitLevel]):
    list_display = ["name", "code", "rank", "needs_preliminary_review"]

    def save_model(
        self, request: HttpRequest, obj: UnitLevel, form: Any, change: bool
    ) -> None:
        services.save_unit_level(obj, by=_by(request))

    def delete_model(self, request: HttpRequest, obj: UnitLevel) -> None:
        services.delete_unit_level(obj, by=_by(request))

    def delete_queryset(
        self, request: HttpRequest, queryset: QuerySet[UnitLevel]
    ) -> None:
        with transaction.atomic():
            for level in queryset:
                services.delete_unit_level(level, by=_by(request))


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
        services.save_unit(obj, by=_by(request))

    def delete_model(self, request: HttpRequest, obj: Unit) -> None:
        services.delete_unit(obj, by=_by(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Unit]) -> None:
        with transaction.atomic():
            for unit in queryset.order_by("-path"):
                services.delete_unit(unit, by=_by(request))


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["user", "unit", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__full_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]

    def save_model(
        self, request: HttpRequest, obj: Membership, form: Any, change: bool
    ) -> None:
        if not change:
            services.grant_membership(obj, by=_by(request))
            return
        old = Membership.objects.select_related("unit", "user").get(pk=obj.pk)
        services.change_membership(
            obj,
            old_unit=old.unit,
            old_user=old.user,
            old_role=old.role,
            by=_by(request),
        )

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        services.remove_membership(obj, by=_by(request))

    def delete_queryset(
        self, request: HttpRequest, queryset: QuerySet[Membership]
    ) -> None:
        with transaction.atomic():
            for membership in queryset.select_related("unit", "user"):
                services.remove_membership(membership, by=_by(request))
