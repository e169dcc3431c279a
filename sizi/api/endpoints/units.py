"""Who the token belongs to, and the units they may see."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from sizi.api.auth import caller
from sizi.api.endpoints.common import CODE, READ_ERRORS
from sizi.api.schemas import (
    ErrorOut,
    MeOut,
    UnitDetailOut,
    UnitOut,
    UnitRightsOut,
)
from sizi.lke.models import Assessment
from sizi.plans.models import ActionPlan
from sizi.units import permissions as unit_permissions
from sizi.units.permissions import UnitAccess

router = Router(tags=["Unit"])


def roles_of(access: UnitAccess) -> list[str]:
    roles = sorted(access.direct) + [f"{r}@induk" for r in sorted(access.inherited)]
    return [*roles, "admin"] if access.is_admin else roles


def unit_out(access: UnitAccess) -> UnitOut:
    unit = access.unit
    return UnitOut(
        code=unit.code,
        name=unit.name,
        short_name=unit.short_name,
        level=unit.level.code,
        level_name=unit.level.name,
        parent=unit.parent.code if unit.parent is not None else None,
        city=unit.city,
        roles=roles_of(access),
    )


@router.get(
    "/me", response={200: MeOut, 401: ErrorOut, 429: ErrorOut}, summary="Pemilik token"
)
def me(request: HttpRequest) -> MeOut:
    """Return the person the token belongs to."""
    user = caller(request)
    return MeOut(
        username=user.username,
        full_name=user.get_full_name(),
        is_admin=unit_permissions.can_administer_system(user),
    )


@router.get(
    "/units",
    response={200: list[UnitOut], 401: ErrorOut, 429: ErrorOut},
    summary="Unit yang terlihat",
)
def unit_list(request: HttpRequest) -> list[UnitOut]:
    """List every unit the token's owner may see, in tree order, with their roles."""
    return [unit_out(a) for a in unit_permissions.visible_units(caller(request))]


@router.get(
    "/units/{code}", response={200: UnitDetailOut, **READ_ERRORS}, summary="Satu unit"
)
def unit_detail(request: HttpRequest, code: str = CODE) -> UnitDetailOut:
    """Return one unit with the owner's rights there and its plan and LKE years."""
    access = unit_permissions.get_unit_for_user(caller(request), code)
    rights = unit_permissions.rights_for(access)
    return UnitDetailOut(
        **unit_out(access).model_dump(),
        rights=UnitRightsOut(
            can_manage=rights.can_manage,
            can_manage_members=rights.can_manage_members,
            can_view_audit=rights.can_view_audit,
            can_contribute=rights.can_contribute,
        ),
        plan_years=list(
            ActionPlan.objects.filter(unit=access.unit)
            .order_by("year")
            .values_list("year", flat=True)
        ),
        lke_years=list(
            Assessment.objects.filter(unit=access.unit)
            .order_by("year")
            .values_list("year", flat=True)
        ),
    )
