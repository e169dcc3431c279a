"""The WBS pure cores: sealing, receipts and metadata stripping."""

from __future__ import annotations

import io
import math
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader, PdfWriter

from sizi.cases.wbs import crypto, receipts, scrub


def test_sealed_value_opens_only_with_its_key_and_purpose() -> None:
    key = crypto.parse_key(crypto.new_key())
    sealed = crypto.seal(key, b"isi laporan", b"wbs:1:content")
    assert b"isi laporan" not in sealed
    assert crypto.unseal(key, sealed, b"wbs:1:content") == b"isi laporan"
    with pytest.raises(crypto.SealError):
        crypto.unseal(key, sealed, b"wbs:2:content")
    with pytest.raises(crypto.SealError):
        crypto.unseal(crypto.new_data_key(), sealed, b"wbs:1:content")
    with pytest.raises(crypto.SealError):
        crypto.unseal(key, sealed[:-1] + bytes([sealed[-1] ^ 1]), b"wbs:1:content")


def test_data_key_is_wrapped_for_one_report() -> None:
    master = crypto.parse_key(crypto.new_key())
    data_key = crypto.new_data_key()
    wrapped = crypto.wrap_data_key(master, data_key, "ref-a")
    assert crypto.unwrap_data_key(master, wrapped, "ref-a") == data_key
    with pytest.raises(crypto.SealError):
        crypto.unwrap_data_key(master, wrapped, "ref-b")


@pytest.mark.parametrize("text", ["", "pendek", "A" * 44, "!!!!"])
def test_a_bad_master_key_is_refused_with_a_clear_message(text: str) -> None:
    with pytest.raises(crypto.KeyFormatError, match="WBS_ENCRYPTION_KEY"):
        crypto.parse_key(text)


def test_receipt_carries_at_least_80_random_bits() -> None:
    code = receipts.new_code()
    raw = receipts.normalize(code)
    assert raw is not None and len(raw) == 16
    assert len(receipts.ALPHABET) ** len(raw) >= 2**80
    assert math.log2(len(receipts.ALPHABET)) * receipts.LENGTH >= 80
    assert code.count("-") == 3
    assert len({receipts.new_code() for _ in range(200)}) == 200


def test_receipt_typing_is_forgiving() -> None:
    assert receipts.normalize("k7qm-4xzt 9r2b-hd3w") == "K7QM4XZT9R2BHD3W"
    assert receipts.normalize("OIL0-0000-0000-0000") == "0110000000000000"
    assert receipts.normalize("K7QM-4XZT-9R2B") is None
    assert receipts.normalize("K7QM-4XZT-9R2B-HD3U") is None  # U is not in the alphabet


@given(st.text(max_size=40))
def test_normalize_never_accepts_a_wrong_length(text: str) -> None:
    result = receipts.normalize(text)
    assert result is None or len(result) == receipts.LENGTH


def test_receipt_hash_depends_on_pepper_and_salt_and_compares_in_constant_time() -> (
    None
):
    cost = receipts.ScryptCost(n=2**8)
    one = receipts.hash_code("K7QM4XZT9R2BHD3W", pepper=b"p", salt=b"s" * 16, cost=cost)
    assert one == receipts.hash_code(
        "K7QM4XZT9R2BHD3W", pepper=b"p", salt=b"s" * 16, cost=cost
    )
    assert one != receipts.hash_code(
        "K7QM4XZT9R2BHD3W", pepper=b"q", salt=b"s" * 16, cost=cost
    )
    assert one != receipts.hash_code(
        "K7QM4XZT9R2BHD3W", pepper=b"p", salt=b"t" * 16, cost=cost
    )
    assert "K7QM" not in one
    assert receipts.same_hash(one, one) and not receipts.same_hash(one, "0" * 64)


def _jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (32, 24), "navy")
    exif = Image.Exif()
    exif[0x013B] = "Budi Fotografer"  # Artist
    exif[0xA431] = "SN-998877"  # BodySerialNumber
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_jpeg_exif_is_stripped_and_the_picture_kept() -> None:
    original = _jpeg_with_exif()
    assert b"Budi Fotografer" in original
    clean = scrub.scrub("jpg", original)
    assert b"Budi Fotografer" not in clean and b"SN-998877" not in clean
    with Image.open(io.BytesIO(clean)) as image:
        assert image.size == (32, 24)
        assert not image.getexif()


def test_png_text_chunks_are_stripped() -> None:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Budi Fotografer")
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, format="PNG", pnginfo=info)
    clean = scrub.scrub("png", out.getvalue())
    assert b"Budi Fotografer" in out.getvalue()
    assert b"Budi Fotografer" not in clean


def test_pdf_author_producer_and_xmp_are_stripped() -> None:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Author": "Budi Penulis", "/Producer": "Kantor Budi"})
    out = io.BytesIO()
    writer.write(out)
    clean = scrub.scrub("pdf", out.getvalue())
    assert b"Budi" not in clean
    reader = PdfReader(io.BytesIO(clean))
    assert len(reader.pages) == 1
    assert not (reader.metadata or {}).get("/Author")


def test_office_document_properties_are_emptied() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "docProps/core.xml",
            "<cp:coreProperties><dc:creator>Budi Penulis</dc:creator></cp:coreProperties>",
        )
        archive.writestr(
            "docProps/app.xml", "<Properties><Company>PT Budi</Company></Properties>"
        )
        archive.writestr("word/document.xml", "<w:document>isi</w:document>")
    clean = scrub.scrub("docx", out.getvalue())
    with zipfile.ZipFile(io.BytesIO(clean)) as archive:
        assert b"Budi" not in archive.read("docProps/core.xml")
        assert b"Budi" not in archive.read("docProps/app.xml")
        assert archive.read("word/document.xml") == b"<w:document>isi</w:document>"


def test_an_unreadable_file_is_refused_not_passed_through() -> None:
    with pytest.raises(scrub.ScrubError):
        scrub.scrub("jpg", b"bukan gambar")
    with pytest.raises(scrub.ScrubError):
        scrub.scrub("mp4", b"\x00\x00\x00\x18ftypmp42")
