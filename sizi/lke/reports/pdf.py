"""The LHE as PDF: WeasyPrint from an HTML template (run as a background job)."""

from __future__ import annotations

import logging

from django.template.loader import render_to_string

from sizi.lke.reports.content import ReportContent

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def render_pdf(content: ReportContent) -> bytes:
    """Return the LHE as PDF bytes (A4 portrait)."""
    # Imported here: WeasyPrint loads for about a second; only a PDF pays it.
    from weasyprint import HTML

    html = render_to_string("lke/lhe.html", {"report": content})
    data: bytes = HTML(string=html).write_pdf()
    return data
