"""Browser journey: the home page loads the "Pekerjaan saya" panels with htmx."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

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

    # The three panels load independently; each assertion waits for its own.
    inbox = page.get_by_role("region", name="Pekerjaan saya")
    plans = page.locator("#my-work-plans")
    expect(plans.get_by_text("Terlambat")).to_be_visible()
    evidence = page.locator("#my-work-evidence")
    expect(evidence.get_by_role("link", name="Notulen rapat Tim ZI")).to_be_visible()
    expect(
        inbox.locator("#my-work-lke").get_by_text("Tidak ada pekerjaan yang menunggu.")
    ).to_be_visible()

    plans.get_by_role("link", name=step.text[:20]).click()
    assert page.url.endswith(f"/rencana-aksi/2025/langkah/{step.pk}/")


def test_charlie_inbox_shows_nothing_of_tanjabbar(
    page, login, live_server, tree, bob, charlie
):
    plan = build_plan(tree["tanjabbar"], steps=1)
    ActionStep.objects.for_plan(plan).get().owners.add(bob)

    login(page, "charlie")
    for panel in ("#my-work-plans", "#my-work-evidence", "#my-work-lke"):
        expect(
            page.locator(panel).get_by_text("Tidak ada pekerjaan yang menunggu.")
        ).to_be_visible()

    expect(page.locator("#h-my-work").locator("..")).not_to_contain_text(
        "Tanjung Jabung Barat"
    )
