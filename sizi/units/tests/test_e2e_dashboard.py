"""Browser journey: sign in as coordinator; a foreign user gets the not-found page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coordinator_signs_in_and_sees_the_unit_dashboard(
    page, login, live_server, alice, bob
):
    login(page, "alice")

    page.get_by_role("link", name="KPU Kabupaten Tanjung Jabung Barat").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "KPU Kabupaten Tanjung Jabung Barat"
    )
    expect(page.get_by_text("Bob PIC")).to_be_visible()
    expect(page).to_have_url(f"{live_server.url}/u/kpu-tanjabbar/")


def test_user_of_other_unit_gets_not_found_page(page, login, live_server, charlie):
    login(page, "charlie")

    response = page.goto(f"{live_server.url}/u/kpu-tanjabbar/")

    assert response.status == 404
    expect(page.get_by_role("heading", name="Halaman tidak ditemukan")).to_be_visible()
    assert "Tanjung Jabung Barat" not in page.content()


def test_wrong_password_keeps_user_on_login_page(page, login, live_server, alice):
    login(page, "alice", password="keliru")

    assert page.url.startswith(f"{live_server.url}/akun/masuk/")
    expect(page.get_by_text("Nama pengguna atau kata sandi salah")).to_be_visible()
