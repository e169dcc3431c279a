"""The QR poster for the service counter: one A4 page, PDF by WeasyPrint."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import segno
from django.template.loader import render_to_string

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


@dataclass(frozen=True)
class PosterData:
    """What the poster says: who asks, about what, and where to answer."""

    unit_name: str
    instrument_name: str
    period_label: str
    url: str
    closes_on: str


def qr_svg(url: str) -> str:
    """Return the QR code of `url` as an SVG data URI (error correction M)."""
    code = segno.make(url, error="m", micro=False)
    data_uri: str = code.svg_data_uri(scale=10, border=2, dark="#000", light="#fff")
    return data_uri


def render_poster(data: PosterData) -> bytes:
    """Return the poster as PDF bytes."""
    from weasyprint import HTML

    html = render_to_string(
        "surveys/reports/poster.html", {"poster": data, "qr": qr_svg(data.url)}
    )
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
