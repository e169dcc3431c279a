"""Envelope encryption for WBS reports (AES-256-GCM from ``cryptography``).

Each report gets its own random data key. Its content, messages, identity and
attachments are sealed with that data key; the data key itself is sealed with
the master key, which comes from the environment (``WBS_ENCRYPTION_KEY`` or
``WBS_ENCRYPTION_KEY_FILE``) and never sits in the database. Deleting a report
wipes its sealed data key, so copies of its ciphertext that survive elsewhere
(a file system block, a database page) can no longer be opened with the
master key alone.

Every sealed value carries the purpose it was sealed for as associated data
(for example ``b"wbs:report:42:content"``): a ciphertext copied into another
row or field does not open there.
"""

from __future__ import annotations

import base64
import binascii
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

VERSION = b"\x01"
NONCE_SIZE = 12
KEY_SIZE = 32


class SealError(Exception):
    """A sealed value could not be opened (wrong key, wrong purpose, or damaged)."""


class KeyFormatError(ValueError):
    """The configured master key is not 32 bytes in URL-safe base64."""


def parse_key(text: str) -> bytes:
    """Return the 32-byte key written as URL-safe base64 (the form `new_key` gives)."""
    cleaned = text.strip()
    try:
        key = base64.urlsafe_b64decode(cleaned + "=" * (-len(cleaned) % 4))
    except (binascii.Error, ValueError) as exc:
        raise KeyFormatError(
            "WBS_ENCRYPTION_KEY bukan base64 URL-safe yang sah."
        ) from exc
    if len(key) != KEY_SIZE:
        raise KeyFormatError(
            f"WBS_ENCRYPTION_KEY harus 32 bita (256 bit), bukan {len(key)} bita."
        )
    return key


def new_key() -> str:
    """Return a fresh random 256-bit key as URL-safe base64 (for the key file)."""
    return base64.urlsafe_b64encode(os.urandom(KEY_SIZE)).decode().rstrip("=")


def seal(key: bytes, plaintext: bytes, purpose: bytes) -> bytes:
    """Encrypt and authenticate ``plaintext`` for ``purpose``: version|nonce|ciphertext."""
    nonce = os.urandom(NONCE_SIZE)
    return VERSION + nonce + AESGCM(key).encrypt(nonce, plaintext, purpose)


def unseal(key: bytes, sealed: bytes, purpose: bytes) -> bytes:
    """Decrypt a value made by :func:`seal` for the same purpose; SealError otherwise."""
    if len(sealed) < 1 + NONCE_SIZE + 16 or sealed[:1] != VERSION:
        raise SealError("Data tersegel rusak atau berversi tidak dikenal.")
    nonce = sealed[1 : 1 + NONCE_SIZE]
    try:
        return AESGCM(key).decrypt(nonce, sealed[1 + NONCE_SIZE :], purpose)
    except InvalidTag as exc:
        raise SealError("Data tersegel tidak dapat dibuka dengan kunci ini.") from exc


def new_data_key() -> bytes:
    """Return a fresh random data key for one report."""
    return AESGCM.generate_key(bit_length=KEY_SIZE * 8)


def wrap_data_key(master: bytes, data_key: bytes, report_ref: str) -> bytes:
    """Seal a report's data key with the master key."""
    return seal(master, data_key, f"wbs:data-key:{report_ref}".encode())


def unwrap_data_key(master: bytes, wrapped: bytes, report_ref: str) -> bytes:
    """Open a report's data key sealed by :func:`wrap_data_key`."""
    return unseal(master, wrapped, f"wbs:data-key:{report_ref}".encode())
