"""The survey report as PDF: WeasyPrint from an HTML template, charts as inline SVG."""

from __future__ import annotations

import logging

from django.template.loader import render_to_string

from sizi.surveys.reports.content import Report

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def render_html(report: Report) -> str:
    """Return the report as a standalone HTML page (the PDF's source)."""
    return render_to_string("surveys/reports/report.html", {"report": report})


def render_pdf(report: Report) -> bytes:
    """Return the report as PDF bytes (A4 portrait)."""
    from weasyprint import HTML

    pdf: bytes = HTML(string=render_html(report)).write_pdf()
    return pdf
