"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "SITE_NAME": settings.SITE_NAME,
        "DEBUG": settings.DEBUG,
        # The login page offers "Masuk dengan SSO instansi" when OIDC is set up.
        "SSO_ENABLED": settings.OIDC_ENABLED,
    }
