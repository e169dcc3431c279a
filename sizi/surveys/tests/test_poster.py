"""The QR poster for the service counter."""

from __future__ import annotations

import urllib.parse

import pytest

from sizi.surveys.reports.poster import PosterData, qr_svg, render_poster
from sizi.surveys.tests.pdftext import pdf_text

URL = "https://sizi.example/s/AbCdEf12/"


def test_qr_is_an_svg_data_uri():
    uri = qr_svg(URL)
    assert uri.startswith("data:image/svg+xml")
    svg = urllib.parse.unquote(uri.split(",", 1)[1])
    assert "<svg" in svg and "<path" in svg


@pytest.mark.django_db
def test_poster_pdf_names_the_unit_and_the_link():
    pdf = render_poster(
        PosterData("KPU Kab. Tanjung Jabung Barat", "SKM", "SKM 2026", URL, "")
    )
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "KPU Kab. Tanjung Jabung Barat" in text
    assert URL in text
