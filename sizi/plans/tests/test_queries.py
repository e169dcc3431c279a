"""Schedule lists: this month, next 30 days (recurring targets included), late."""

from __future__ import annotations

from datetime import date

import pytest

from sizi.plans.models import ActionStep
from sizi.plans.queries import month_cells, next_due, schedule
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
    lists = schedule(plan, on=date(2025, 3, 10))
    late = [s.indicator.target_end for s in lists["late"]]
    assert late == [date(2025, 2, 28)]
    soon = {s.pk: s.due_on for s in lists["next30"]}
    assert soon[monthly.pk] == date(2025, 3, 28)  # its March period, not 31 December
    assert sorted(soon.values()) == [date(2025, 3, 28), date(2025, 3, 28)]
    month = {s.pk for s in lists["month"]}
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
