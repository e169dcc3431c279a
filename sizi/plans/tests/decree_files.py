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


def build_pdf(text: str) -> bytes:
    """Write the decree as a text PDF (WeasyPrint): paragraphs, then the Lampiran
    as one bordered table per page of the seed, header and number rows on each."""
    from html import escape

    import weasyprint

    parts = split_decree(text)

    def paragraphs(lines: list[str]) -> str:
        # consecutive lines form one paragraph (line breaks kept), as in the text
        groups: list[list[str]] = [[]]
        for line in lines:
            if line.strip():
                groups[-1].append(escape(_plain(line)))
            elif groups[-1]:
                groups.append([])
        return "".join(f"<p>{'<br>'.join(g)}</p>" for g in groups if g)

    tables = []
    for page in parts.pages:
        head = "".join(
            "<tr>" + "".join(f"<th>{escape(v)}</th>" for v in header) + "</tr>"
            for header in (COLUMNS, NUMBERS)
        )
        body = []
        for row_cells in page:
            values = [escape(_TAG.sub("", c)) for c in row_cells]
            area = area_header(tuple(row_cells))
            if area and values[1]:
                body.append(
                    f"<tr><td>{values[0]}</td><td colspan=5>{values[1]}</td></tr>"
                )
            elif area:
                body.append(f"<tr><td colspan=6>{values[0]}</td></tr>")
            else:
                body.append("<tr>" + "".join(f"<td>{v}</td>" for v in values) + "</tr>")
        tables.append(
            f"<table><thead>{head}</thead><tbody>{''.join(body)}</tbody></table>"
        )
    html = (
        "<html><head><style>"
        "@page { size: A4 landscape; margin: 1.5cm }"
        "body { font-family: 'DejaVu Sans', sans-serif; font-size: 9pt }"
        "table { border-collapse: collapse; width: 100%; page-break-before: always }"
        "th, td { border: 1px solid #000; padding: 3pt; vertical-align: top; text-align: left }"
        "tr { page-break-inside: avoid }"
        "</style></head><body>"
        + paragraphs(parts.before)
        + "".join(tables)
        + paragraphs(parts.after)
        + "</body></html>"
    )
    return bytes(weasyprint.HTML(string=html).write_pdf())


def build_scanned_pdf(
    pdf: bytes, *, dpi: int = 200, first: int = 1, last: int | None = None
) -> bytes:
    """Render a PDF's pages to images (pdftoppm) and bind them into a PDF without
    a text layer, as a scanner would (Pillow)."""
    import subprocess
    import tempfile

    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf)
        args = ["pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", str(first)]
        if last is not None:
            args += ["-l", str(last)]
        subprocess.run([*args, str(src), str(Path(tmp) / "page")], check=True)  # noqa: S603
        images = [
            Image.open(p).convert("L") for p in sorted(Path(tmp).glob("page*.png"))
        ]
        out = io.BytesIO()
        images[0].save(
            out, "PDF", resolution=dpi, save_all=True, append_images=images[1:]
        )
        return out.getvalue()


def short_decree(text: str) -> str:
    """The decree cut to two pages: its head and signature, and a Lampiran of
    the first indikator row of each area (a quick scan for OCR tests)."""
    parts = split_decree(text)
    head = [
        line
        for line in parts.before[:67]
        if not line.lstrip("- ").startswith(("Menimbang", "Mengingat"))
        and not re.match(r"^\s*(-\s*[a-c]\.|\d+\.)\s", line)
    ]
    rows: list[list[str]] = []
    take = False
    for row in (r for page in parts.pages for r in page):
        if area_header(tuple(row)) is not None:
            rows.append(row)
            take = True
        elif take and row[0].strip():
            rows.append(row)
            take = False
    lines = [*head, "\t".join(HEADER), *("\t".join(r) for r in rows), *parts.after]
    return "\n".join(lines)
