"""Browser journey: import the seed decree with a preview, assign a PIC, the PIC finishes a step."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FIRST_STEP = "Mengevaluasi anggota Komisioner"


def _area_one_progress(page) -> str:
    return page.locator("section.area").first.locator("p.muted").first.inner_text()


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

    counts = page.locator("#preview-counts td").all_inner_texts()
    assert counts[:5] == ["6", "23", "70", "74", "70"]
    tree = page.locator(".preview-tree")
    assert tree.get_by_text("Oktober minggu ke-2 tahun 2025").first.is_visible()
    assert not page.locator("#targets-retroactive table").is_visible()  # collapsed
    page.locator("#targets-retroactive summary").click()
    assert page.locator("#targets-retroactive table").is_visible()
    assert page.get_by_text("Rencana aksi 2025 belum ada dan akan dibuat.").is_visible()
    page.get_by_role("button", name="Simpan rencana aksi").first.click()

    assert page.get_by_text("Rencana aksi 2025 tersimpan.").is_visible()
    before = _area_one_progress(page)
    assert "0/5 langkah selesai" in before
    page.get_by_role("link", name=FIRST_STEP).first.click()
    page.get_by_label("Bob PIC").check()
    page.get_by_role("button", name="Simpan PIC").click()
    assert page.locator("#step-owners").inner_text() == "Bob PIC"
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

    assert page.locator("#step-status").inner_text() == "Selesai"
    assert "Diserahkan ke subbag hukum" in page.locator("#realisations").inner_text()
    page.get_by_role("navigation", name="Menu rencana aksi").get_by_role(
        "link", name="Rencana aksi"
    ).click()
    after = _area_one_progress(page)
    assert "1/5 langkah selesai" in after
    assert after != before
