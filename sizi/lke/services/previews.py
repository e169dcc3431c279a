"""Previewed LKE workbooks, kept in private storage until the user applies them.

A preview is stored under `lke-imports/` with a random name; applying it (or
using its token on the wrong assessment) deletes it, and `purge_lke_imports`
removes the ones never applied.
"""

from __future__ import annotations

import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

IMPORTS_DIR = "lke-imports"


def keep_preview(data: bytes) -> tuple[str, str]:
    """Store a previewed workbook; return (token, storage name)."""
    token = secrets.token_urlsafe(16)
    name = default_storage.save(f"{IMPORTS_DIR}/{token}.xlsx", ContentFile(data))
    return token, name


def take_preview(name: str) -> bytes | None:
    """Return a stored preview's bytes and delete it (None if it is gone)."""
    try:
        with default_storage.open(name, "rb") as handle:
            data: bytes = handle.read()
    except OSError:
        return None
    finally:
        discard_preview(name)
    return data


def discard_preview(name: str) -> None:
    """Delete a stored preview if it is still there."""
    if default_storage.exists(name):
        default_storage.delete(name)
