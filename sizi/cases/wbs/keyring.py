"""Where the WBS master key comes from: the environment, never the database.

Production sets ``WBS_ENCRYPTION_KEY`` (32 bytes, URL-safe base64) or
``WBS_ENCRYPTION_KEY_FILE`` (``make run`` writes ``var/wbs_key``). Without one,
development and tests derive a key from ``SECRET_KEY`` so that the channel can
be tried; with DEBUG off the channel refuses to take reports
(:class:`WbsUnavailable`) and ``manage.py check`` warns (``cases.W001``).
"""

from __future__ import annotations

import hashlib

from django.conf import settings

from sizi.cases.wbs.crypto import KeyFormatError, parse_key
from sizi.cases.wbs.receipts import ScryptCost

UNAVAILABLE_MESSAGE = (
    "Saluran WBS belum dapat menerima laporan karena kunci enkripsinya belum "
    "dipasang oleh administrator (WBS_ENCRYPTION_KEY atau WBS_ENCRYPTION_KEY_FILE)."
)


class WbsUnavailable(Exception):
    """The WBS has no usable master key: nothing may be sealed or opened."""


def configured_key() -> str:
    """Return the key text from the settings ('' when none is set)."""
    return str(getattr(settings, "WBS_ENCRYPTION_KEY", "") or "")


def master_key() -> bytes:
    """Return the 32-byte master key, or raise WbsUnavailable."""
    text = configured_key()
    if text:
        try:
            return parse_key(text)
        except KeyFormatError as exc:
            raise WbsUnavailable(str(exc)) from exc
    if settings.DEBUG or getattr(settings, "TESTING", False):
        return hashlib.sha256(b"sizi-wbs-dev:" + settings.SECRET_KEY.encode()).digest()
    raise WbsUnavailable(UNAVAILABLE_MESSAGE)


def is_available() -> bool:
    """Return whether the channel can seal and open reports."""
    try:
        master_key()
    except WbsUnavailable:
        return False
    return True


def receipt_cost() -> ScryptCost:
    """Return scrypt's cost for receipts (cheaper in tests through the setting)."""
    return ScryptCost(n=int(getattr(settings, "WBS_RECEIPT_SCRYPT_N", 2**14)))
