"""Action plans: the plan of a year as a tree, one step, adding a realisation."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from sizi.api.auth import caller
from sizi.api.endpoints.common import CODE, ID, READ_ERRORS, WRITE_ERRORS, YEAR
from sizi.api.errors import checked
from sizi.api.schemas import (
    AreaOut,
    ComponentOut,
    IndicatorOut,
    PersonOut,
    PlanOut,
    RealisationIn,
    RealisationOut,
    StepDetailOut,
    StepOut,
)
from sizi.plans import permissions, services
from sizi.plans.forms import RealisationForm
from sizi.plans.models import ActionStep, Indicator, Realisation
from sizi.plans.queries import load_tree
from sizi.units import permissions as unit_permissions
from sizi.units.models import User

router = Router(tags=["Rencana aksi"])


def _person(user: User) -> PersonOut:
    return PersonOut(username=user.username, full_name=user.get_full_name())


def _step(step: ActionStep) -> StepOut:
    return StepOut(
        id=step.pk,
        text=step.text,
        status=step.status,
        progress=step.progress,
        owners=[_person(u) for u in step.owners.all()],
    )


def _indicator(indicator: Indicator) -> IndicatorOut:
    return IndicatorOut(
        id=indicator.pk,
        text=indicator.text,
        target_raw=indicator.target_raw,
        target_start=indicator.target_start,
        target_end=indicator.target_end,
        steps=[_step(s) for s in indicator.steps.all()],
    )


def _realisation(item: Realisation) -> RealisationOut:
    return RealisationOut(
        id=item.pk,
        description=item.description,
        done_on=item.done_on,
        note=item.note,
        by=item.by.get_full_name() if item.by is not None else None,
        created_at=item.created_at,
    )


@router.get(
    "/units/{code}/plans/{year}",
    response={200: PlanOut, **READ_ERRORS},
    summary="Rencana aksi setahun (pohon)",
)
def plan_tree(request: HttpRequest, code: str = CODE, year: int = YEAR) -> PlanOut:
    """Return the plan: areas → components → indicators → steps with PICs."""
    _access, plan = permissions.get_plan_for_user(caller(request), code, year)
    return PlanOut(
        unit=plan.unit.code,
        year=plan.year,
        number=plan.number,
        title=plan.title,
        signed_on=plan.signed_on,
        areas=[
            AreaOut(
                id=row.area.pk,
                numeral=row.area.numeral,
                title=row.area.title,
                lke_area=row.area.lke_area,
                components=[
                    ComponentOut(
                        id=c.component.pk,
                        number=c.component.number,
                        name=c.component.name,
                        indicators=[_indicator(i) for i in c.indicators],
                    )
                    for c in row.components
                ],
            )
            for row in load_tree(plan)
        ],
    )


def _step_detail(user: User, code: str, year: int, step_id: int) -> StepDetailOut:
    access, _plan, step = permissions.get_step_for_user(user, code, year, step_id)
    realisations = step.realisations.select_related("by").order_by("-done_on", "-id")
    return StepDetailOut(
        **_step(step).model_dump(),
        indicator_id=step.indicator_id,
        can_update=permissions.can_update_step(access, user, step),
        realisations=[_realisation(r) for r in realisations],
    )


@router.get(
    "/units/{code}/plans/{year}/steps/{step_id}",
    response={200: StepDetailOut, **READ_ERRORS},
    summary="Satu langkah aksi dengan realisasinya",
)
def step_detail(
    request: HttpRequest, code: str = CODE, year: int = YEAR, step_id: int = ID
) -> StepDetailOut:
    """Return a step with its PICs, status, progress and realisations."""
    return _step_detail(caller(request), code, year, step_id)


@router.post(
    "/units/{code}/plans/{year}/steps/{step_id}/realisations",
    response={201: RealisationOut, **WRITE_ERRORS},
    summary="Catat realisasi langkah aksi",
)
def realisation_add(
    request: HttpRequest,
    payload: RealisationIn,
    code: str = CODE,
    year: int = YEAR,
    step_id: int = ID,
) -> Status[RealisationOut]:
    """Record what was done (the step's PIC or a plan editor, as on the step page)."""
    user = caller(request)
    access, _plan, step = permissions.get_step_for_user(user, code, year, step_id)
    unit_permissions.require(permissions.can_update_step(access, user, step))
    data = checked(
        RealisationForm(
            {
                "description": payload.description,
                "done_on": payload.done_on,
                "note": payload.note,
                "mark_done": "on" if payload.mark_done else "",
            }
        )
    )
    realisation = services.add_realisation(
        step,
        by=user,
        description=data["description"],
        done_on=data["done_on"],
        note=data["note"],
        mark_done=data["mark_done"],
    )
    return Status(201, _realisation(realisation))
