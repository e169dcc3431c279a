"""Browser checks of the plan pages on a 390 px phone screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BASE = "/u/kpu-tanjabbar/rencana-aksi/2025/"


def _page_width(page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def test_plan_pages_fit_a_phone_screen(page, login, live_server, bob_step):
    login(page, "alice")
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("", "linimasa/", "jadwal/", "monev/", f"langkah/{bob_step.pk}/"):
        page.goto(f"{live_server.url}{BASE}{path}")
        assert _page_width(page) <= 390, path


def test_step_page_checkbox_beside_label_and_danger_button(
    page, login, live_server, bob_step
):
    login(page, "alice")
    page.goto(f"{live_server.url}{BASE}langkah/{bob_step.pk}/")
    box = page.get_by_label("Tandai langkah ini selesai").bounding_box()
    label = page.locator("label[for=id_mark_done]").bounding_box()
    assert box and label
    assert abs((box["y"] + box["height"] / 2) - (label["y"] + label["height"] / 2)) < 8
    assert box["x"] < label["x"]
    delete = page.get_by_role("button", name="Hapus langkah aksi ini")
    save = page.get_by_role("button", name="Simpan realisasi")
    color = "el => getComputedStyle(el).backgroundColor"
    assert delete.evaluate(color) != save.evaluate(color)
    asked: list[str] = []
    page.on("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    delete.click()
    assert len(asked) == 1
    expect(page.get_by_role("heading", name=bob_step.text)).to_be_visible()


def test_import_preview_fits_a_phone_screen(
    page, login, live_server, alice, seed_decree_path
):
    login(page, "alice")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/u/kpu-tanjabbar/rencana-aksi/impor/")
    page.get_by_label("Berkas keputusan").set_input_files(str(seed_decree_path))
    page.get_by_role("button", name="Unggah dan tampilkan pratinjau").click()
    page.locator("#targets-retroactive summary").click()
    expect(page.get_by_role("button", name="Simpan rencana aksi").first).to_be_visible()
    assert _page_width(page) <= 390
