"""The server-drawn charts: accessible SVG and a PNG of the same geometry."""

from __future__ import annotations

import io

from defusedxml import ElementTree as ET
from PIL import Image

from sizi.surveys import charts

SVG = "{http://www.w3.org/2000/svg}"


def _unsur() -> charts.Chart:
    return charts.score_chart(
        [
            charts.Bar("Persyaratan", 3.25),
            charts.Bar("Penanganan Pengaduan, Saran dan Masukan", 2.5, highlight=True),
            charts.Bar("Biaya/Tarif", None, note="kurang dari 5 responden"),
        ],
        title="Nilai rata-rata per unsur",
    )


def test_svg_has_title_description_and_every_value_as_text():
    svg = charts.to_svg(_unsur(), ident="unsur")
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "unsur-title unsur-desc"
    assert root.find(f"{SVG}title").text == "Nilai rata-rata per unsur"
    desc = root.find(f"{SVG}desc").text
    assert "Persyaratan: 3,25" in desc
    assert "Biaya/Tarif: kurang dari 5 responden" in desc
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "3,25" in texts and "2,50" in texts
    assert "kurang dari 5 responden" in texts


def test_bars_are_proportional_on_the_one_to_four_scale():
    chart = _unsur()
    rects = [s for s in chart.shapes if isinstance(s, charts.Rect)]
    span = charts.WIDTH - charts.RIGHT - charts.LABEL_W
    assert [round(r.w, 1) for r in rects] == [round(span * 2.25 / 3, 1), span / 2]
    assert rects[1].fill == charts.BAR_LOW  # the lowest unsur stands out


def test_labels_are_escaped():
    chart = charts.count_chart([charts.Bar("<b>&", 3)], title="A & B")
    svg = charts.to_svg(chart, ident="c")
    assert "<b>" not in svg and "&lt;b&gt;&amp;" in svg
    ET.fromstring(svg)


def test_count_chart_scale_reaches_the_largest_count():
    chart = charts.count_chart(
        [charts.Bar("Pendaftaran", 37), charts.Bar("Informasi", 12)], title="Layanan"
    )
    ticks = [
        s.text for s in chart.shapes if isinstance(s, charts.Text) and s.size == 11
    ]
    assert ticks[-1] == "40"


def test_trend_chart_writes_each_period_and_value():
    chart = charts.trend_chart(
        [charts.Point("2024", 80.5), charts.Point("2025", 88.9)], title="Tren IKM"
    )
    texts = [s.text for s in chart.shapes if isinstance(s, charts.Text)]
    assert {"2024", "2025", "80,50", "88,90"} <= set(texts)
    lines = [s for s in chart.shapes if isinstance(s, charts.Line) and s.width > 1]
    assert len(lines) == 1 and len(lines[0].points) == 2


def test_png_is_an_image_of_the_chart_size():
    chart = _unsur()
    image = Image.open(io.BytesIO(charts.to_png(chart, scale=2)))
    assert image.format == "PNG"
    assert image.size == (chart.width * 2, chart.height * 2)


def test_number_uses_indonesian_notation():
    assert charts.number(1234.5) == "1.234,50"
    assert charts.number(88.3, 0) == "88"
