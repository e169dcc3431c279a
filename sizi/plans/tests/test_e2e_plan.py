"""Browser journey: import the seed decree with a preview, assign a PIC, the PIC finishes a step."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FIRST_STEP = "Mengevaluasi anggota Komisioner"


def _area_one_progress(page):
    return page.locator("section.area").first.locator("p.muted").first


def test_import_assign_and_finish_a_step(
    page, login, live_server, alice, bob, seed_decree_path
):
    login(page, "alice")
    page.goto(f"{live_server.url}/u/kpu-tanjabbar/")
    page.get_by_role("navigation", name="Menu unit").get_by_role(
        "link", name="Rencana aksi"
    ).click()
    page.get_by_role("link", name="Impor keputusan rencana aksi").click()

    page.get_by_label("Berkas keputusan").set_input_files(str(seed_decree_path))
    page.get_by_role("button", name="Unggah dan tampilkan pratinjau").click()

    counts = page.locator("#preview-counts td")
    for index, count in enumerate(["6", "23", "70", "74", "70"]):
        expect(counts.nth(index)).to_have_text(count)
    tree = page.locator(".preview-tree")
    expect(tree.get_by_text("Oktober minggu ke-2 tahun 2025").first).to_be_visible()
    expect(page.locator("#targets-retroactive table")).to_be_hidden()  # collapsed
    page.locator("#targets-retroactive summary").click()
    expect(page.locator("#targets-retroactive table")).to_be_visible()
    expect(
        page.get_by_text("Rencana aksi 2025 belum ada dan akan dibuat.")
    ).to_be_visible()
    page.get_by_role("button", name="Simpan rencana aksi").first.click()

    expect(page.get_by_text("Rencana aksi 2025 tersimpan.")).to_be_visible()
    expect(_area_one_progress(page)).to_contain_text("0/5 langkah selesai")
    page.get_by_role("link", name=FIRST_STEP).first.click()
    page.get_by_label("Bob PIC").check()
    page.get_by_role("button", name="Simpan PIC").click()
    expect(page.locator("#step-owners")).to_have_text("Bob PIC")
    step_url = page.url

    page.get_by_role("button", name="Keluar").click()
    login(page, "bob")
    page.goto(step_url)
    page.get_by_label("Yang dilakukan").fill(
        "SK Tim Kerja ZI 2025 ditandatangani Ketua"
    )
    page.get_by_label("Tanggal pelaksanaan").fill("2025-10-10")
    page.get_by_label("Catatan").fill("Diserahkan ke subbag hukum")
    page.get_by_label("Tandai langkah ini selesai").check()
    page.get_by_role("button", name="Simpan realisasi").click()

    expect(page.locator("#step-status")).to_have_text("Selesai")
    expect(page.locator("#realisations")).to_contain_text("Diserahkan ke subbag hukum")
    page.get_by_role("navigation", name="Menu rencana aksi").get_by_role(
        "link", name="Rencana aksi"
    ).click()
    expect(_area_one_progress(page)).to_contain_text("1/5 langkah selesai")
