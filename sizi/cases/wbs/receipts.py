"""The reporter's receipt: 80 random bits, shown once, kept only as a slow hash.

The code is 16 characters of Crockford's base32 (5 bits each, no I, L, O or U),
shown in four groups (``7K2M-Q9XD-4HRT-B0WN``). Typing is forgiving: case,
spaces and dashes do not matter, and O reads as 0, I and L as 1.

The stored hash is scrypt over an HMAC of the code: the HMAC's key is the WBS
master key (so a copy of the database alone cannot be searched for receipts),
and scrypt's salt is the unit's channel salt (so the same code in two units
hashes differently). The hash is deterministic within a unit, which lets a
look-up find the report by an index instead of trying every report's hash, as
GlobaLeaks does with its tenant salt.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32
LENGTH = 16
BITS = LENGTH * 5
GROUP = 4
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


@dataclass(frozen=True)
class ScryptCost:
    """scrypt's work factors; production uses the default (about 16 MiB, ~50 ms)."""

    n: int = 2**14
    r: int = 8
    p: int = 1


def new_code() -> str:
    """Return a fresh receipt code, grouped for reading."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return format_code(raw)


def format_code(raw: str) -> str:
    """Return the code in groups of four separated by dashes."""
    return "-".join(raw[i : i + GROUP] for i in range(0, len(raw), GROUP))


def normalize(text: str) -> str | None:
    """Return the code as typed, cleaned to its 16 characters; None if it cannot be one."""
    cleaned = "".join(text.upper().split()).replace("-", "").translate(_READ_AS)
    if len(cleaned) != LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return None
    return cleaned


def hash_code(
    code: str, *, pepper: bytes, salt: bytes, cost: ScryptCost | None = None
) -> str:
    """Return the hex slow hash of a normalized code (see the module docstring)."""
    cost = cost or ScryptCost()
    keyed = hmac.new(pepper, b"wbs-receipt:" + code.encode(), hashlib.sha256)
    kdf = Scrypt(salt=salt, length=32, n=cost.n, r=cost.r, p=cost.p)
    return kdf.derive(keyed.digest()).hex()


def same_hash(stored: str, candidate: str) -> bool:
    """Compare two hashes in constant time."""
    return hmac.compare_digest(stored.encode(), candidate.encode())
