"""Uploads are judged by content; every bad kind is refused with a clear message."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from sizi.evidence import validation
from sizi.evidence.tests.conftest import JPEG, PNG, docx_bytes, pdf


def check(name: str, data: bytes) -> validation.CheckedFile:
    return validation.check_upload(name, io.BytesIO(data))


def refused(name: str, data: bytes) -> str:
    with pytest.raises(ValidationError) as info:
        check(name, data)
    return " ".join(info.value.messages)


def xlsx_bytes() -> bytes:
    workbook = Workbook()
    workbook.active.append(["a", 1])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "key"),
    [
        ("laporan.pdf", pdf(), "pdf"),
        ("surat.docx", docx_bytes(), "docx"),
        ("rekap.xlsx", xlsx_bytes(), "xlsx"),
        ("lama.doc", validation.OLE_MAGIC + b"\x00" * 600, "doc"),
        ("lama.xls", validation.OLE_MAGIC + b"\x00" * 600, "xls"),
        ("foto.png", PNG, "png"),
        ("foto.JPG", JPEG, "jpg"),
        ("foto.jpeg", JPEG, "jpg"),
    ],
)
def test_allowed_types_are_recognised_by_content(
    name: str, data: bytes, key: str
) -> None:
    checked = check(name, data)
    assert checked.file_type.key == key
    assert checked.size == len(data)


def test_hash_is_sha256_of_the_content() -> None:
    import hashlib

    data = pdf("hash")
    assert check("a.pdf", data).sha256 == hashlib.sha256(data).hexdigest()


def test_png_named_pdf_is_refused_as_mismatch() -> None:
    message = refused("laporan.pdf", PNG)
    assert (
        "gambar PNG" in message and "tidak sesuai dengan ekstensinya (.pdf)" in message
    )


def test_pdf_named_docx_is_refused_as_mismatch() -> None:
    assert "tidak sesuai" in refused("surat.docx", pdf())


def test_unknown_content_is_refused() -> None:
    assert "tidak dikenali" in refused("catatan.pdf", b"just some text, not a pdf")


def test_executable_is_refused() -> None:
    assert "tidak dikenali" in refused("setup.pdf", b"MZ\x90\x00" + b"\x00" * 300)


def test_empty_file_is_refused() -> None:
    assert refused("kosong.pdf", b"") == "Berkas «kosong.pdf» kosong (0 bita)."


def test_oversize_file_is_refused(settings) -> None:
    settings.EVIDENCE_MAX_UPLOAD_SIZE = 1000
    assert "melebihi batas" in refused("besar.pdf", pdf() + b"0" * 1000)


@pytest.mark.parametrize(
    "name", ["../etc/passwd.pdf", "a/b.pdf", "a\\b.pdf", "..", "/abs.pdf"]
)
def test_names_with_path_separators_are_refused(name: str) -> None:
    assert "garis miring" in refused(name, pdf())


@pytest.mark.parametrize(
    "name", ["a\x00b.pdf", "a\nb.pdf", "a\rb.pdf", "a\u202eb.pdf", "a\x7fb.pdf"]
)
def test_names_with_control_characters_are_refused(name: str) -> None:
    assert "karakter kendali" in refused(name, pdf())


def test_disallowed_type_is_refused(settings) -> None:
    settings.EVIDENCE_ALLOWED_TYPES = ["pdf"]
    assert "tidak diizinkan" in refused("foto.png", PNG)


def test_plain_zip_is_not_allowed_by_default() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "x")
    assert "arsip ZIP" in refused("arsip.zip", buffer.getvalue())


def bomb(size: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\x00" * size)
    return buffer.getvalue()


def test_docx_expanding_enormously_is_refused_by_ratio() -> None:
    data = bomb(30 * 1024 * 1024)
    assert len(data) < 100_000
    assert "mengembang" in refused("bom.docx", data)


def test_docx_expanding_beyond_the_size_limit_is_refused(settings) -> None:
    settings.EVIDENCE_MAX_UNCOMPRESSED_SIZE = 1024 * 1024
    settings.EVIDENCE_MAX_COMPRESSION_RATIO = 10**9
    assert "bila dibuka" in refused("besar.docx", bomb(2 * 1024 * 1024))


def test_archive_with_too_many_entries_is_refused(settings) -> None:
    settings.EVIDENCE_MAX_ARCHIVE_ENTRIES = 5
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(10):
            archive.writestr(f"word/part{n}.xml", "x")
    assert "entri" in refused("banyak.docx", buffer.getvalue())


def test_corrupt_zip_is_refused() -> None:
    assert "rusak" in refused("rusak.docx", b"PK\x03\x04" + b"\x00" * 100)


def test_bomb_check_reads_no_entry_data() -> None:
    """A declared size alone refuses the file: the directory is all that is read."""
    data = bytearray(bomb(1024))
    # Patch the central directory's uncompressed size of the document entry to 2 GB.
    index = data.rfind(b"PK\x01\x02")
    while index != -1:
        name_len = int.from_bytes(data[index + 28 : index + 30], "little")
        if data[index + 46 : index + 46 + name_len] == b"word/document.xml":
            data[index + 24 : index + 28] = (2**31).to_bytes(4, "little")
        index = data.rfind(b"PK\x01\x02", 0, index)
    assert "bila dibuka" in refused("klaim.docx", bytes(data))


def test_html_that_mentions_the_pdf_header_is_not_a_pdf() -> None:
    page = b"<html><body><script>alert(1)</script>%PDF-1.4</body></html>"

    assert "tidak dikenali" in refused("jebakan.pdf", page)


def test_pdf_after_a_byte_order_mark_is_still_a_pdf() -> None:
    assert check("a.pdf", b"\xef\xbb\xbf" + pdf()).file_type.key == "pdf"
