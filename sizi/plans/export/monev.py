"""The Laporan Monev of a plan as PDF (WeasyPrint) or XLSX (openpyxl).

Both formats are rendered from the same `MonevReport` rows: the summary per
area, the steps per area (status, target and realisation, evidence,
follow-ups) and the monev meetings of the period.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from sizi.plans.export import FORMATS, ExportFile
from sizi.plans.models import ActionPlan
from sizi.plans.monev_report import (
    AreaSummary,
    MonevPeriod,
    MonevReport,
    load_report,
)

MONEV_FORMATS = {"pdf": "PDF", "xlsx": "XLSX"}
SUMMARY_HEADERS = [
    "Area perubahan",
    "Langkah aksi",
    "Selesai",
    "Terlambat",
    "Sesuai jadwal",
    "Ada realisasi dalam periode",
    "Realisasi (%)",
]
STEP_HEADERS = [
    "No",
    "Area perubahan",
    "Komponen",
    "Langkah aksi",
    "PIC",
    "Target waktu",
    "Status",
    "Realisasi (%)",
    "Realisasi dalam periode",
    "Bukti fisik",
    "Nama bukti",
    "Tindak lanjut",
]
STEP_WIDTHS = [5, 24, 24, 40, 18, 16, 12, 10, 40, 18, 32, 40]
MEETING_HEADERS = ["Tanggal", "Rapat", "Tindak lanjut", "Selesai"]
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
HEAD_FILL = PatternFill("solid", fgColor="D9D9D9")


def _silent(percent: int, note: str) -> None:
    """Report nothing (a synchronous caller)."""


def monev_filename(plan: ActionPlan, period: MonevPeriod, fmt: str) -> str:
    return f"laporan-monev-{plan.unit.code}-{plan.year}-{period.key}.{fmt}"


def render_monev_pdf(report: MonevReport) -> bytes:
    """Return the report as PDF bytes (A4 landscape, table heads repeat)."""
    # Imported here on purpose, as in `export.pdf`: WeasyPrint loads slowly.
    from weasyprint import HTML

    html = render_to_string(
        "plans/export/monev_report.html",
        {"report": report, "summary_headers": SUMMARY_HEADERS},
    )
    data: bytes = HTML(string=html).write_pdf()
    return data


def _summary_cells(summary: AreaSummary) -> list[object]:
    return [
        summary.label,
        summary.steps,
        summary.done,
        summary.late,
        summary.on_track,
        summary.realised,
        summary.progress,
    ]


def _header(sheet: Worksheet, row: int, headers: list[str]) -> None:
    for column, label in enumerate(headers, 1):
        cell = sheet.cell(row=row, column=column, value=label)
        cell.font = Font(bold=True)
        cell.fill = HEAD_FILL
        cell.border = BOX
        cell.alignment = WRAP


def _body(
    sheet: Worksheet, row: int, values: list[object], *, bold: bool = False
) -> None:
    for column, value in enumerate(values, 1):
        cell = sheet.cell(row=row, column=column, value=value)
        cell.border = BOX
        cell.alignment = WRAP
        cell.font = Font(bold=bold)


def _title(sheet: Worksheet, report: MonevReport) -> int:
    lines = [
        ("LAPORAN MONITORING DAN EVALUASI RENCANA AKSI ZONA INTEGRITAS", True),
        (f"{report.unit_name} · Tahun {report.year}", True),
        (f"Periode: {report.period.label} ({report.period.span})", False),
        (f"Keadaan per {report.as_of_label}", False),
    ]
    for row, (text, bold) in enumerate(lines, 1):
        sheet.cell(row=row, column=1, value=text).font = Font(bold=bold)
    return len(lines) + 2


def render_monev_xlsx(report: MonevReport) -> bytes:
    """Return the report as XLSX: sheets Ringkasan, Langkah aksi, Rapat monev."""
    book = Workbook()
    summary = book.worksheets[0]
    summary.title = "Ringkasan"
    row = _title(summary, report)
    _header(summary, row, SUMMARY_HEADERS)
    for section in report.sections:
        row += 1
        _body(summary, row, _summary_cells(section.summary))
    _body(summary, row + 1, _summary_cells(report.total), bold=True)
    summary.column_dimensions["A"].width = 48
    for letter in "BCDEFG":
        summary.column_dimensions[letter].width = 14

    steps = book.create_sheet("Langkah aksi")
    row = _title(steps, report)
    _header(steps, row, STEP_HEADERS)
    steps.print_title_rows = f"{row}:{row}"
    steps.freeze_panes = steps.cell(row=row + 1, column=1)
    for section in report.sections:
        for item in section.rows:
            row += 1
            _body(
                steps,
                row,
                [
                    item.number,
                    section.summary.label,
                    item.component,
                    item.text,
                    item.owners,
                    item.target,
                    item.status,
                    item.progress,
                    "\n".join(item.realisations) or "—",
                    item.evidence_summary,
                    "\n".join(item.evidence_titles) or "—",
                    "\n".join(item.follow_ups) or "—",
                ],
            )
    for index, width in enumerate(STEP_WIDTHS):
        steps.column_dimensions[chr(ord("A") + index)].width = width
    setup = steps.page_setup
    setup.orientation = "landscape"
    setup.paperSize = steps.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    steps.sheet_properties.pageSetUpPr.fitToPage = True

    meetings = book.create_sheet("Rapat monev")
    row = _title(meetings, report)
    _header(meetings, row, MEETING_HEADERS)
    for meeting in report.meetings:
        row += 1
        _body(
            meetings,
            row,
            [
                meeting.held_label,
                meeting.title,
                meeting.follow_up_count,
                meeting.done_count,
            ],
        )
    meetings.column_dimensions["A"].width = 20
    meetings.column_dimensions["B"].width = 48
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_monev_report(
    plan: ActionPlan,
    period: MonevPeriod,
    fmt: str,
    *,
    progress: Callable[[int, str], None] = _silent,
) -> ExportFile:
    """Render the plan's Laporan Monev of `period` as "pdf" or "xlsx"."""
    if fmt not in MONEV_FORMATS:
        raise ValueError(f"Format tidak dikenal: {fmt}")
    progress(10, "Membaca langkah aksi, realisasi, bukti dan tindak lanjut")
    report = load_report(plan, period)
    progress(50, f"Membuat berkas {MONEV_FORMATS[fmt]}")
    data = render_monev_pdf(report) if fmt == "pdf" else render_monev_xlsx(report)
    return ExportFile(monev_filename(plan, period, fmt), FORMATS[fmt], data)
