"""Browser journey: the home page loads the "Pekerjaan saya" panels with htmx."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sizi.evidence.models import Evidence, EvidenceRequest
from sizi.evidence.tests.conftest import add_evidence
from sizi.plans import services as plan_services
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


def _returned_item_and_follow_up(tree, alice, bob):
    plan = build_plan(tree["tanjabbar"], steps=1)
    item = add_evidence(
        tree["tanjabbar"], bob, title="Notulen rapat Juni", status="dikembalikan"
    )
    assert item.status == Evidence.Status.RETURNED
    meeting = plan_services.record_meeting(
        plan, by=alice, held_on=date(2025, 11, 3), title="Rapat monev November"
    )
    plan_services.add_follow_up(
        meeting,
        by=alice,
        text="Lengkapi daftar hadir rapat",
        owner=bob,
        due_on=date(2025, 11, 10),
    )
    return item


@pytest.mark.parametrize("width", [1280, 375])
def test_pic_inbox_shows_returned_item_with_reason_and_follow_up(
    page, login, live_server, tree, alice, bob, width
):
    item = _returned_item_and_follow_up(tree, alice, bob)
    page.set_viewport_size({"width": width, "height": 800})
    login(page, "bob")

    evidence = page.locator("#my-work-evidence")
    returned = evidence.locator("#my-returned li")
    expect(returned.get_by_role("link", name="Notulen rapat Juni")).to_be_visible()
    expect(returned.get_by_text("Alasan: Kurang tanda tangan.")).to_be_visible()
    plans = page.locator("#my-work-plans")
    expect(
        plans.get_by_role("link", name="Lengkapi daftar hadir rapat")
    ).to_be_visible()
    expect(plans.locator("#my-follow-ups").get_by_text("Terlambat")).to_be_visible()
    width_used = int(page.evaluate("document.documentElement.scrollWidth"))
    assert width_used <= width

    returned.get_by_role("link", name="Notulen rapat Juni").click()
    page.wait_for_url(f"**{item.get_absolute_url()}")
    reason = page.locator("#return-reason")
    expect(reason).to_contain_text("Bukti ini dikembalikan oleh Verifikator")
    expect(reason).to_contain_text("Alasan: Kurang tanda tangan.")
    # At the top: on the first screen, above the actions and the history.
    box = reason.bounding_box()
    actions = page.locator("#h-actions").bounding_box()
    assert box and actions
    assert box["y"] < 800 and box["y"] < actions["y"]
    assert int(page.evaluate("document.documentElement.scrollWidth")) <= width
