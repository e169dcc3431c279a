"""Browser check at phone width (390 px): no LKE page is wider than the screen."""

from __future__ import annotations

import pytest

from sizi.lke.tests.arrange import answer_all

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_lke_pages_fit_a_phone_screen(page, login, live_server, assessment, alice):
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
    assert height < 6000  # the coverage reports are folded away
