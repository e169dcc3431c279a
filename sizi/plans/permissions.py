"""Rights on action plans, built only from the predicates of `units.permissions`.

Everyone who may see a unit reads its plan (its own members, leaders and
reviewers of the units above, administrators). The coordinator and the unit's
leader edit the plan, assign PICs and record monev; a PIC updates only the
steps assigned to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import Http404

from sizi.plans.models import ActionPlan, ActionStep, FollowUp
from sizi.units import permissions as unit_permissions
from sizi.units.permissions import UnitAccess

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from sizi.units.models import User


def can_edit_plan(access: UnitAccess) -> bool:
    """The coordinator or the unit's leader imports and edits the plan and records monev."""
    return unit_permissions.can_manage_unit(access)


def can_update_step(
    access: UnitAccess, user: User | AnonymousUser, step: ActionStep
) -> bool:
    """A plan editor updates any step; a PIC of the unit only the steps assigned to them."""
    if can_edit_plan(access):
        return True
    if not unit_permissions.can_contribute(access):
        return False
    return any(owner.pk == user.pk for owner in step.owners.all())


def can_toggle_follow_up(
    access: UnitAccess, user: User | AnonymousUser, follow_up: FollowUp
) -> bool:
    """A plan editor marks any follow-up done or open; a PIC only their own."""
    return can_edit_plan(access) or (
        unit_permissions.can_contribute(access) and follow_up.owner_id == user.pk
    )


@dataclass(frozen=True)
class PlanRights:
    """What a plan page may offer; templates read ``rights.can_x``."""

    #: Import and edit the plan, assign PICs, record monev.
    can_edit: bool
    #: PIC and up: work on steps assigned to them, tick their follow-ups.
    can_contribute: bool
    #: On a step's page: change its status, progress and realisations.
    can_update_step: bool = False


def rights_for(
    access: UnitAccess,
    user: User | AnonymousUser | None = None,
    step: ActionStep | None = None,
) -> PlanRights:
    """Return the rights a plan page shows; with `user` and `step`, the step's too."""
    return PlanRights(
        can_edit=can_edit_plan(access),
        can_contribute=unit_permissions.can_contribute(access),
        can_update_step=(
            user is not None
            and step is not None
            and can_update_step(access, user, step)
        ),
    )


def get_plan_for_user(
    user: User | AnonymousUser, code: str, year: int
) -> tuple[UnitAccess, ActionPlan]:
    """Return the access and the unit's plan for `year`; 404 if either is not visible."""
    access = unit_permissions.get_unit_for_user(user, code)
    plan = (
        ActionPlan.objects.filter(unit=access.unit, year=year)
        .select_related("unit")
        .first()
    )
    if plan is None:
        raise Http404("Rencana aksi tidak ditemukan.")
    plan.unit = access.unit
    return access, plan


def get_step_for_user(
    user: User | AnonymousUser, code: str, year: int, pk: int
) -> tuple[UnitAccess, ActionPlan, ActionStep]:
    """Return the access, plan and one of its steps; 404 if not visible or not in the plan."""
    access, plan = get_plan_for_user(user, code, year)
    step = (
        ActionStep.objects.for_plan(plan)
        .select_related("indicator__component__area")
        .prefetch_related("owners")
        .filter(pk=pk)
        .first()
    )
    if step is None:
        raise Http404("Langkah aksi tidak ditemukan.")
    step.indicator.component.area.plan = plan
    return access, plan, step
