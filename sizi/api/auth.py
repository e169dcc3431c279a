"""Bearer-token authentication of the API, with a limit on failed attempts.

Only ``Authorization: Bearer <token>`` is read: the API never looks at the
session cookie, so no CSRF token is needed and none is skipped. A request
whose token is missing, unknown, revoked or expired is a 401; a client that
keeps sending bad tokens gets 429 until its window ends
(``sizi.core.ratelimit``, shared by every app server through the cache).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from sizi.api import services
from sizi.core import ratelimit
from sizi.units.models import User

#: Failed token attempts one client may make per window.
FAILED_ATTEMPTS = ratelimit.Limit(count=20, seconds=300)


class TooManyAttempts(Exception):
    """The client sent too many bad tokens; answered with 429."""

    def __init__(self, seconds: int) -> None:
        super().__init__("too many failed token attempts")
        self.seconds = seconds


class TokenAuth(HttpBearer):
    """Authenticate with a personal API token; ``request.user`` becomes its owner."""

    def __call__(self, request: HttpRequest) -> Any:
        user = super().__call__(request)
        if user is None and "Authorization" in request.headers:
            # A token was offered (of any scheme) and refused: count it.
            failed(request)
        return user

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = services.token_user(token.strip())
        if user is not None:
            # Whatever session cookie came along, the API acts for the token's owner.
            request.user = user
        return user


def failed(request: HttpRequest) -> None:
    """Count one failed attempt of this client; refuse once the limit is passed."""
    if not ratelimit.hit("api-token", ratelimit.client_key(request), FAILED_ATTEMPTS):
        raise TooManyAttempts(FAILED_ATTEMPTS.seconds)


def caller(request: HttpRequest) -> User:
    """Return the owner of the request's token (set by :class:`TokenAuth`)."""
    user = getattr(request, "auth", None)
    if not isinstance(user, User):
        raise AuthenticationError()
    return user
