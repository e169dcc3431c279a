"""Choose the reader for an uploaded decree by its content, and never raise."""

from __future__ import annotations

import logging

from sizi.core.archives import ArchiveLimits, UnsafeArchive, inspect_zip
from sizi.plans.importing.docx_reader import read_docx
from sizi.plans.importing.parsed import ParsedPlan, ParseIssue
from sizi.plans.importing.pdf_reader import Page, Progress, read_pdf, read_pdf_pages
from sizi.plans.importing.text_reader import read_text
from sizi.plans.importing.xlsx_reader import read_xlsx

logger = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024  # the file as uploaded
# A decree's DOCX/XLSX unpacks to a few hundred kilobytes; the limits refuse
# zip bombs before python-docx or openpyxl builds the document in memory.
DECREE_ZIP_LIMITS = ArchiveLimits(
    max_entries=1000, max_uncompressed=16 * 1024 * 1024, max_ratio=100
)
MAX_TEXT_BYTES = 5 * 1024 * 1024  # a text decree (the seed is 38 KB)


def _failed(message: str, source_format: str = "") -> ParsedPlan:
    return ParsedPlan(
        errors=[ParseIssue("berkas", message)], source_format=source_format
    )


def _decode(data: bytes) -> tuple[str | None, str]:
    """Decode text: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252/latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), ""
        except UnicodeDecodeError:
            return None, "Berkas UTF-16 rusak."
    sample = data[:65536]
    if b"\x00" in sample:
        return None, "Berkas ini bukan teks, DOCX, XLSX, atau PDF (berisi data biner)."
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Berkas bukan UTF-8; dibaca sebagai Windows-1252."
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Berkas bukan UTF-8; dibaca sebagai Latin-1."


def _read_zip(data: bytes, filename: str, year: int | None) -> ParsedPlan:
    try:
        names = set(
            inspect_zip(data, name=filename, size=len(data), limits=DECREE_ZIP_LIMITS)
        )
    except UnsafeArchive as exc:
        if "rusak" in str(exc):
            return _failed(
                f"Berkas «{filename}» rusak atau terpotong (arsip ZIP tidak terbaca)."
            )
        return _failed(f"Isi berkas terlalu besar setelah dibuka: {exc}")
    if "word/document.xml" in names:
        try:
            return read_docx(data, year=year)
        except Exception as exc:  # noqa: BLE001 - bad input must not crash the import
            logger.info("DOCX unreadable: %r", exc)
            return _failed(
                f"Berkas DOCX «{filename}» rusak atau tidak dapat dibaca ({type(exc).__name__}).",
                "docx",
            )
    if "xl/workbook.xml" in names:
        try:
            return read_xlsx(data, year=year)
        except Exception as exc:  # noqa: BLE001 - bad input must not crash the import
            logger.info("XLSX unreadable: %r", exc)
            return _failed(
                f"Berkas XLSX «{filename}» rusak atau tidak dapat dibaca ({type(exc).__name__}).",
                "xlsx",
            )
    return _failed(
        f"Berkas «{filename}» adalah arsip ZIP, tetapi bukan DOCX atau XLSX."
    )


def _parse(
    data: bytes, filename: str, year: int | None, progress: Progress | None
) -> ParsedPlan:
    if not data or not data.strip():
        return _failed("Berkas kosong.")
    if len(data) > MAX_BYTES:
        return _failed(
            f"Berkas terlalu besar (lebih dari {MAX_BYTES // (1024 * 1024)} MB)."
        )
    lower = filename.lower()
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _read_zip(data, filename, year)
    if lower.endswith((".docx", ".xlsx", ".xlsm")):
        return _failed(
            f"Berkas «{filename}» bernama {lower.rsplit('.', 1)[-1].upper()}, tetapi isinya bukan berkas Office yang sah."
        )
    if data.startswith(b"%PDF-"):
        return read_pdf(data, year=year, progress=progress)
    if lower.endswith(".pdf"):
        return _failed(
            f"Berkas «{filename}» bernama PDF, tetapi isinya bukan PDF (tidak diawali %PDF-)."
        )
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return _failed(
            "Format lama .doc/.xls tidak didukung; simpan ulang sebagai DOCX atau XLSX."
        )
    if len(data) > MAX_TEXT_BYTES:
        return _failed(
            f"Berkas teks terlalu besar (lebih dari {MAX_TEXT_BYTES // (1024 * 1024)} MB)."
        )
    text, note = _decode(data)
    if text is None:
        return _failed(note)
    plan = read_text(text, year=year)
    if note:
        plan.warnings.insert(0, ParseIssue("berkas", note))
    return plan


def parse_decree(
    data: bytes,
    filename: str,
    *,
    year: int | None = None,
    progress: Progress | None = None,
) -> ParsedPlan:
    """Read a decree file (text, DOCX, XLSX or PDF) into a ParsedPlan; never raises.

    ``year`` overrides the decree's own year when reading target times. Callers
    must check ``plan.errors``: when it is not empty nothing may be saved.
    ``progress`` is told about each page of a PDF (see ``pdf_reader.ReadStep``).
    """
    try:
        if not isinstance(data, bytes | bytearray | memoryview):
            return _failed("Data berkas tidak sah.")
        return _parse(bytes(data), filename or "berkas", year, progress)
    except RecursionError:
        return _failed("Berkas terlalu rumit untuk dibaca.")
    except Exception as exc:  # noqa: BLE001 - the importer must never crash
        logger.exception("Unexpected error while reading a decree")
        return _failed(
            f"Kesalahan tak terduga saat membaca berkas ({type(exc).__name__})."
        )


def parse_pages(pages: list[Page], *, year: int | None = None) -> ParsedPlan:
    """Build the plan from PDF pages read before (no OCR); never raises.

    The upload page's reading job keeps the pages (``pdf_reader.pages_to_data``);
    the preview and the save turn them into the same plan with this.
    """
    try:
        return read_pdf_pages(pages, year=year)
    except RecursionError:
        return _failed("Berkas terlalu rumit untuk dibaca.", "pdf")
    except Exception as exc:  # noqa: BLE001 - the importer must never crash
        logger.exception("Unexpected error while assembling PDF pages")
        return _failed(
            f"Kesalahan tak terduga saat membaca berkas ({type(exc).__name__}).", "pdf"
        )
