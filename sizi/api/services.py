"""Every change to API tokens: created and revoked by their owner, audited.

A token is ``sizi_`` followed by 43 URL-safe characters of 256 random bits
(``secrets.token_urlsafe(32)``). The database keeps its SHA-256 and the first
characters (``prefix``); the whole token is shown once, when it is created.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sizi.api.models import ApiToken
from sizi.core import audit
from sizi.units.models import User

TOKEN_START = "sizi_"  # noqa: S105 (the public start of every token)
#: Characters of the token kept in clear so its owner can tell tokens apart.
PREFIX_LENGTH = 12
#: How often ``last_used_at`` is written at most (one write per request is waste).
LAST_USED_STEP = timedelta(minutes=1)
#: Tokens one person may hold at once (unrevoked), so a script cannot pile them up.
MAX_ACTIVE_TOKENS = 20


@dataclass(frozen=True)
class NewToken:
    """A token just created: the stored row and the secret, shown once."""

    token: ApiToken
    secret: str


def digest_of(secret: str) -> str:
    """Return the SHA-256 (hex) under which a token is stored."""
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_token(*, by: User, name: str, expires_on: date | None = None) -> NewToken:
    """Create a token for ``by``; return it with its secret (never stored)."""
    if expires_on is not None and expires_on < timezone.localdate():
        raise ValidationError(
            {"expires_on": "Tanggal berlaku tidak boleh sebelum hari ini."}
        )
    active = ApiToken.objects.filter(user=by, revoked_at__isnull=True).count()
    if active >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            f"Anda sudah memiliki {MAX_ACTIVE_TOKENS} token aktif; "
            "cabut token yang tidak dipakai lagi sebelum membuat yang baru."
        )
    secret = TOKEN_START + secrets.token_urlsafe(32)
    token = ApiToken(
        user=by,
        name=name.strip(),
        prefix=secret[:PREFIX_LENGTH],
        digest=digest_of(secret),
        expires_on=expires_on,
    )
    token.full_clean()
    token.save()
    audit.record(
        by,
        "api.token_created",
        token,
        name=token.name,
        prefix=token.prefix,
        expires_on=expires_on,
    )
    return NewToken(token, secret)


@transaction.atomic
def revoke_token(token: ApiToken, *, by: User) -> None:
    """Revoke a token at once; a revoked token is never usable again."""
    if token.revoked_at is not None:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(
        by,
        "api.token_revoked",
        token,
        name=token.name,
        prefix=token.prefix,
        owner=token.user.username,
    )


def token_user(secret: str) -> User | None:
    """Return the active user of a usable token and note its use; None otherwise."""
    if not secret.startswith(TOKEN_START) or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.usable()
        .select_related("user")
        .filter(digest=digest_of(secret))
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_STEP:
        # A bookkeeping write of the token's own row, outside any audit: the
        # API's reads stay reads.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
