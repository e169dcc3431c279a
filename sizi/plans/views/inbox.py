"""The plans panel of the home page's "Pekerjaan saya" inbox (loaded by htmx)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count, F, OuterRef, Subquery
from django.http import HttpResponse
from django.template.response import TemplateResponse

from sizi.core.http import AuthenticatedHttpRequest
from sizi.plans.models import (
    ActionPlan,
    ActionStep,
    ActionStepQuerySet,
    FollowUp,
    today,
)
from sizi.units import permissions as unit_permissions
from sizi.units.models import Membership, User
from sizi.units.permissions import UnitAccess

LIMIT = 10
UNIT = "indicator__component__area__plan__unit"
PLAN = "indicator__component__area__plan"


def _latest_plans(unit_ids: list[int]) -> ActionStepQuerySet:
    """Return the steps of each unit's latest plan among `unit_ids`."""
    latest = (
        ActionPlan.objects.filter(unit=OuterRef(UNIT))
        .order_by("-year")
        .values("pk")[:1]
    )
    return ActionStep.objects.filter(**{f"{UNIT}__in": unit_ids}).filter(
        **{PLAN: Subquery(latest)}
    )


def _per_unit(
    steps: ActionStepQuerySet, by_id: dict[int, UnitAccess]
) -> list[dict[str, Any]]:
    """Count `steps` per unit (one query): rows of unit, plan year and count."""
    rows = (
        steps.values(f"{UNIT}_id", f"{PLAN}__year")
        .annotate(n=Count("pk", distinct=True))
        .order_by(f"{UNIT}__path")
    )
    return [
        {"unit": by_id[r[f"{UNIT}_id"]].unit, "year": r[f"{PLAN}__year"], "n": r["n"]}
        for r in rows
    ]


def _follow_ups(user: User, unit_ids: list[int]) -> tuple[list[FollowUp], int]:
    """Return the open monev follow-ups assigned to the user (earliest due first,
    undated last) and how many there are; two queries at most."""
    open_ones = FollowUp.objects.filter(
        owner=user, done=False, meeting__plan__unit_id__in=unit_ids
    )
    shown = list(
        open_ones.select_related("meeting__plan__unit").order_by(
            F("due_on").asc(nulls_last=True), "pk"
        )[:LIMIT]
    )
    total = open_ones.count() if len(shown) == LIMIT else len(shown)
    return shown, total


@login_required
def my_work_panel(request: AuthenticatedHttpRequest) -> HttpResponse:
    """List the user's open steps by target end (late ones flagged), the open monev
    follow-ups assigned to them and, for coordinators, the late steps per unit they
    coordinate; the same number of queries for any data."""
    accesses = unit_permissions.visible_units(request.user)
    by_id = {a.unit.pk: a for a in accesses}
    on = today()
    steps = _latest_plans(list(by_id)).assigned_to(request.user).open()
    mine = list(
        steps.with_display_status(on)
        .select_related(f"{PLAN}__unit")
        .order_by("indicator__target_end", "pk")[:LIMIT]
    )
    mine_units = _per_unit(steps, by_id)
    coordinated = [
        a.unit.pk
        for a in accesses
        if a.has(Membership.Role.COORDINATOR, direct_only=True)
    ]
    late = (
        _per_unit(_latest_plans(coordinated).overdue(on), by_id) if coordinated else []
    )
    follow_ups, follow_up_total = _follow_ups(request.user, list(by_id))
    return TemplateResponse(
        request,
        "plans/_my_work_panel.html",
        {
            "today": on,
            "follow_ups": follow_ups,
            "follow_up_total": follow_up_total,
            "steps": mine,
            "mine_units": mine_units,
            "mine_total": sum(row["n"] for row in mine_units),
            "late": late,
            "empty": not mine and not late and not follow_ups,
        },
    )
