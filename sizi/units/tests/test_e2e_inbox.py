"""Browser journey: the home page loads the "Pekerjaan saya" panels with htmx."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from sizi.evidence.models import EvidenceRequest
from sizi.plans.models import ActionStep
from sizi.plans.tests.factories import build_plan

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_pic_sees_late_step_and_request_then_opens_the_step(
    page, login, live_server, tree, alice, bob
):
    plan = build_plan(tree["tanjabbar"], steps=2)
    step = ActionStep.objects.for_plan(plan).order_by("pk").first()
    assert step is not None
    step.owners.add(bob)
    EvidenceRequest.objects.create(
        unit=tree["tanjabbar"],
        requested_from=bob,
        requested_by=alice,
        title="Notulen rapat Tim ZI",
        due_date=timezone.localdate() - timedelta(days=2),
    )

    login(page, "bob")

    inbox = page.get_by_role("region", name="Pekerjaan saya")
    plans = page.locator("#my-work-plans")
    plans.wait_for()
    assert plans.get_by_text("Terlambat").is_visible()
    evidence = page.locator("#my-work-evidence")
    assert evidence.get_by_role("link", name="Notulen rapat Tim ZI").is_visible()
    assert (
        inbox.locator("#my-work-lke")
        .get_by_text("Tidak ada pekerjaan yang menunggu.")
        .is_visible()
    )

    plans.get_by_role("link", name=step.text[:20]).click()
    assert page.url.endswith(f"/rencana-aksi/2025/langkah/{step.pk}/")


def test_charlie_inbox_shows_nothing_of_tanjabbar(
    page, login, live_server, tree, bob, charlie
):
    plan = build_plan(tree["tanjabbar"], steps=1)
    ActionStep.objects.for_plan(plan).get().owners.add(bob)

    login(page, "charlie")
    page.locator("#my-work-lke").wait_for()
    page.locator("#my-work-plans").wait_for()

    assert (
        "Tanjung Jabung Barat"
        not in page.locator("#h-my-work").locator("..").inner_text()
    )
