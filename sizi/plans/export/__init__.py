"""Export a plan in the decree's form (the Lampiran table) as DOCX, PDF or XLSX.

Every format is built from the same `LampiranTable` so that the three agree:
the decree's heading, the six columns NO / KOMPONEN / INDIKATOR / LANGKAH AKSI /
BUKTI FISIK / TARGET WAKTU with the number row 1..6 repeated on each page, the
area rows, and the signature block.
"""

from __future__ import annotations

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


def export_plan(plan: ActionPlan, fmt: str, *, paper: str = "A4") -> ExportFile:
    """Render the plan in `fmt` ("docx", "pdf" or "xlsx"); `paper` A4 or F4 for PDF."""
    table = build_table(plan)
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


__all__ = ["FORMATS", "ExportFile", "LampiranTable", "build_table", "export_plan"]
