"""Browser journey: an employee reports a gratification on a phone, the UPG forwards it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sizi.integrity.models import GratificationReport

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_employee_reports_and_upg_forwards(
    page, login, live_server, bob, ursula
) -> None:
    page.set_viewport_size({"width": 375, "height": 812})
    login(page, "bob")
    page.goto(f"{live_server.url}/u/kpu-tanjabbar/integritas/gratifikasi/")
    page.get_by_role("link", name="Laporkan gratifikasi").first.click()
    received = (timezone.localdate() - timedelta(days=1)).isoformat()
    page.get_by_label("Jenis laporan").select_option("receipt")
    page.get_by_label("Tanggal diterima / ditolak").fill(received)
    page.get_by_label("Nama pemberi").fill("CV Sinar Tungkal")
    page.get_by_label("Hubungan dengan pemberi").select_option("vendor")
    page.locator("#id_event").select_option("service")
    page.get_by_label("Jenis penerimaan").select_option("goods")
    page.get_by_label("Uraian pemberian").fill("Parsel buah dan jam dinding")
    page.get_by_label("Perkiraan nilai (Rp)").fill("2.750.000")
    page.get_by_label("Keberadaan objek").select_option("upg")
    expect(page.locator("#value-check")).to_contain_text("Aturan yang berlaku")
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page.locator("#report-status")).to_have_text("Dilaporkan")
    report = GratificationReport.objects.get()
    page.get_by_role("button", name=re.compile("^Keluar")).click()
    page.wait_for_load_state()

    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, "ursula")
    page.goto(f"{live_server.url}/u/kpu-tanjabbar/integritas/gratifikasi/")
    page.get_by_role("link", name=report.number).first.click()
    page.get_by_role("button", name="Verifikasi laporan").click()
    expect(page.locator("#report-status")).to_have_text("Diverifikasi UPG")
    page.get_by_label("Nomor laporan KPK/GOL").fill("GOL-2026-000321")
    page.get_by_label("Tanggal diteruskan").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Catat penerusan ke KPK").click()
    expect(page.locator("#report-status")).to_have_text("Diteruskan ke KPK")
    expect(page.locator("#kpk-reference")).to_have_text("GOL-2026-000321")
    report.refresh_from_db()
    assert report.kpk_reference == "GOL-2026-000321"
