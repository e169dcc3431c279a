"""Template filters that ask `units.permissions`; templates never compute rights."""

from __future__ import annotations

from django import template

from sizi.units import permissions

register = template.Library()


@register.filter
def can_manage(access: permissions.UnitAccess) -> bool:
    return permissions.can_manage_unit(access) or access.is_admin


@register.filter
def can_view_audit(access: permissions.UnitAccess) -> bool:
    return permissions.can_view_audit_log(access)
