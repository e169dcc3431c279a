"""The periodic UPG report as PDF and XLSX."""

from __future__ import annotations

import io
import logging

from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from sizi.core.spreadsheets import set_text
from sizi.integrity.recap import Recap, RecapRow

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _sections(recap: Recap) -> list[tuple[str, list[RecapRow]]]:
    return [
        ("Menurut jenis laporan", recap.by_kind),
        ("Menurut jenis penerimaan", recap.by_type),
        ("Menurut rentang nilai", recap.by_band),
        ("Menurut status penanganan", recap.by_status),
    ]


def render_pdf(recap: Recap, *, unit_name: str) -> bytes:
    """Return the UPG report as PDF bytes."""
    from weasyprint import HTML

    html = render_to_string(
        "integrity/export/upg_report.html",
        {"recap": recap, "unit_name": unit_name, "sections": _sections(recap)},
    )
    data: bytes = HTML(string=html).write_pdf()
    return data


def render_xlsx(recap: Recap, *, unit_name: str) -> bytes:
    """Return the UPG report as XLSX bytes (one sheet, one table per section)."""
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = "Laporan UPG"
    sheet.column_dimensions["A"].width = 48
    sheet.column_dimensions["B"].width = 12
    sheet.column_dimensions["C"].width = 20
    set_text(sheet.cell(row=1, column=1), recap.title).font = Font(bold=True, size=12)
    set_text(sheet.cell(row=2, column=1), unit_name)
    set_text(sheet.cell(row=3, column=1), f"Periode: {recap.period}")
    row = 5
    fill = PatternFill("solid", fgColor="D9D9D9")
    for heading, rows in [*_sections(recap), ("Seluruh laporan", [recap.total])]:
        for column, label in enumerate((heading, "Jumlah laporan", "Nilai (Rp)"), 1):
            cell = set_text(sheet.cell(row=row, column=column), label)
            cell.font = Font(bold=True)
            cell.fill = fill
            cell.border = BOX
            cell.alignment = Alignment(wrap_text=True)
        row += 1
        for item in rows:
            set_text(sheet.cell(row=row, column=1), item.label).border = BOX
            sheet.cell(row=row, column=2, value=item.count).border = BOX
            value = sheet.cell(row=row, column=3, value=int(item.value))
            value.number_format = "#,##0"
            value.border = BOX
            row += 1
        row += 1
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
