"""Access rules of the plans app's URLs (see ``sizi.core.tests.access``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sizi.core.models import Job
from sizi.core.tests.access import HIDDEN, Case, Rule, World, allow
from sizi.plans import permissions, services
from sizi.plans.models import ActionStep, Indicator
from sizi.plans.tests.factories import build_plan
from sizi.units import permissions as unit_permissions
from sizi.units.models import Membership

YEAR = 2025
UNIT_KEYS = ["jambi", "tanjabbar", "tanjabtim"]


def build(world: World) -> None:
    """Give each unit a plan with a step and a follow-up owned by its PIC."""
    for key in UNIT_KEYS:
        unit = world.units[key]
        pic = world.get(key, f"membership:{Membership.Role.TEAM}").user
        coordinator = world.get(key, f"membership:{Membership.Role.COORDINATOR}").user
        plan = build_plan(unit, steps=2, year=YEAR)
        step = ActionStep.objects.for_plan(plan).order_by("pk").first()
        assert step is not None  # noqa: S101
        services.assign_owners(step, [pic], by=coordinator)
        meeting = services.record_meeting(
            plan, by=coordinator, held_on=date(2025, 11, 3), title="Monev November"
        )
        follow_up = services.add_follow_up(
            meeting, by=coordinator, text="Lengkapi SK", owner=pic, due_on=None
        )
        world.put(key, "plan", plan)
        world.put(key, "step", step)
        world.put(key, "indicator", Indicator.objects.get(pk=step.indicator_id))
        world.put(key, "meeting", meeting)
        world.put(key, "follow_up", follow_up)
    # a PDF decree being read, started by tanjabbar's coordinator
    world.put(
        "",
        "import_read",
        Job.objects.create(
            user=world.get(
                "tanjabbar", f"membership:{Membership.Role.COORDINATOR}"
            ).user,
            unit=world.units["tanjabbar"],
            kind="plans.import_read",
            title="Membaca keputusan.pdf",
            task_path="sizi.plans.tasks.read_decree_task",
        ),
    )


def edit(case: Case) -> bool:
    return permissions.can_edit_plan(case.access)


def update_step(case: Case) -> bool:
    step = case.world.get(case.unit_key, "step")
    return permissions.can_update_step(case.access, case.user, step)


def toggle_follow_up(case: Case) -> bool:
    follow_up = case.world.get(case.unit_key, "follow_up")
    return edit(case) or (
        unit_permissions.can_contribute(case.access)
        and follow_up.owner_id == case.user.pk
    )


def import_read_owner(case: Case) -> bool | int:
    """A PDF reading is its starter's, in its own unit (else missing), for editors."""
    if not edit(case):
        return False
    job = case.world.get("", "import_read")
    return True if case.user == job.user and case.unit == job.unit else HIDDEN


def _import_read(case: Case) -> dict[str, Any]:
    return {"pk": case.world.get("", "import_read").pk}


def _year(case: Case) -> dict[str, Any]:
    return {"year": YEAR}


def _step(case: Case) -> dict[str, Any]:
    return {"year": YEAR, "pk": case.world.get(case.unit_key, "step").pk}


def _indicator(case: Case) -> dict[str, Any]:
    return {"year": YEAR, "pk": case.world.get(case.unit_key, "indicator").pk}


def _meeting(case: Case) -> dict[str, Any]:
    return {"year": YEAR, "pk": case.world.get(case.unit_key, "meeting").pk}


def _follow_up(case: Case) -> dict[str, Any]:
    follow_up = case.world.get(case.unit_key, "follow_up")
    return {"year": YEAR, "pk": follow_up.meeting_id, "fu": follow_up.pk}


RULES: dict[str, Rule] = {
    "plans:my_work_panel": Rule("login", get=allow, post=allow),
    "plans:plan_index": Rule("unit", get=allow, post=allow),
    "plans:plan_latest": Rule("unit", get=allow, post=allow),
    "plans:dashboard_panel": Rule("unit", get=allow, post=allow),
    "plans:step_search": Rule("unit", get=allow, post=None),
    "plans:plan_import": Rule("unit", get=edit, post=edit),
    "plans:plan_import_read": Rule(
        "unit", get=import_read_owner, post=None, kwargs=_import_read
    ),
    "plans:plan_import_confirm": Rule("unit", get=None, post=edit),
    "plans:plan_import_cancel": Rule("unit", get=None, post=edit),
    "plans:plan_detail": Rule("unit", get=allow, post=allow, kwargs=_year),
    "plans:plan_decree": Rule("unit", get=edit, post=edit, kwargs=_year),
    "plans:plan_schedule": Rule("unit", get=allow, post=allow, kwargs=_year),
    "plans:plan_timeline": Rule("unit", get=allow, post=allow, kwargs=_year),
    "plans:plan_export": Rule(
        "unit", get=allow, post=allow, kwargs=lambda c: {"year": YEAR, "fmt": "xlsx"}
    ),
    "plans:step_detail": Rule("unit", get=allow, post=allow, kwargs=_step),
    "plans:step_update": Rule("unit", get=None, post=update_step, kwargs=_step),
    "plans:step_realisation": Rule("unit", get=None, post=update_step, kwargs=_step),
    "plans:step_owners": Rule("unit", get=None, post=edit, kwargs=_step),
    "plans:step_edit": Rule("unit", get=None, post=edit, kwargs=_step),
    "plans:step_delete": Rule("unit", get=None, post=edit, kwargs=_step),
    "plans:indicator_edit": Rule("unit", get=edit, post=edit, kwargs=_indicator),
    "plans:indicator_add_step": Rule("unit", get=None, post=edit, kwargs=_indicator),
    "plans:meeting_list": Rule("unit", get=allow, post=edit, kwargs=_year),
    "plans:monev_report": Rule("unit", get=None, post=allow, kwargs=_year),
    "plans:meeting_detail": Rule("unit", get=allow, post=edit, kwargs=_meeting),
    "plans:follow_up_toggle": Rule(
        "unit", get=None, post=toggle_follow_up, kwargs=_follow_up
    ),
}
