"""Decree files kept in private storage between the import preview and its save."""

from __future__ import annotations

from pathlib import Path

from django.core.files.storage import default_storage

from sizi.units.models import Unit

IMPORTS_DIR = "plans/imports"


def preview_name(unit: Unit, token: str, filename: str) -> str:
    """Return the storage name of a previewed upload (by unit and SHA-256)."""
    return f"{IMPORTS_DIR}/{unit.code}/{token}{Path(filename).suffix.lower()}"


def discard_preview(name: str) -> None:
    """Delete a stored preview file (private decree content) if it is still there."""
    if default_storage.exists(name):
        default_storage.delete(name)
