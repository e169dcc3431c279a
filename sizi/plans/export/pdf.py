"""The Lampiran as PDF: WeasyPrint from an HTML template, landscape, thead repeats."""

from __future__ import annotations

import logging
from typing import Any

from django.template.loader import render_to_string

from sizi.plans.export.table import HEADERS, LampiranTable

# WeasyPrint logs every layout step at INFO; keep command output readable.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def layout(table: LampiranTable, *, paper: str = "A4") -> Any:
    """Return the laid-out WeasyPrint document (pages) of the Lampiran."""
    # Imported here on purpose: WeasyPrint needs Pango and loads for about a
    # second, which only a PDF export should pay, not every process start.
    from weasyprint import HTML

    html = render_to_string(
        "plans/export/lampiran.html",
        {"table": table, "headers": HEADERS, "numbers": range(1, 7), "paper": paper},
    )
    return HTML(string=html).render()


def render_pdf(table: LampiranTable, *, paper: str = "A4") -> bytes:
    """Return the Lampiran as PDF bytes (paper "A4" or "F4", landscape)."""
    data: bytes = layout(table, paper=paper).write_pdf()
    return data
