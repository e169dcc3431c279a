"""Decree files kept in private storage between the import preview and its save.

Beside a previewed PDF the reading job keeps what it read (the pages' lines and
table cells with OCR's doubtful words, as JSON): the preview and the save build
the plan from it, so a scan is OCR'd once, by whichever worker ran the job, and
any app server can show or save it (everything goes through the storage API).
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from sizi.plans.importing.pdf_reader import Page, pages_from_data, pages_to_data
from sizi.units.models import Unit

IMPORTS_DIR = "plans/imports"
READ_SUFFIX = ".read.json"


def preview_name(unit: Unit, token: str, filename: str) -> str:
    """Return the storage name of a previewed upload (by unit and SHA-256)."""
    return f"{IMPORTS_DIR}/{unit.code}/{token}{Path(filename).suffix.lower()}"


def read_name(name: str) -> str:
    """Return the storage name of what was read from the previewed file ``name``."""
    return name + READ_SUFFIX


def keep_pages(name: str, pages: list[Page]) -> None:
    """Keep the pages read from the previewed file ``name`` (replacing older ones)."""
    target = read_name(name)
    payload = json.dumps({"pages": pages_to_data(pages)}, ensure_ascii=False)
    if default_storage.exists(target):
        default_storage.delete(target)
    default_storage.save(target, ContentFile(payload.encode("utf-8")))


def load_pages(name: str) -> list[Page] | None:
    """Return the pages kept for the previewed file ``name``; None if none are."""
    target = read_name(name)
    if not default_storage.exists(target):
        return None
    with default_storage.open(target, "rb") as handle:
        try:
            return pages_from_data(json.loads(handle.read())["pages"])
        except (ValueError, KeyError, TypeError):
            return None


def discard_preview(name: str) -> None:
    """Delete a stored preview file (private decree content) and what was read."""
    for target in (name, read_name(name)):
        if default_storage.exists(target):
            default_storage.delete(target)
