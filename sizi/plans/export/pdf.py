"""The Lampiran as PDF: WeasyPrint from an HTML template, landscape, thead repeats."""

from __future__ import annotations

import logging

from django.template.loader import render_to_string

from sizi.plans.export.table import HEADERS, LampiranTable

# WeasyPrint logs every layout step at INFO; keep command output readable.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def render_pdf(table: LampiranTable, *, paper: str = "A4") -> bytes:
    """Return the Lampiran as PDF bytes (paper "A4" or "F4", landscape)."""
    from weasyprint import HTML

    html = render_to_string(
        "plans/export/lampiran.html",
        {"table": table, "headers": HEADERS, "numbers": range(1, 7), "paper": paper},
    )
    data: bytes = HTML(string=html).write_pdf()
    return data
