"""Check an uploaded file before anything of it is stored.

The type is decided by the content (magic bytes), never by the name; the name's
extension must then agree with it. Office documents are recognised by their
container: a ZIP with `word/`, `xl/` or `ppt/` entries, or a legacy OLE file.
Every ZIP container (a .docx is one) is checked from its central directory for
an enormous expansion (zip bomb) without decompressing anything.

The allowed types and limits are settings: EVIDENCE_ALLOWED_TYPES,
EVIDENCE_MAX_UPLOAD_SIZE, EVIDENCE_MAX_UNCOMPRESSED_SIZE,
EVIDENCE_MAX_COMPRESSION_RATIO and EVIDENCE_MAX_ARCHIVE_ENTRIES.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from typing import IO

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from sizi.core.archives import ArchiveLimits, UnsafeArchive, inspect_zip

CHUNK_SIZE = 1024 * 1024
HEAD_SIZE = 8192
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
MAX_NAME_LENGTH = 200


@dataclass(frozen=True)
class FileType:
    """A kind of file SIZI can recognise by content."""

    key: str
    label: str
    content_type: str
    extensions: tuple[str, ...]


FILE_TYPES: dict[str, FileType] = {
    t.key: t
    for t in [
        FileType("pdf", "PDF", "application/pdf", ("pdf",)),
        FileType(
            "docx",
            "dokumen Word",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ("docx",),
        ),
        FileType(
            "xlsx",
            "lembar kerja Excel",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ("xlsx",),
        ),
        FileType(
            "pptx",
            "presentasi PowerPoint",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            ("pptx",),
        ),
        FileType("doc", "dokumen Word lama", "application/msword", ("doc",)),
        FileType(
            "xls", "lembar kerja Excel lama", "application/vnd.ms-excel", ("xls",)
        ),
        FileType(
            "ppt",
            "presentasi PowerPoint lama",
            "application/vnd.ms-powerpoint",
            ("ppt",),
        ),
        FileType("jpg", "gambar JPEG", "image/jpeg", ("jpg", "jpeg")),
        FileType("png", "gambar PNG", "image/png", ("png",)),
        FileType("webp", "gambar WebP", "image/webp", ("webp",)),
        FileType("gif", "gambar GIF", "image/gif", ("gif",)),
        FileType("mp4", "video MP4", "video/mp4", ("mp4", "m4v")),
        FileType("webm", "video WebM", "video/webm", ("webm",)),
        FileType("zip", "arsip ZIP", "application/zip", ("zip",)),
    ]
}
# Legacy OLE files carry no cheap marker of their application; the extension
# picks among these (the content is still proven to be an OLE document).
OLE_TYPES = ("doc", "xls", "ppt")
MIME_TO_KEY = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "image/gif": "gif",
    "video/mp4": "mp4",
    "video/x-m4v": "mp4",
    "video/webm": "webm",
    "application/pdf": "pdf",
}


@dataclass(frozen=True)
class CheckedFile:
    """What validation learnt about an accepted file."""

    name: str
    file_type: FileType
    size: int
    sha256: str

    @property
    def extension(self) -> str:
        return self.file_type.extensions[0]


def allowed_types() -> list[FileType]:
    """Return the file types allowed by the EVIDENCE_ALLOWED_TYPES setting."""
    return [FILE_TYPES[key] for key in settings.EVIDENCE_ALLOWED_TYPES]


def accept_attribute() -> str:
    """Return the `accept` attribute for a file input (a hint; the server decides)."""
    return ",".join(f".{ext}" for t in allowed_types() for ext in t.extensions)


def check_name(name: str) -> str:
    """Return the file name if safe, else raise ValidationError saying why."""
    if not name or not name.strip():
        raise ValidationError("Nama berkas kosong.")
    if "/" in name or "\\" in name or name in {".", ".."}:
        raise ValidationError(
            f"Nama berkas «{name}» memuat garis miring; pakai nama saja."
        )
    if any(unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp"} for ch in name):
        raise ValidationError(
            f"Nama berkas «{name!r}» memuat karakter kendali yang tidak diperbolehkan."
        )
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationError(
            f"Nama berkas terlalu panjang ({len(name)} karakter; paling banyak "
            f"{MAX_NAME_LENGTH})."
        )
    return name.strip()


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _check_zip(name: str, fileobj: IO[bytes], size: int) -> list[str]:
    """Return the entry names of a ZIP container, refusing a zip bomb."""
    limits = ArchiveLimits(
        max_entries=settings.EVIDENCE_MAX_ARCHIVE_ENTRIES,
        max_uncompressed=settings.EVIDENCE_MAX_UNCOMPRESSED_SIZE,
        max_ratio=settings.EVIDENCE_MAX_COMPRESSION_RATIO,
    )
    try:
        return inspect_zip(fileobj, name=name, size=size, limits=limits)
    except UnsafeArchive as exc:
        raise ValidationError(str(exc)) from exc


def detect_type(name: str, fileobj: IO[bytes], size: int) -> FileType | None:
    """Return the type the content shows, or None if it is not recognised."""
    fileobj.seek(0)
    head = fileobj.read(HEAD_SIZE)
    fileobj.seek(0)
    if head.startswith(ZIP_MAGIC):
        entries = _check_zip(name, fileobj, size)
        fileobj.seek(0)
        for prefix, key in (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx")):
            if any(entry.startswith(prefix) for entry in entries):
                return FILE_TYPES[key]
        return FILE_TYPES["zip"]
    if head.startswith(OLE_MAGIC):
        ext = _extension(name)
        return FILE_TYPES[ext if ext in OLE_TYPES else "doc"]
    # A PDF starts with its header; only a byte-order mark or white space may
    # come first (an HTML page that merely mentions "%PDF-" is not a PDF).
    if head.lstrip(b"\xef\xbb\xbf \t\r\n\x00").startswith(b"%PDF-"):
        return FILE_TYPES["pdf"]
    kind = filetype.guess(head)
    if kind is not None and kind.mime in MIME_TO_KEY:
        return FILE_TYPES[MIME_TO_KEY[kind.mime]]
    return None


def hash_file(fileobj: IO[bytes]) -> tuple[str, int]:
    """Return (SHA-256 hex, size) reading `fileobj` in chunks from the start."""
    digest = hashlib.sha256()
    size = 0
    fileobj.seek(0)
    while chunk := fileobj.read(CHUNK_SIZE):
        digest.update(chunk)
        size += len(chunk)
    fileobj.seek(0)
    return digest.hexdigest(), size


def check_upload(name: str, fileobj: IO[bytes]) -> CheckedFile:
    """Validate one upload and return what was learnt; raise ValidationError if refused."""
    name = check_name(name)
    size = fileobj.seek(0, 2)
    fileobj.seek(0)
    if size == 0:
        raise ValidationError(f"Berkas «{name}» kosong (0 bita).")
    limit = settings.EVIDENCE_MAX_UPLOAD_SIZE
    # An upload handler that stopped storing at the cap keeps the real size.
    if getattr(fileobj, "oversize", False):
        size = max(size, getattr(fileobj, "size", 0) or 0, limit + 1)
    if size > limit:
        raise ValidationError(
            f"Berkas «{name}» berukuran {filesizeformat(size)}, melebihi batas "
            f"{filesizeformat(limit)}."
        )
    detected = detect_type(name, fileobj, size)
    allowed = allowed_types()
    labels = ", ".join(sorted({ext for t in allowed for ext in t.extensions}))
    if detected is None:
        raise ValidationError(
            f"Isi berkas «{name}» tidak dikenali sebagai jenis yang diizinkan ({labels})."
        )
    if detected not in allowed:
        raise ValidationError(
            f"Berkas «{name}» berisi {detected.label}, jenis yang tidak diizinkan "
            f"(yang diizinkan: {labels})."
        )
    ext = _extension(name)
    if ext not in detected.extensions:
        shown = f".{ext}" if ext else "tanpa ekstensi"
        raise ValidationError(
            f"Isi berkas «{name}» adalah {detected.label}, tidak sesuai dengan "
            f"ekstensinya ({shown}). Ganti nama berkas atau unggah berkas yang benar."
        )
    # The upload handlers (sizi.evidence.uploads) hashed the file as it
    # arrived; hash here only when that did not happen (commands, tests).
    sha256 = getattr(fileobj, "sha256", None)
    if not sha256 or getattr(fileobj, "hashed_size", None) != size:
        sha256, size = hash_file(fileobj)
    return CheckedFile(name=name, file_type=detected, size=size, sha256=sha256)
