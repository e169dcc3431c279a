"""Browser journey: a reviewer returns an item; its uploader finds it from the bell."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from sizi.evidence.models import Evidence
from sizi.evidence.tests.conftest import add_evidence

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_uploader_opens_a_returned_item_from_the_bell(
    page, login, live_server, tree, alice, bob
) -> None:
    evidence = add_evidence(
        tree["tanjabbar"],
        bob,
        title="SK Tim Kerja ZI",
        status=Evidence.Status.SUBMITTED,
    )

    login(page, "alice")
    page.goto(f"{live_server.url}{evidence.get_absolute_url()}")
    # the verify and return forms both have a "note" field: pick by form
    returning = page.locator("form[action$='/kembalikan/']")
    returning.locator("textarea[name=note]").fill("Tanda tangan ketua belum ada.")
    returning.get_by_role("button", name="Kembalikan").click()
    expect(page.locator("#evidence-status")).to_have_text("Dikembalikan")
    page.get_by_role("button", name=re.compile("^Keluar")).click()
    page.wait_for_load_state()

    page.set_viewport_size({"width": 375, "height": 812})
    login(page, "bob")
    bell = page.locator("#bell")
    expect(bell.locator(".bell-count")).to_have_text("1")
    expect(bell).to_contain_text("1 belum dibaca")
    bell.click()
    expect(page.get_by_role("heading", name="Notifikasi")).to_be_visible()
    item = page.get_by_role(
        "link", name=re.compile("Bukti fisik dikembalikan kepada Anda: SK Tim Kerja ZI")
    )
    expect(page.locator(".notification.unread")).to_contain_text(
        "Tanda tangan ketua belum ada."
    )
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the notifications page is {width} px wide at 375 px"
    item.click()

    expect(page).to_have_url(re.compile(rf"/bukti/{evidence.pk}/$"))
    expect(page.locator("#evidence-status")).to_have_text("Dikembalikan")
    expect(page.locator("#bell .bell-count")).to_have_count(0)
    assert [m.to for m in mail.outbox] == [[bob.email]]
    assert "Tanda tangan ketua belum ada." in mail.outbox[0].body
