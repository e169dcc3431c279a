"""Export a plan in the decree's form (the Lampiran table) as DOCX, PDF or XLSX.

Every format is built from the same `LampiranTable` so that the three agree:
the decree's heading, the six columns NO / KOMPONEN / INDIKATOR / LANGKAH AKSI /
BUKTI FISIK / TARGET WAKTU with the number row 1..6 repeated on each page, the
area rows, and the signature block.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sizi.plans.export.docx import render_docx
from sizi.plans.export.pdf import render_pdf
from sizi.plans.export.table import LampiranTable, build_table
from sizi.plans.export.xlsx import render_xlsx
from sizi.plans.models import ActionPlan

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class ExportFile:
    filename: str
    content_type: str
    data: bytes


FORMAT_LABELS = {"docx": "DOCX", "pdf": "PDF", "xlsx": "XLSX"}


def _silent(percent: int, note: str) -> None:
    """Report nothing (the synchronous command)."""


def export_plan(
    plan: ActionPlan,
    fmt: str,
    *,
    paper: str = "A4",
    progress: Callable[[int, str], None] = _silent,
) -> ExportFile:
    """Render the plan in `fmt` ("docx", "pdf" or "xlsx"); `paper` A4 or F4 for PDF.

    `progress(percent, note)` hears how far the work is (a background job).
    """
    progress(10, "Menyusun tabel lampiran")
    table = build_table(plan)
    progress(40, f"Membuat berkas {FORMAT_LABELS.get(fmt, fmt)}")
    if fmt == "docx":
        data = render_docx(table)
    elif fmt == "xlsx":
        data = render_xlsx(table)
    elif fmt == "pdf":
        data = render_pdf(table, paper=paper)
    else:
        raise ValueError(f"Format tidak dikenal: {fmt}")
    name = f"rencana-aksi-{plan.unit.code}-{plan.year}.{fmt}"
    return ExportFile(name, FORMATS[fmt], data)


__all__ = [
    "FORMATS",
    "FORMAT_LABELS",
    "ExportFile",
    "LampiranTable",
    "build_table",
    "export_plan",
]
