"""Browser journey: a PIC uploads a PDF for a step, the coordinator verifies it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from sizi.evidence.models import Evidence
from sizi.evidence.tests.conftest import pdf

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def badge(page, step_pk: int):
    return page.locator(f"#step-{step_pk} .evidence-state")


def test_pic_uploads_and_coordinator_verifies(
    page, login, live_server, alice, bob, steps
) -> None:
    step = steps[0]
    missing_url = f"{live_server.url}/u/kpu-tanjabbar/bukti/kelengkapan/?tampil=semua"

    login(page, "bob")
    page.goto(missing_url)
    expect(badge(page, step.pk)).to_have_text("Belum ada bukti")
    page.locator(f"#step-{step.pk}").get_by_role("link", name="Unggah").click()
    page.locator("input[name=uploads]").set_input_files(
        files=[
            {
                "name": "sk-tim.pdf",
                "mimeType": "application/pdf",
                "buffer": pdf("SK Tim"),
            }
        ]
    )
    page.get_by_label("Judul").fill("SK Tim Kerja ZI")
    page.get_by_role("button", name="Unggah", exact=True).click()
    expect(page.locator("#evidence-status")).to_have_text("Diajukan")
    page.goto(missing_url)
    expect(badge(page, step.pk)).to_have_text("Bukti menunggu verifikasi")
    page.get_by_role("button", name=re.compile("^Keluar")).click()
    page.wait_for_load_state()

    login(page, "alice")
    page.goto(f"{live_server.url}/u/kpu-tanjabbar/bukti/")
    page.get_by_role("link", name="SK Tim Kerja ZI").click()
    page.get_by_role("button", name="Verifikasi").click()
    expect(page.locator("#evidence-status")).to_have_text("Diverifikasi")
    page.goto(missing_url)
    expect(badge(page, step.pk)).to_have_text("Bukti terverifikasi")
    assert Evidence.objects.get().status == Evidence.Status.VERIFIED
