"""Reads that assemble a plan for the pages and exports, in a fixed number of queries."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from sizi.plans.models import (
    ActionPlan,
    ActionStep,
    Area,
    Component,
    ExpectedEvidence,
    FollowUp,
    Indicator,
    Realisation,
    today,
)


@dataclass
class StepFilter:
    """Filters of the plan tree; None means no filter."""

    area_id: int | None = None
    pic_id: int | None = None
    status: str = ""
    month: int | None = None

    @property
    def active(self) -> bool:
        return bool(self.area_id or self.pic_id or self.status or self.month)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """Return the first and last day of a month."""
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def filtered_steps(
    plan: ActionPlan, flt: StepFilter, on: date | None = None
) -> QuerySet[ActionStep]:
    """Return the plan's steps matching the filter, annotated with `state`."""
    steps = ActionStep.objects.for_plan(plan).with_display_status(on)
    if flt.area_id:
        steps = steps.filter(indicator__component__area_id=flt.area_id)
    if flt.pic_id:
        steps = steps.filter(owners__id=flt.pic_id)
    if flt.status == "open":
        steps = steps.exclude(Q(state=ActionStep.Status.DONE))
    elif flt.status:
        # Q() because `state` is an annotation, unknown to the stubs.
        steps = steps.filter(Q(state=flt.status))
    if flt.month:
        steps = steps.active_between(*month_bounds(plan.year, flt.month))
    return steps.distinct()


@dataclass(frozen=True)
class ComponentRow:
    """A component of the plan tree with the indicators shown (all, or those
    with a step matching the filter)."""

    component: Component
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class AreaRow:
    """An area of the plan tree (annotated with its progress) and its components."""

    area: Area
    components: tuple[ComponentRow, ...]


@dataclass(frozen=True)
class DueStep:
    """A step with the date it is due (shown after "s.d." on lists and e-mails)."""

    step: ActionStep
    due_on: date | None


@dataclass(frozen=True)
class FollowUpRow:
    """A monev follow-up as the meeting page lists it, with whether the user may
    mark it done or open."""

    follow_up: FollowUp
    can_toggle: bool


def tree_indicator_ids(plan: ActionPlan, flt: StepFilter | None = None) -> list[int]:
    """Return the ids of the indicators the tree shows, in plan order (for paging)."""
    flt = flt or StepFilter()
    indicators = Indicator.objects.filter(component__area__plan=plan)
    if flt.active:
        indicators = indicators.filter(
            pk__in=filtered_steps(plan, flt).values("indicator_id")
        )
    return list(
        indicators.order_by(
            "component__area__order", "component__order", "order", "pk"
        ).values_list("pk", flat=True)
    )


def load_tree(
    plan: ActionPlan,
    flt: StepFilter | None = None,
    indicator_ids: list[int] | None = None,
) -> list[AreaRow]:
    """Return the plan's areas with components, indicators, steps, PICs and evidence.

    With an active filter, steps are filtered and indicators, components and
    areas left without steps are dropped. With `indicator_ids` (a page of the
    tree) only those indicators, their components and areas are loaded.
    """
    flt = flt or StepFilter()
    steps = filtered_steps(plan, flt).prefetch_related("owners").order_by("order", "pk")
    component_qs = Component.objects.order_by("order")
    indicators = Indicator.objects.order_by("order")
    areas_qs = Area.objects.filter(plan=plan)
    if indicator_ids is not None:
        component_qs = component_qs.filter(indicators__in=indicator_ids).distinct()
        indicators = indicators.filter(pk__in=indicator_ids)
        areas_qs = areas_qs.filter(
            pk__in=Component.objects.filter(indicators__in=indicator_ids).values(
                "area_id"
            )
        )
    areas = list(
        areas_qs.with_progress()
        .order_by("order")
        .prefetch_related(
            Prefetch("components", queryset=component_qs),
            Prefetch("components__indicators", queryset=indicators),
            Prefetch("components__indicators__steps", queryset=steps),
            Prefetch(
                "components__indicators__expected_evidence",
                queryset=ExpectedEvidence.objects.order_by("order"),
            ),
        )
    )
    rows: list[AreaRow] = []
    for area in areas:
        area.plan = plan
        components = tuple(
            ComponentRow(
                comp,
                tuple(
                    i for i in comp.indicators.all() if not flt.active or i.steps.all()
                ),
            )
            for comp in area.components.all()
        )
        rows.append(AreaRow(area, components))
    if flt.active:
        rows = [
            row
            for row in rows
            if (not flt.area_id or row.area.pk == flt.area_id)
            and any(c.indicators for c in row.components)
        ]
    return rows


def has_week_targets(areas: list[AreaRow]) -> bool:
    """Tell whether a loaded tree shows a week-based target (for the one footnote)."""
    return any(
        ind.target_kind == "week"
        for row in areas
        for comp in row.components
        for ind in comp.indicators
    )


def next_due(step: ActionStep, on: date) -> date | None:
    """Return when a step is next due: its target's end, or for a recurring target
    ("Per-bulan", "setiap triwulan") the end of the period running on `on`."""
    indicator = step.indicator
    end = indicator.target_end
    if indicator.target_recurrence and end and end >= on:
        ends = [
            period_end
            for _start, period_end in period_bounds(indicator)
            if period_end >= on
        ]
        return min(ends) if ends else end
    return end


def schedule(
    plan: ActionPlan, on: date | None = None, limit: int | None = None
) -> dict[str, list[DueStep]]:
    """Return the open steps active this month, due in the next 30 days, and late.

    Each row's `due_on` is the step's target end, and in "30 hari ke depan" its
    next due date (see `next_due`), so a monthly target shows up there before
    every month's end, not only in December. With `limit`, each list holds at
    most that many rows (the month and late lists are cut in the database);
    `schedule_counts` gives the full sizes.
    """
    on = on or today()
    month, late, upcoming = _schedule_querysets(plan, on)
    horizon = on + timedelta(days=30)
    soon = [
        DueStep(step, due_on)
        for step in upcoming
        if (due_on := next_due(step, on)) is not None and due_on <= horizon
    ]
    soon.sort(key=lambda row: row.due_on or on)
    if limit is not None:
        month, late, soon = month[:limit], late[:limit], soon[:limit]
    return {
        "month": _at_target_end(month),
        "next30": soon,
        "late": _at_target_end(late),
    }


def schedule_counts(plan: ActionPlan, on: date | None = None) -> dict[str, int]:
    """Return how many steps each schedule list holds (two COUNT queries)."""
    on = on or today()
    month, late, _ = _schedule_querysets(plan, on)
    return {"month": month.count(), "late": late.count()}


def _schedule_querysets(
    plan: ActionPlan, on: date
) -> tuple[QuerySet[ActionStep], QuerySet[ActionStep], QuerySet[ActionStep]]:
    horizon = on + timedelta(days=30)
    base = ActionStep.objects.for_plan(plan).with_tree().with_display_status(on)
    start, end = month_bounds(on.year, on.month)
    order = ("indicator__target_end", "indicator__component__area__order", "pk")
    recurring = base.open().exclude(indicator__target_recurrence="")
    upcoming = base.due_between(on, horizon) | recurring.filter(
        indicator__target_end__gte=on
    )
    return (
        base.open().active_between(start, end).order_by(*order),
        base.overdue(on).order_by(*order),
        upcoming.distinct().order_by(*order),
    )


def _at_target_end(steps: QuerySet[ActionStep]) -> list[DueStep]:
    return [DueStep(step, step.indicator.target_end) for step in steps]


@dataclass
class TimelineRow:
    """One indicator on the Jan–Dec grid: which months its target covers."""

    indicator: Indicator
    area: Area
    cells: list[str] = field(default_factory=list)  # "" / "on" / "point" per month
    steps: list[ActionStep] = field(default_factory=list)
    # Per month: "done" (a realisation dated in it), "missed" (a finished month of a
    # monthly target without any realisation) or "".
    marks: list[str] = field(default_factory=list)


def period_bounds(ind: Indicator) -> list[tuple[date, date]]:
    """Return the indicator's target periods as dates (one span when none stored)."""
    result: list[tuple[date, date]] = []
    for period in ind.target_periods or []:
        start = end = None
        if isinstance(period, dict):
            start, end = period.get("start"), period.get("end")
        elif isinstance(period, list | tuple) and len(period) == 2:
            start, end = period
        try:
            if start and end:
                result.append(
                    (date.fromisoformat(str(start)), date.fromisoformat(str(end)))
                )
        except ValueError:
            continue
    if not result and ind.target_start and ind.target_end:
        result.append((ind.target_start, ind.target_end))
    return result


def month_cells(ind: Indicator, year: int) -> list[str]:
    """Return 12 cell classes: "on" for a covered month, "point" for a short period in it."""
    cells = [""] * 12
    for start, end in period_bounds(ind):
        for month in range(1, 13):
            first, last = month_bounds(year, month)
            if start <= last and end >= first:
                whole = start <= first and end >= last
                if cells[month - 1] != "on":
                    cells[month - 1] = (
                        "on" if whole or (end - start).days >= 20 else "point"
                    )
    return cells


def month_marks(ind: Indicator, year: int, realised: set[int], on: date) -> list[str]:
    """Return 12 marks: "done" for a month with a realisation, "missed" for a
    finished month of a monthly target (inside the target) without one."""
    marks = []
    for month in range(1, 13):
        first, last = month_bounds(year, month)
        if month in realised:
            marks.append("done")
        elif (
            ind.target_recurrence == "monthly"
            and ind.target_start
            and ind.target_end
            and last < on
            and ind.target_start <= last <= ind.target_end
        ):
            marks.append("missed")
        else:
            marks.append("")
    return marks


def timeline(
    plan: ActionPlan,
    flt: StepFilter | None = None,
    on: date | None = None,
    indicator_ids: list[int] | None = None,
) -> list[TimelineRow]:
    """Return a row per indicator (with its steps) for the month-by-month grid
    (only the indicators of `indicator_ids`, a page, when given)."""
    on = on or today()
    realised: dict[int, set[int]] = {}
    for indicator_id, done_on in Realisation.objects.filter(
        step__indicator__component__area__plan=plan, done_on__year=plan.year
    ).values_list("step__indicator_id", "done_on"):
        realised.setdefault(indicator_id, set()).add(done_on.month)
    rows: list[TimelineRow] = []
    for row in load_tree(plan, flt, indicator_ids=indicator_ids):
        for comp in row.components:
            for ind in comp.indicators:
                rows.append(
                    TimelineRow(
                        ind,
                        row.area,
                        month_cells(ind, plan.year),
                        list(ind.steps.all()),
                        month_marks(ind, plan.year, realised.get(ind.pk, set()), on),
                    )
                )
    return rows


def progress_summary(areas: list[Any]) -> dict[str, Any]:
    """Return whole-plan progress (0–100) and step counts from annotated areas."""
    steps = sum(a.step_count for a in areas)
    done = sum(a.done_count for a in areas)
    weighted = sum(a.progress_avg * a.step_count for a in areas)
    return {
        "steps": steps,
        "done": done,
        "progress": round(weighted / steps) if steps else 0,
    }
