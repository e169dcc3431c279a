"""A titled table as PDF or XLSX: the form of the registers' generated documents.

Registers build a `TableDocument` (title, lines under it, headers, rows, lines
after it) and render it; user text goes into XLSX cells as text, never formulas.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from sizi.core.spreadsheets import set_text

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

Cell = str | int


@dataclass(frozen=True)
class TableDocument:
    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    lines: Sequence[str] = ()
    after: Sequence[str] = ()
    widths: Sequence[int] = field(default_factory=tuple)
    landscape: bool = False
    sheet_title: str = "Register"


def render_pdf(document: TableDocument) -> bytes:
    """Return the table as PDF bytes (WeasyPrint)."""
    from weasyprint import HTML

    html = render_to_string("integrity/export/table.html", {"doc": document})
    data: bytes = HTML(string=html).write_pdf()
    return data


def render_xlsx(document: TableDocument) -> bytes:
    """Return the table as XLSX bytes (one sheet)."""
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = document.sheet_title[:31]
    for index, width in enumerate(document.widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    set_text(sheet.cell(row=1, column=1), document.title).font = Font(
        bold=True, size=12
    )
    row = 2
    for line in document.lines:
        set_text(sheet.cell(row=row, column=1), line)
        row += 1
    row += 1
    fill = PatternFill("solid", fgColor="D9D9D9")
    for column, label in enumerate(document.headers, 1):
        cell = set_text(sheet.cell(row=row, column=column), label)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.border = BOX
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.print_title_rows = f"{row}:{row}"
    for values in document.rows:
        row += 1
        for column, value in enumerate(values, 1):
            cell = set_text(sheet.cell(row=row, column=column), value)
            cell.border = BOX
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    row += 2
    for line in document.after:
        set_text(sheet.cell(row=row, column=1), line)
        row += 1
    if document.landscape:
        sheet.page_setup.orientation = "landscape"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def render(document: TableDocument, fmt: str) -> bytes:
    """Return the document in `fmt` ("pdf" or "xlsx")."""
    return render_xlsx(document) if fmt == "xlsx" else render_pdf(document)
