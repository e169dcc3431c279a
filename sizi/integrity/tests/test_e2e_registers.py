"""Browser journeys: a member signs the CoI statement on a phone; the coordinator
files the Kartu Kendali SPIP into the evidence library."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sizi.evidence.models import Evidence
from sizi.integrity.models import Signature
from sizi.integrity.services import conflict, risk

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_member_signs_the_coi_statement(page, login, live_server, alice, bob) -> None:
    campaign = conflict.start_campaign(
        alice.memberships.get().unit,
        kind="coi",
        year=2026,
        title="Pernyataan Bebas Benturan Kepentingan 2026",
        due_date=timezone.localdate() + timedelta(days=7),
        body=conflict.default_text("coi"),
        by=alice,
    )
    page.set_viewport_size({"width": 375, "height": 812})
    login(page, "bob")
    page.goto(f"{live_server.url}/u/kpu-tanjabbar/integritas/pernyataan/")
    page.get_by_role("link", name=campaign.title).first.click()
    page.get_by_label("Tidak memiliki benturan kepentingan").check()
    page.get_by_label("Saya telah membaca dan menyetujui pernyataan di atas").check()
    page.get_by_role("button", name="Tandatangani").click()
    expect(page.locator("#signature-status")).to_contain_text("Ditandatangani")
    expect(page.locator("#declaration")).to_have_text(
        "Tidak memiliki benturan kepentingan"
    )
    assert Signature.objects.get(campaign=campaign, user=bob).is_signed


def test_coordinator_files_the_kartu_kendali(
    page, login, live_server, alice, bob
) -> None:
    unit = alice.memberships.get().unit
    register = risk.register_for(unit, 2026, by=alice)
    item = risk.save_risk(
        register,
        risk.RiskData(
            objective="Distribusi logistik",
            statement="Logistik terlambat",
            cause="Jadwal tidak dipantau",
            effect="Tahapan tertunda",
            element="KP",
            existing_controls="",
            owner=bob,
            likelihood=4,
            impact=4,
            residual_likelihood=2,
            residual_impact=3,
        ),
        by=alice,
    )
    risk.add_control_action(
        item, by=alice, text="Pantau jadwal", pic=bob, target_date=date(2026, 6, 30)
    )
    login(page, "alice")
    page.goto(f"{live_server.url}/u/kpu-tanjabbar/integritas/risiko/?tahun=2026")
    expect(page.locator("#risk-table")).to_contain_text("Logistik terlambat")
    page.get_by_role("button", name="Arsipkan Kartu Kendali").click()
    expect(page.locator("h2")).to_contain_text("Kartu Kendali SPIP 2026")
    evidence = Evidence.objects.get()
    assert evidence.source == "integrity.spip_kartu:2026:pdf"
