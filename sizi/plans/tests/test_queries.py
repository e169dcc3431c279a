"""Schedule lists: this month, next 30 days (recurring targets included), late."""

from __future__ import annotations

from datetime import date

import pytest

from sizi.plans.models import ActionStep, Realisation
from sizi.plans.queries import (
    StepFilter,
    filtered_steps,
    month_cells,
    next_due,
    schedule,
    timeline,
)
from sizi.plans.tests.factories import build_plan

pytestmark = pytest.mark.django_db


def _monthly(plan):
    step = ActionStep.objects.for_plan(plan).order_by("pk").first()
    indicator = step.indicator
    indicator.target_raw = "Per-bulan"
    indicator.target_recurrence = "monthly"
    indicator.target_start, indicator.target_end = date(2025, 1, 1), date(2025, 12, 31)
    indicator.target_periods = [
        [f"2025-{m:02d}-01", f"2025-{m:02d}-28"] for m in range(1, 13)
    ]
    indicator.save()
    return step


def test_schedule_lists(tree):
    plan = build_plan(tree["tanjabbar"], steps=6)  # targets end 28 Jan..Jun 2025
    monthly = _monthly(plan)
    # February (the last finished month) has a realisation: the monthly step is not late.
    Realisation.objects.create(
        step=monthly, description="Feb", done_on=date(2025, 2, 20)
    )
    lists = schedule(plan, on=date(2025, 3, 10))
    late = [r.step.indicator.target_end for r in lists["late"]]
    assert late == [date(2025, 2, 28)]
    soon = {r.step.pk: r.due_on for r in lists["next30"]}
    assert soon[monthly.pk] == date(2025, 3, 28)  # its March period, not 31 December
    assert sorted(soon.values()) == [date(2025, 3, 28), date(2025, 3, 28)]
    month = {r.step.pk for r in lists["month"]}
    assert monthly.pk in month
    assert len(month) == 2


def test_next_due_of_a_recurring_target_is_the_current_period_end(tree):
    plan = build_plan(tree["tanjabbar"], steps=1)
    step = _monthly(plan)
    assert next_due(step, date(2025, 7, 3)) == date(2025, 7, 28)
    assert next_due(step, date(2025, 7, 29)) == date(2025, 8, 28)


def test_month_cells_mark_whole_and_partial_months(tree):
    plan = build_plan(tree["tanjabbar"], steps=1)
    indicator = ActionStep.objects.for_plan(plan).get().indicator
    indicator.target_periods = [
        ["2025-04-01", "2025-05-31"],
        ["2025-10-08", "2025-10-14"],
    ]
    cells = month_cells(indicator, 2025)
    assert cells == ["", "", "", "on", "on", "", "", "", "", "point", "", ""]


def _states(plan, on):
    steps = ActionStep.objects.for_plan(plan).with_display_status(on)
    return {s.pk: s.state for s in steps}


@pytest.mark.parametrize(
    ("on", "realised_on", "late"),
    [
        (date(2025, 3, 10), None, True),  # February passed without a realisation
        (date(2025, 3, 10), date(2025, 2, 1), False),
        (
            date(2025, 3, 10),
            date(2025, 3, 5),
            True,
        ),  # March does not count for February
        (date(2025, 3, 10), date(2025, 1, 31), True),
        (date(2025, 1, 10), None, False),  # December 2024 lies outside the target
    ],
)
def test_monthly_target_is_late_when_last_month_has_no_realisation(
    tree, on, realised_on, late
):
    plan = build_plan(tree["tanjabbar"], steps=1)
    step = _monthly(plan)
    if realised_on:
        Realisation.objects.create(step=step, description="x", done_on=realised_on)
    step = ActionStep.objects.get(pk=step.pk)
    assert step.is_late(on) is late
    assert (_states(plan, on)[step.pk] == "late") is late
    assert (step in ActionStep.objects.overdue(on)) is late


def test_quarterly_target_looks_at_the_last_quarter_and_done_is_never_late(tree):
    plan = build_plan(tree["tanjabbar"], steps=1)
    step = _monthly(plan)
    indicator = step.indicator
    indicator.target_recurrence = "quarterly"
    indicator.save()
    on = date(2025, 5, 10)
    assert step.missed_period(on) == (date(2025, 1, 1), date(2025, 3, 31))
    Realisation.objects.create(step=step, description="x", done_on=date(2025, 2, 3))
    assert step.missed_period(on) is None
    assert not ActionStep.objects.overdue(on).exists()
    assert step.missed_period(date(2025, 7, 1)) == (date(2025, 4, 1), date(2025, 6, 30))
    step.status = ActionStep.Status.DONE
    step.save()
    assert not step.is_late(date(2025, 7, 1))
    assert not ActionStep.objects.overdue(date(2025, 7, 1)).exists()


def test_timeline_ticks_realised_months_and_marks_missed_ones(tree):
    plan = build_plan(tree["tanjabbar"], steps=1)
    step = _monthly(plan)
    Realisation.objects.create(step=step, description="x", done_on=date(2025, 1, 9))
    Realisation.objects.create(step=step, description="y", done_on=date(2025, 3, 2))
    (row,) = timeline(plan, on=date(2025, 4, 15))
    assert row.marks[:5] == ["done", "missed", "done", "", ""]
    assert row.marks[5:] == [""] * 7


def test_deadline_step_belongs_to_the_month_it_falls_due(tree):
    # "Paling lambat November 2025" has no start: like the timeline, the month
    # filter and "bulan ini" place it in November
    plan = build_plan(tree["tanjabbar"], steps=2)
    step = ActionStep.objects.for_plan(plan).order_by("pk").first()
    indicator = step.indicator
    indicator.target_raw = "Paling lambat November 2025"
    indicator.target_kind = "deadline"
    indicator.target_start, indicator.target_end = None, date(2025, 11, 30)
    indicator.target_periods = [["2025-11-01", "2025-11-30"]]
    indicator.save()
    assert month_cells(indicator, 2025)[10] == "on"
    assert step in filtered_steps(plan, StepFilter(month=11))
    assert step not in filtered_steps(plan, StepFilter(month=10))
    assert step in [r.step for r in schedule(plan, on=date(2025, 11, 3))["month"]]
    assert step not in [r.step for r in schedule(plan, on=date(2025, 12, 3))["month"]]
