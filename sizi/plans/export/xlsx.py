"""The Lampiran as an Excel workbook: landscape, print titles repeat on each page."""

from __future__ import annotations

import io
import math
import textwrap

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from sizi.plans.export.table import HEADERS, LampiranTable

WIDTHS = [6, 24, 36, 40, 32, 18]
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(wrap_text=True, vertical="top", horizontal="center")


def _lines(text: str, width: int) -> int:
    """Estimate how many printed lines `text` takes in a column `width` characters wide."""
    return sum(
        max(1, math.ceil(len(part) / max(width - 2, 1))) for part in text.split("\n")
    )


def _heading(sheet: Worksheet, table: LampiranTable) -> int:
    row = 1
    lines = [*table.heading, *textwrap.wrap(f"TENTANG {table.plan_title}", 80)]
    for line in lines:
        sheet.cell(row=row, column=4, value=line).alignment = Alignment(wrap_text=False)
        row += 1
    row += 1
    for line, size in (("RENCANA AKSI", 12), (table.subtitle, 11)):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
        cell = sheet.cell(row=row, column=1, value=line)
        cell.font = Font(bold=True, size=size)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
        row += 1
    sheet.row_dimensions[row - 1].height = 32
    return row + 1


def render_xlsx(table: LampiranTable) -> bytes:
    """Return the Lampiran as XLSX bytes."""
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = f"Rencana Aksi {table.year}"
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions["ABCDEF"[index]].width = width
    header_row = _heading(sheet, table)
    fill = PatternFill("solid", fgColor="D9D9D9")
    for offset, labels in enumerate([HEADERS, [str(i) for i in range(1, 7)]]):
        for column, label in enumerate(labels, 1):
            cell = sheet.cell(row=header_row + offset, column=column, value=label)
            cell.font = Font(bold=True)
            cell.alignment = CENTER
            cell.border = BOX
            cell.fill = fill
    row = header_row + 2
    area_fill = PatternFill("solid", fgColor="EDEDED")
    for item in table.rows:
        if item.is_area:
            sheet.cell(row=row, column=1, value=item.numeral)
            sheet.cell(row=row, column=2, value=item.area)
            sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=6)
            for column in range(1, 7):
                cell = sheet.cell(row=row, column=column)
                cell.font = Font(bold=True)
                cell.fill = area_fill
                cell.border = BOX
                cell.alignment = CENTER if column == 1 else WRAP
        else:
            for column, text in enumerate(item.cells, 1):
                cell = sheet.cell(row=row, column=column, value=text)
                cell.alignment = CENTER if column in (1, 6) else WRAP
                cell.border = BOX
            # Spreadsheet apps do not grow wrapped rows by themselves when printing.
            height = max(_lines(t, w) for t, w in zip(item.cells, WIDTHS, strict=True))
            sheet.row_dimensions[row].height = 12.5 * height + 3
        row += 1
    row += 1
    for index, line in enumerate(
        [
            f"Ditetapkan di {table.place}",
            f"pada tanggal {table.signed_on}",
            "",
            table.signatory_title.upper(),
            "",
            "",
            table.signatory.upper(),
        ]
    ):
        cell = sheet.cell(row=row + index, column=5, value=line)
        cell.font = Font(bold=index == 6)
    sheet.print_title_rows = f"{header_row}:{header_row + 1}"
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.freeze_panes = sheet.cell(row=header_row + 2, column=1)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
