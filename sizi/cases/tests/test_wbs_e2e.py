"""A whistleblower files a report on a phone, the handler asks a question, and the
whistleblower answers with the receipt (Debian chromium via Playwright)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from sizi.cases.tests.wbs_fixtures import SECRET_BODY, SECRET_SUMMARY
from sizi.cases.wbs.models import WhistleblowReport
from sizi.core.models import AuditEvent
from sizi.units.models import User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}


def test_whistleblower_and_handler_talk_through_the_receipt(
    browser: Any, page: Any, login: Any, live_server: Any, handler: User
) -> None:
    # The whistleblower, on a phone, files the report.
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/publik/kpu-tanjabbar/wbs/")
    page.get_by_label("Jenis pelanggaran").select_option("gratifikasi")
    page.get_by_label("Ringkasan").fill(SECRET_SUMMARY)
    page.get_by_label("Uraian kejadian").fill(SECRET_BODY)
    page.get_by_role("button", name="Kirim laporan").click()
    receipt_box = page.get_by_test_id("receipt-code")
    expect(receipt_box).to_have_text(re.compile(r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$"))
    receipt = receipt_box.inner_text().strip()
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.get_by_role("button", name="Cetak tanda terima").click()
    assert page.evaluate("window.__printed === true")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # The handler reads it and asks a question.
    staff = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta")
    handler_page = staff.new_page()
    login(handler_page, "hana")
    handler_page.goto(f"{live_server.url}/u/kpu-tanjabbar/wbs/")
    report = WhistleblowReport.objects.get()
    handler_page.get_by_role("link", name=f"#{report.pk}").click()
    expect(handler_page.get_by_test_id("wbs-summary")).to_have_text(SECRET_SUMMARY)
    handler_page.get_by_label("Pesan atau pertanyaan kepada pelapor").fill(
        "Kapan tepatnya amplop itu diserahkan?"
    )
    handler_page.get_by_role("button", name="Kirim ke pelapor").click()
    expect(handler_page.get_by_text("Pesan terkirim.")).to_be_visible()

    # The whistleblower returns with the receipt, reads the question and answers.
    page.goto(f"{live_server.url}/publik/kpu-tanjabbar/wbs/masuk/")
    page.get_by_label("Kode tanda terima").fill(receipt.lower())
    page.get_by_role("button", name="Buka laporan").click()
    expect(page.get_by_text("Kapan tepatnya amplop itu diserahkan?")).to_be_visible()
    page.get_by_label("Jawaban atau keterangan tambahan").fill(
        "Jumat sore setelah rapat anggaran."
    )
    page.get_by_role("button", name="Kirim", exact=True).click()
    expect(page.get_by_text("Jumat sore setelah rapat anggaran.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # The handler sees the answer; each read is in the audit log.
    handler_page.reload()
    expect(
        handler_page.get_by_text("Jumat sore setelah rapat anggaran.")
    ).to_be_visible()
    assert AuditEvent.objects.filter(action="wbs.report_read").count() >= 2
    staff.close()
