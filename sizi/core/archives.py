"""Inspecting ZIP containers (DOCX, XLSX, PPTX) before anything unpacks them.

Office files are ZIP archives; a small upload can declare gigabytes of content
(a "zip bomb"). The central directory states what each entry expands to, so
reading it is enough to refuse such a file without decompressing anything.
Used by the evidence upload checks, the decree import and the LKE workbook
import.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import IO

from django.template.defaultfilters import filesizeformat


@dataclass(frozen=True)
class ArchiveLimits:
    max_entries: int
    max_uncompressed: int
    max_ratio: int


class UnsafeArchive(ValueError):
    """The file is not a readable ZIP, or would expand beyond the limits."""


def inspect_zip(
    data: bytes | IO[bytes], *, name: str, size: int, limits: ArchiveLimits
) -> list[str]:
    """Return the entry names of a ZIP container, refusing broken or bomb-like ones."""
    fileobj = io.BytesIO(data) if isinstance(data, bytes) else data
    try:
        with zipfile.ZipFile(fileobj) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise UnsafeArchive(f"Berkas «{name}» adalah arsip ZIP yang rusak.") from exc
    if len(infos) > limits.max_entries:
        raise UnsafeArchive(
            f"Berkas «{name}» berisi {len(infos)} entri arsip; paling banyak "
            f"{limits.max_entries}."
        )
    total = sum(info.file_size for info in infos)
    if total > limits.max_uncompressed:
        raise UnsafeArchive(
            f"Berkas «{name}» mengembang menjadi {filesizeformat(total)} bila dibuka "
            f"(batas {filesizeformat(limits.max_uncompressed)}); berkas seperti ini "
            "ditolak."
        )
    ratio = total / max(size, 1)
    if total > 1024 * 1024 and ratio > limits.max_ratio:
        raise UnsafeArchive(
            f"Berkas «{name}» mengembang {ratio:.0f} kali bila dibuka (batas "
            f"{limits.max_ratio} kali); berkas seperti ini ditolak."
        )
    return [info.filename for info in infos]
