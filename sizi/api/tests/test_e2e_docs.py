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
