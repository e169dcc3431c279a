"""Browser journeys: a citizen complains on a phone and follows it with the code;
a citizen requests information and the PPID answers within the clock."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from sizi.cases.complaints.models import Complaint
from sizi.cases.ppid.models import InformationRequest
from sizi.evidence.minipdf import minimal_pdf

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 375, "height": 740}


def _phone(page: Any) -> Any:
    page.set_viewport_size(PHONE)
    return page


def _fits_the_screen(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"page is {width}px wide on a 375px screen"


def test_citizen_files_a_complaint_on_a_phone_and_follows_it(
    page, login, live_server, tree, clerk
) -> None:
    page = _phone(page)
    page.goto(f"{live_server.url}/publik/kpu-tanjabbar/pengaduan/")
    expect(page.get_by_role("heading", name="Sampaikan pengaduan")).to_be_visible()
    _fits_the_screen(page)
    expect(page.get_by_role("radio", name=re.compile("^Rahasia"))).to_be_checked()
    page.get_by_label(re.compile("^Nama:?$")).fill("Rahmat Warga")
    page.get_by_label("Judul pengaduan").fill("Loket tutup sebelum jam layanan")
    page.get_by_label("Isi pengaduan").fill("Loket data pemilih tutup pukul 13.00.")
    page.locator("input[name=attachments]").set_input_files(
        files=[
            {
                "name": "foto-loket.pdf",
                "mimeType": "application/pdf",
                "buffer": minimal_pdf(["loket"]),
            }
        ]
    )
    page.get_by_role("button", name="Kirim pengaduan").click()
    expect(page.get_by_role("heading", name="Pengaduan terkirim")).to_be_visible()
    code = page.get_by_test_id("tracking-code").inner_text()
    _fits_the_screen(page)

    complaint = Complaint.objects.get()
    from sizi.cases.complaints import services

    services.verify_complaint(complaint, category="pengaduan", by=clerk)
    services.record_follow_up(
        complaint, text="Jam layanan loket kembali 08.00-16.00.", by=clerk
    )

    page.get_by_role("link", name="Lacak pengaduan").click()
    page.get_by_label("Kode pelacakan").fill(code.lower())
    page.get_by_role("button", name="Lihat status").click()
    expect(page.get_by_test_id("complaint-status")).to_have_text("Ditindaklanjuti")
    expect(
        page.get_by_text("Jam layanan loket kembali 08.00-16.00.").first
    ).to_be_visible()
    _fits_the_screen(page)
    page.get_by_label("Tanggapan Anda").fill("Terima kasih, sudah sesuai.")
    page.get_by_role("button", name="Kirim tanggapan").click()
    expect(page.get_by_text("Terima kasih, sudah sesuai.")).to_be_visible()


def test_citizen_requests_information_and_the_ppid_answers_in_time(
    page, login, live_server, tree, ppid_officer
) -> None:
    page = _phone(page)
    page.goto(f"{live_server.url}/publik/kpu-tanjabbar/informasi/")
    _fits_the_screen(page)
    page.get_by_label("Nama lengkap").fill("Sari Pemohon")
    page.get_by_label(re.compile("^Nomor KTP")).fill("1506012345678901")
    page.get_by_label("Alamat").fill("Jl. Pelabuhan 5, Kuala Tungkal")
    page.get_by_label("Surel").fill("sari@example.net")
    page.get_by_label("Rincian informasi yang dibutuhkan").fill(
        "Rekapitulasi hasil Pilkada 2024 per kecamatan"
    )
    page.get_by_label("Tujuan penggunaan informasi").fill("Bahan skripsi")
    page.get_by_role("button", name="Kirim permohonan").click()
    expect(page.get_by_role("heading", name="Permohonan terkirim")).to_be_visible()
    code = page.get_by_test_id("tracking-code").inner_text()
    item = InformationRequest.objects.get()

    staff = page.context.browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta")
    officer = staff.new_page()
    login(officer, "putri")
    officer.goto(f"{live_server.url}/u/kpu-tanjabbar/ppid/{item.pk}/")
    expect(officer.get_by_text("1506012345678901")).to_be_visible()
    officer.get_by_label("Diberikan seluruhnya").check()
    officer.get_by_label("Isi pemberitahuan tertulis").fill(
        "Informasi terlampir dan dikirim ke surel Anda."
    )
    officer.get_by_role("button", name="Simpan keputusan").click()
    expect(officer.get_by_text("Pemberitahuan tertulis disimpan.")).to_be_visible()
    staff.close()

    item.refresh_from_db()
    assert item.decided_at is not None
    assert item.decided_at.date() <= item.due_on  # answered within 10 working days

    page.goto(f"{live_server.url}/publik/kpu-tanjabbar/informasi/lacak/")
    page.get_by_label("Kode pelacakan").fill(code)
    page.get_by_role("button", name="Lihat status").click()
    expect(page.get_by_test_id("request-decision")).to_have_text("Diberikan seluruhnya")
    expect(page.get_by_text("1506012345678901")).to_have_count(0)
    _fits_the_screen(page)
