"""Shared rate limits for public forms and look-ups, kept in Django's cache.

One counter per (scope, key) and fixed window. The cache is Redis when
``REDIS_URL`` is set, so every app server counts together; the office PC's one
process uses the local-memory cache. Keys never hold a raw address: a client is
known by an HMAC of its address under the secret key (:func:`client_key`), and
channels that promise anonymity (WBS) limit per unit, not per client.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


@dataclass(frozen=True)
class Limit:
    """At most ``count`` hits per ``seconds`` for one key of one scope."""

    count: int
    seconds: int


def hit(scope: str, key: str, limit: Limit) -> bool:
    """Count one hit; return False once the window's limit is passed."""
    name = f"ratelimit:{scope}:{key}"
    # add() starts a window only if none is running; incr() is atomic.
    cache.add(name, 0, timeout=limit.seconds)
    try:
        count = cache.incr(name)
    except ValueError:  # the window ended between add() and incr()
        cache.add(name, 1, timeout=limit.seconds)
        count = 1
    return count <= limit.count


def client_key(request: HttpRequest) -> str:
    """Return a keyed hash of the client's address (never the address itself)."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [
        a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    ]
    if proxies and len(forwarded) >= proxies:
        # Each trusted proxy appends the address it saw; what a client wrote
        # itself stands further left and is not believed.
        address = forwarded[-proxies]
    digest = hmac.new(
        settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256
    ).hexdigest()
    return digest[:32]
