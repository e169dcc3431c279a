"""Build DOCX and XLSX versions of a plain-text decree (the seed) for import tests."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import docx
import openpyxl

from sizi.plans.importing.table import (
    COLUMNS,
    area_header,
    is_header_row,
    is_number_row,
)

NUMBERS = ("1", "2", "3", "4", "5", "6")
SEED = (
    Path(__file__).resolve().parents[3].parent
    / "shared"
    / "seeds"
    / "000_0aa9eb4df12157a3.txt"
)
HEADER = ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "TARGET WAKTU"]
SIX_AREAS = [
    ["I", "MANAJEMEN PERUBAHAN"], ["II", "PENATAAN TATALAKSANA"],
    ["III", "PENATAAN SISTEM MANAJEMEN SDM"], ["IV", "PENGUATAN AKUNTABILITAS"],
    ["V", "PENGUATAN PENGAWASAN"], ["VI", "PENINGKATAN KUALITAS PELAYANAN PUBLIK"],
]  # fmt: skip
_TAG = re.compile(r"<[^>]+>")


@dataclass
class SeedParts:
    """A plain-text decree cut into: text before the table, table pages, text after."""

    before: list[str] = field(default_factory=list)
    pages: list[list[list[str]]] = field(default_factory=list)
    after: list[str] = field(default_factory=list)


def split_decree(text: str) -> SeedParts:
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if is_header_row(line.split("\t")))
    end = max(i for i, line in enumerate(lines) if "\t" in line)
    parts = SeedParts(before=lines[:start], after=lines[end + 1 :])
    for line in lines[start : end + 1]:
        cells = line.split("\t")
        if is_header_row(cells):
            parts.pages.append([])
        elif is_number_row(cells) or not line.strip():
            continue
        else:
            parts.pages[-1].append((cells + [""] * 6)[:6])
    return parts


def _plain(line: str) -> str:
    return line.replace("**", "").replace("*", "")


def build_docx(
    text: str, *, table_per_page: bool = True, strip_tags: bool = True
) -> bytes:
    """Write the decree as DOCX: paragraphs, then the Lampiran as Word table(s)."""
    parts = split_decree(text)
    document = docx.Document()
    for line in parts.before:
        document.add_paragraph(_plain(line))
    table = None
    for page in parts.pages:
        if table is None or table_per_page:
            table = document.add_table(rows=0, cols=6)
            if table_per_page:
                document.add_paragraph("")
        for header in (COLUMNS, NUMBERS):
            cells = table.add_row().cells
            for cell, value in zip(cells, header, strict=True):
                cell.text = value
        for row_cells in page:
            values = [_TAG.sub("", c) if strip_tags else c for c in row_cells]
            cells = table.add_row().cells
            area = area_header(tuple(row_cells))
            if area and values[1]:
                cells[0].text = values[0]
                cells[1].merge(cells[5]).text = values[1]
            elif area:
                cells[0].merge(cells[5]).text = values[0]
            else:
                for cell, value in zip(cells, values, strict=True):
                    cell.text = value
    for line in parts.after:
        document.add_paragraph(_plain(line))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def build_xlsx(
    text: str, *, decree_sheet: bool = False, first_column: int = 2
) -> bytes:
    """Write the decree as XLSX: decree text above the table (or key/value sheet)."""
    parts = split_decree(text)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101
    sheet.title = "Lampiran"
    row = 1
    if decree_sheet:
        info = workbook.create_sheet("Keputusan", 0)
        info.append(["Nomor", "42"])
        info.append(["Tahun", 2025])
        info.append(["Tentang", "Rencana Aksi Pembangunan Zona Integritas Tahun 2025"])
        info.append(["Ditetapkan di", "Kuala Tungkal"])
        info.append(["Tanggal", date(2025, 10, 27)])
        info.append(["Penandatangan", "MUHAMMAD RUM"])
        info.append(
            ["Jabatan", "KETUA KOMISI PEMILIHAN UMUM KABUPATEN TANJUNG JABUNG BARAT"]
        )
        info.append(["Dasar hukum", "Undang-Undang Nomor 28 Tahun 1999"])
        info.append([None, "Undang-Undang Nomor 14 Tahun 2008"])
    else:
        for line in parts.before:
            sheet.cell(row=row, column=1, value=_plain(line) or None)
            row += 1
    c0 = first_column
    for page in parts.pages:
        for header in (COLUMNS, NUMBERS):
            for offset, value in enumerate(header):
                sheet.cell(row=row, column=c0 + offset, value=value)
            row += 1
        for row_cells in page:
            area = area_header(tuple(row_cells))
            if area and row_cells[1]:
                sheet.cell(row=row, column=c0, value=row_cells[0])
                sheet.cell(row=row, column=c0 + 1, value=row_cells[1])
                sheet.merge_cells(
                    start_row=row, start_column=c0 + 1, end_row=row, end_column=c0 + 5
                )
            elif area:
                sheet.cell(row=row, column=c0, value=row_cells[0])
                sheet.merge_cells(
                    start_row=row, start_column=c0, end_row=row, end_column=c0 + 5
                )
            else:
                for offset, value in enumerate(row_cells):
                    if value:
                        number = value.rstrip(".")
                        sheet.cell(
                            row=row,
                            column=c0 + offset,
                            value=int(number)
                            if offset == 0 and number.isdigit()
                            else value,
                        )
            row += 1
    if not decree_sheet:
        for line in parts.after:
            sheet.cell(row=row, column=1, value=_plain(line) or None)
            row += 1
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def small_xlsx(rows: list[list[Any]]) -> bytes:
    """Write rows to the first sheet of a new workbook."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
