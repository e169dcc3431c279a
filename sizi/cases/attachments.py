"""Files citizens attach to a complaint: checked like evidence, stored privately.

The content decides the type (`sizi.evidence.validation.check_upload`); the
public channels accept a narrower set of types and a smaller size than the
evidence library, and never keep the citizen's file name as the storage name.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat

from sizi.evidence.validation import CheckedFile, check_upload

PUBLIC_TYPES = frozenset({"pdf", "jpg", "png", "webp", "docx", "xlsx"})
MAX_FILES = 3


def max_size() -> int:
    """The largest attachment a citizen may send (bytes)."""
    return int(getattr(settings, "CASES_MAX_ATTACHMENT_SIZE", 10 * 1024 * 1024))


@dataclass(frozen=True)
class IncomingFile:
    """A file to store: its user-given name and an open binary file object."""

    name: str
    fileobj: IO[bytes]


def check_public_file(incoming: IncomingFile) -> CheckedFile:
    """Validate one attachment; raise ValidationError naming the file if refused."""
    size = incoming.fileobj.seek(0, 2)
    incoming.fileobj.seek(0)
    if size > max_size():
        raise ValidationError(
            f"Lampiran «{incoming.name}» berukuran {filesizeformat(size)}, melebihi "
            f"batas {filesizeformat(max_size())}."
        )
    checked = check_upload(incoming.name, incoming.fileobj)
    if checked.file_type.key not in PUBLIC_TYPES:
        raise ValidationError(
            f"Lampiran «{checked.name}» berisi {checked.file_type.label}; yang "
            "diterima: PDF, JPG, PNG, WebP, DOCX atau XLSX."
        )
    return checked


def check_all(files: list[IncomingFile]) -> list[CheckedFile]:
    """Check every attachment before anything is stored (all or none)."""
    if len(files) > MAX_FILES:
        raise ValidationError(f"Paling banyak {MAX_FILES} lampiran.")
    return [check_public_file(f) for f in files]


@contextmanager
def removing_stored_on_error() -> Iterator[list[str]]:
    """Yield a list of stored names; delete them if the block raises."""
    stored: list[str] = []
    try:
        yield stored
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise


def storage_name(checked: CheckedFile) -> str:
    """A random storage file name with the checked extension."""
    return f"{uuid.uuid4().hex}.{checked.extension}"


def as_django_file(fileobj: IO[bytes]) -> File[bytes]:
    content = fileobj if isinstance(fileobj, File) else File(fileobj)
    content.seek(0)
    return content
