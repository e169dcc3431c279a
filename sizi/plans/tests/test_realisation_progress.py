"""Recording a realisation moves the step's status and progress along (audited),
and with them the plan tree and dashboard figures."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from sizi.core.models import AuditEvent
from sizi.plans import services
from sizi.plans.models import (
    ActionPlan,
    ActionStep,
    Area,
    last_finished_period,
    realised_share,
    recurring_periods,
    today,
)
from sizi.plans.tests.factories import build_plan

pytestmark = pytest.mark.django_db
CODE = "kpu-tanjabbar"


def _step(tree, bob, *, recurrence="", start=None, end=None) -> ActionStep:
    plan = build_plan(tree["tanjabbar"], steps=2)
    step = ActionStep.objects.for_plan(plan).order_by("pk").first()
    assert step is not None
    indicator = step.indicator
    if recurrence:
        indicator.target_recurrence = recurrence
        indicator.target_kind = "recurring"
        indicator.target_raw = "Per-bulan"
        indicator.target_start, indicator.target_end = start, end
        indicator.save()
    step.owners.add(bob)
    return step


def _monthly_span() -> tuple[date, date, tuple[date, date]]:
    """A monthly target around today whose last finished period lies inside it."""
    period = last_finished_period("monthly", today())
    assert period is not None
    start = date(period[0].year, 1, 1)
    end = date(today().year, 12, 31)
    return start, end, period


def test_periods_and_share_are_calendar_blocks():
    periods = recurring_periods("quarterly", date(2025, 2, 10), date(2025, 12, 31))
    assert periods == [
        (date(2025, 2, 10), date(2025, 3, 31)),
        (date(2025, 4, 1), date(2025, 6, 30)),
        (date(2025, 7, 1), date(2025, 9, 30)),
        (date(2025, 10, 1), date(2025, 12, 31)),
    ]
    assert realised_share(periods, [date(2025, 3, 1), date(2025, 3, 2)]) == 25
    assert realised_share(periods, [date(2025, 1, 1)]) == 0
    assert recurring_periods("", date(2025, 1, 1), date(2025, 12, 31)) == []


def test_recurring_step_progress_follows_realised_periods(tree, bob):
    step = _step(
        tree, bob, recurrence="monthly", start=date(2025, 1, 1), end=date(2025, 12, 31)
    )
    services.add_realisation(
        step, by=bob, description="Rapat Januari", done_on=date(2025, 1, 20)
    )
    step.refresh_from_db()
    assert (step.status, step.progress) == ("in_progress", 8)  # 1 of 12 months
    services.add_realisation(
        step, by=bob, description="Rapat Januari lagi", done_on=date(2025, 1, 27)
    )
    services.add_realisation(
        step, by=bob, description="Rapat Februari", done_on=date(2025, 2, 20)
    )
    step.refresh_from_db()
    assert step.progress == 16  # the same month counts once
    changes = list(
        AuditEvent.objects.filter(action="plans.step_updated")
        .order_by("pk")
        .values_list("changes", flat=True)
    )
    assert changes == [
        {"status": ["not_started", "in_progress"], "progress": [0, 8]},
        {"progress": [8, 16]},
    ]


def test_every_period_realised_finishes_the_step(tree, bob):
    step = _step(
        tree, bob, recurrence="quarterly", start=date(2025, 1, 1), end=date(2025, 6, 30)
    )
    for day in (date(2025, 2, 1), date(2025, 5, 1)):
        services.add_realisation(step, by=bob, description="Laporan", done_on=day)
    step.refresh_from_db()
    assert (step.status, step.progress) == ("done", 100)


def test_a_figure_set_by_hand_is_not_lowered(tree, bob):
    step = _step(
        tree, bob, recurrence="monthly", start=date(2025, 1, 1), end=date(2025, 12, 31)
    )
    services.update_step(step, by=bob, progress=50)
    services.add_realisation(step, by=bob, description="x", done_on=date(2025, 3, 3))
    step.refresh_from_db()
    assert (step.status, step.progress) == ("in_progress", 50)


def test_one_off_step_takes_the_progress_given_with_the_realisation(tree, bob):
    step = _step(tree, bob)
    services.add_realisation(
        step, by=bob, description="Draf SK", done_on=date(2025, 1, 5), progress=60
    )
    step.refresh_from_db()
    assert (step.status, step.progress) == ("in_progress", 60)
    event = AuditEvent.objects.get(action="plans.step_updated")
    assert event.changes == {
        "status": ["not_started", "in_progress"],
        "progress": [0, 60],
    }
    services.add_realisation(
        step,
        by=bob,
        description="SK ditetapkan",
        done_on=date(2025, 1, 9),
        progress=100,
    )
    step.refresh_from_db()
    assert (step.status, step.progress) == ("done", 100)


def test_tree_and_dashboard_figures_follow(tree, bob):
    step = _step(tree, bob)
    plan = step.indicator.component.area.plan
    services.add_realisation(
        step, by=bob, description="Draf SK", done_on=date(2025, 1, 5), progress=60
    )
    assert ActionPlan.objects.with_progress().get(pk=plan.pk).progress_avg == 30
    area = Area.objects.with_progress().get(pk=step.indicator.component.area_id)
    assert area.progress_avg == 60


def test_step_page_shows_status_and_progress_after_a_realisation(client, tree, bob):
    start, end, period = _monthly_span()
    step = _step(tree, bob, recurrence="monthly", start=start, end=end)
    url = reverse("plans:step_detail", args=[CODE, 2025, step.pk])
    client.force_login(bob)
    before = client.get(url).content.decode()
    assert 'id="step-status">Terlambat' in before
    assert 'id="step-progress">0%' in before
    response = client.post(
        reverse("plans:step_realisation", args=[CODE, 2025, step.pk]),
        {"description": "Rapat bulanan", "done_on": period[0].isoformat()},
    )
    assert response.status_code == 302
    html = client.get(url).content.decode()
    share = 100 // len(recurring_periods("monthly", start, end))
    assert 'id="step-status">Berjalan' in html
    assert f'id="step-progress">{share}%' in html
    assert 'id="realised-progress-rule"' in html


def test_one_off_step_form_posts_a_progress(client, tree, bob):
    step = _step(tree, bob)
    url = reverse("plans:step_detail", args=[CODE, 2025, step.pk])
    client.force_login(bob)
    form = client.get(url).context["realisation_form"]
    assert form["progress"].initial == 0
    response = client.post(
        reverse("plans:step_realisation", args=[CODE, 2025, step.pk]),
        {"description": "Draf SK", "done_on": "2025-01-05", "progress": "45"},
    )
    assert response.status_code == 302
    step.refresh_from_db()
    assert (step.status, step.progress) == ("in_progress", 45)
    html = client.get(url).content.decode()
    assert 'id="step-progress">45%' in html


def test_progress_out_of_range_is_refused(client, tree, bob):
    step = _step(tree, bob)
    client.force_login(bob)
    response = client.post(
        reverse("plans:step_realisation", args=[CODE, 2025, step.pk]),
        {"description": "Draf SK", "done_on": "2025-01-05", "progress": "150"},
    )
    assert response.status_code == 422
    assert not step.realisations.exists()
