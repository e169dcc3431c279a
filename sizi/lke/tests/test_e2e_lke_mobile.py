"""Browser check at phone width (390 px): no LKE page is wider than the screen,
and the coverage page of the seed plan stays short (areas and reports folded)."""

from __future__ import annotations

import hashlib

import pytest
from playwright.sync_api import expect

from sizi.lke.services import coverage
from sizi.lke.tests.arrange import answer_all
from sizi.plans.importing import parse_decree
from sizi.plans.services import import_plan

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_lke_pages_fit_a_phone_screen(
    page, login, live_server, assessment, alice, seed_decree_path
):
    data = seed_decree_path.read_bytes()
    import_plan(
        parse_decree(data, seed_decree_path.name, year=2025),
        unit=assessment.unit,
        year=2025,
        by=alice,
        filename=seed_decree_path.name,
        sha256=hashlib.sha256(data).hexdigest(),
    )
    coverage.suggest_links(assessment, by=alice)
    answer_all(assessment, alice)
    page.set_viewport_size({"width": 390, "height": 844})
    base = f"{live_server.url}/u/kpu-tanjabbar/lke"
    login(page, "alice")

    widths = {}
    for path in ["/", "/2025/", "/2025/isi/MP/", "/2025/hasil/", "/2025/cakupan/"]:
        page.goto(base + path)
        widths[path] = page.evaluate("document.documentElement.scrollWidth")
    height = page.evaluate("document.documentElement.scrollHeight")

    assert all(w <= 390 for w in widths.values()), widths
    assert height < 4000, height  # was ~19,000 px with every list unfolded
    page.locator("details.lke-area-links summary").first.click()
    expect(page.get_by_text("kemiripan", exact=False).first).to_be_visible()
