"""The browsable API documentation renders under the site's strict CSP."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_renders_from_own_static_files_without_csp_violations(
    page, live_server
) -> None:
    violations: list[str] = []
    outside: list[str] = []
    page.on(
        "console",
        lambda msg: (
            violations.append(msg.text)
            if "Content Security Policy" in msg.text
            else None
        ),
    )
    page.on(
        "request",
        lambda req: (
            outside.append(req.url)
            if not req.url.startswith(live_server.url)
            and not req.url.startswith("data:")
            else None
        ),
    )

    response = page.goto(f"{live_server.url}/api/v1/docs")

    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("SIZI API")
    expect(page.get_by_role("button", name="Authorize")).to_be_visible()
    expect(page.get_by_text("/api/v1/units/{code}/evidence").first).to_be_visible()
    assert violations == []
    assert outside == []


def test_a_person_creates_uses_and_revokes_a_token_on_a_phone(
    page, live_server, login, bob
) -> None:
    page.set_viewport_size({"width": 375, "height": 812})
    login(page, "bob")
    page.get_by_role("link", name="Token API").click()
    page.get_by_label("Nama token").fill("Sinkronisasi SIMPEG")
    page.get_by_role("button", name="Buat token").click()

    secret = page.get_by_label("Token", exact=True).input_value()
    assert secret.startswith("sizi_")
    expect(page.get_by_role("alert")).to_contain_text("hanya ditampilkan sekali")
    answer = page.request.get(
        f"{live_server.url}/api/v1/me", headers={"Authorization": f"Bearer {secret}"}
    )
    assert answer.json()["username"] == "bob"
    page.get_by_role("button", name="Cabut").click()

    expect(
        page.get_by_text("dicabut; token itu tidak dapat dipakai lagi")
    ).to_be_visible()
    expect(page.get_by_label("Token", exact=True)).to_have_count(0)
    refused = page.request.get(
        f"{live_server.url}/api/v1/me", headers={"Authorization": f"Bearer {secret}"}
    )
    assert refused.status == 401
    # The token table scrolls inside itself; the page never scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375 + 1
