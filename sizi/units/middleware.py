"""Ask for the second factor after sign-in, and make administrators set one up."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from sizi.units import two_factor
from sizi.units.models import User

# Pages a signed-in person may open before the second factor: the factor pages
# themselves, signing out, and what the browser loads with them.
_OPEN_NAMES = ("two_factor_verify", "two_factor_setup", "logout")


class TwoFactorMiddleware:
    """Redirect an unverified session to the code page (or to set-up for admins)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if isinstance(user, User) and not self._is_open(request.path):
            verified = getattr(user, "is_verified", lambda: False)()
            if not verified and two_factor.needs_code(request, user):
                return self._redirect("two_factor_verify", request)
            if not verified and two_factor.is_required(user):
                return self._redirect("two_factor_setup", request)
        return self.get_response(request)

    @staticmethod
    def _is_open(path: str) -> bool:
        # The REST API (/api/) never reads the session: it authenticates by
        # token alone, so a half-signed-in cookie has nothing to unlock there.
        if path.startswith((settings.STATIC_URL or "/static/", "/healthz", "/api/")):
            return True
        return any(path == reverse(name) for name in _OPEN_NAMES)

    @staticmethod
    def _redirect(name: str, request: HttpRequest) -> HttpResponse:
        query = urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(f"{reverse(name)}?{query}")
