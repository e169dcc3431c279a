"""Tracking codes for the public channels: random, stored only as a digest.

A code is 80 random bits written as 16 Crockford base-32 characters in groups
of four (``K7QM-4XZT-9R2B-HD3W``); what the database keeps is an HMAC of the
normalised code under the secret key, so that a leaked table does not hand
out codes. Look-ups compare digests in constant time; the views rate-limit them.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
CODE_BITS = 80
CODE_LENGTH = CODE_BITS // 5
# What a person may type by mistake: O for 0, I and L for 1.
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    """Return a fresh tracking code (80 random bits) grouped for reading."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise(text: str) -> str:
    """Upper-case the code, drop spaces and dashes, fix look-alike letters."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    return cleaned.translate(_CONFUSABLE)[: CODE_LENGTH + 1]


def digest(code: str, *, scope: str) -> str:
    """Return the stored form of a code (an HMAC under the secret key)."""
    message = f"{scope}:{normalise(code)}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def matches(code: str, stored_digest: str, *, scope: str) -> bool:
    """Constant-time comparison of a typed code with a stored digest."""
    return hmac.compare_digest(digest(code, scope=scope), stored_digest)


def looks_valid(code: str) -> bool:
    """True when the typed text has the shape of a code (cheap pre-check)."""
    cleaned = normalise(code)
    return len(cleaned) == CODE_LENGTH and all(ch in ALPHABET for ch in cleaned)
