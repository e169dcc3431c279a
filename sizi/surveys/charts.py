"""Survey charts drawn on the server: one geometry, rendered as SVG or PNG.

Each chart is built once as a :class:`Chart` (rectangles, lines and texts on a
fixed canvas) and then written out as an SVG string for the pages and the PDF,
or as a PNG for the Word report (python-docx cannot embed SVG). Every chart
carries a title and a text description, and every bar and point its value as
text, so nothing is said by colour alone. No Django here: the callers pass
plain labels and numbers.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

INK = "#1d2430"
MUTED = "#5a6577"
GRID = "#d9dee6"
BAR = "#0b5c8a"
BAR_LOW = "#a3231b"
FONT = "DejaVu Sans, Segoe UI, Roboto, sans-serif"

WIDTH = 640
LABEL_W = 250
ROW_H = 34
TOP = 44
BOTTOM = 30
RIGHT = 64


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value, and an optional note shown after it."""

    label: str
    value: float | None
    note: str = ""
    highlight: bool = False


@dataclass(frozen=True)
class Point:
    """One point of a trend line (a period and its value)."""

    label: str
    value: float


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str


@dataclass(frozen=True)
class Line:
    points: tuple[tuple[float, float], ...]
    stroke: str
    width: float = 1.0


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    anchor: str = "start"  # start, middle or end
    size: int = 12
    bold: bool = False
    fill: str = INK


Shape = Rect | Line | Text


@dataclass(frozen=True)
class Chart:
    """A chart ready to render: canvas size, accessible title and description."""

    width: int
    height: int
    title: str
    description: str
    shapes: tuple[Shape, ...]


def number(value: float, digits: int = 2) -> str:
    """Write a number the Indonesian way (decimal comma, dot for thousands)."""
    text = f"{value:,.{digits}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def _label_lines(label: str, width: int = 36) -> list[str]:
    lines = textwrap.wrap(label, width) or [""]
    if len(lines) > 2:
        lines = [
            lines[0],
            textwrap.shorten(" ".join(lines[1:]), width, placeholder="…"),
        ]
    return lines


def _row_label(y: float, label: str) -> list[Shape]:
    lines = _label_lines(label)
    first = y + ROW_H / 2 + 4 - (len(lines) - 1) * 7
    return [
        Text(LABEL_W - 8, first + i * 14, line, anchor="end")
        for i, line in enumerate(lines)
    ]


def _scale_ticks(
    low: float, high: float, ticks: Sequence[float], bottom: float
) -> list[Shape]:
    span = WIDTH - RIGHT - LABEL_W
    shapes: list[Shape] = []
    for tick in ticks:
        x = LABEL_W + (tick - low) / (high - low) * span
        shapes.append(Line(((x, TOP - 6), (x, bottom)), GRID))
        digits = 0 if float(tick).is_integer() else 1
        shapes.append(
            Text(x, bottom + 16, number(tick, digits), "middle", 11, fill=MUTED)
        )
    return shapes


def _bars(
    bars: Sequence[Bar],
    *,
    title: str,
    low: float,
    high: float,
    ticks: Sequence[float],
    digits: int,
    unit_note: str,
) -> Chart:
    height = TOP + ROW_H * max(len(bars), 1) + BOTTOM
    bottom = height - BOTTOM
    span = WIDTH - RIGHT - LABEL_W
    shapes: list[Shape] = [Text(0, 18, title, size=14, bold=True)]
    shapes += _scale_ticks(low, high, ticks, bottom)
    said: list[str] = []
    for index, bar in enumerate(bars):
        y = TOP + index * ROW_H
        shapes += _row_label(y, bar.label)
        if bar.value is None:
            text = bar.note or "tidak ditampilkan"
            shapes.append(Text(LABEL_W + 6, y + ROW_H / 2 + 4, text, fill=MUTED))
            said.append(f"{bar.label}: {text}")
            continue
        share = (min(max(bar.value, low), high) - low) / (high - low)
        fill = BAR_LOW if bar.highlight else BAR
        shapes.append(Rect(LABEL_W, y + 6, max(share * span, 1.5), ROW_H - 12, fill))
        value = number(bar.value, digits)
        if bar.note:
            value = f"{value} {bar.note}"
        shapes.append(Text(LABEL_W + share * span + 6, y + ROW_H / 2 + 4, value))
        said.append(f"{bar.label}: {value}")
    description = f"{title} ({unit_note}). " + "; ".join(said) + "."
    return Chart(WIDTH, height, title, description, tuple(shapes))


def score_chart(bars: Sequence[Bar], *, title: str, high: float = 4.0) -> Chart:
    """Horizontal bars of NRR per unsur on the 1–4 scale (or 0–``high``)."""
    low = 1.0 if high == 4.0 else 0.0
    ticks = [1.0, 2.0, 3.0, 4.0] if high == 4.0 else [0, high / 2, high]
    note = "skala 1–4" if high == 4.0 else f"skala 0–{number(high, 0)}"
    return _bars(
        bars, title=title, low=low, high=high, ticks=ticks, digits=2, unit_note=note
    )


def count_chart(bars: Sequence[Bar], *, title: str) -> Chart:
    """Horizontal bars of counts (respondents per layanan or per group)."""
    top = max([b.value or 0 for b in bars] + [1])
    step = _nice_step(top)
    high = step * -(-top // step)
    ticks = [step * i for i in range(int(high // step) + 1)]
    return _bars(
        bars,
        title=title,
        low=0,
        high=high,
        ticks=ticks,
        digits=0,
        unit_note="jumlah responden",
    )


def _nice_step(top: float) -> float:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if top / step <= 5:
            return float(step)
    return float(10 ** len(str(int(top))) // 4)


def trend_chart(
    points: Sequence[Point], *, title: str, low: float = 25, high: float = 100
) -> Chart:
    """A line of an index across periods, with each value written at its point."""
    height = 260
    left, right, top, bottom = 48, WIDTH - 24, TOP, height - 44
    shapes: list[Shape] = [Text(0, 18, title, size=14, bold=True)]
    for tick in _even_ticks(low, high):
        y = bottom - (tick - low) / (high - low) * (bottom - top)
        shapes.append(Line(((left, y), (right, y)), GRID))
        shapes.append(Text(left - 6, y + 4, number(tick, 0), "end", 11, fill=MUTED))
    count = len(points)
    gap = (right - left) / count if count else 0
    coords: list[tuple[float, float]] = []
    for index, point in enumerate(points):
        x = left + gap * (index + 0.5)
        value = min(max(point.value, low), high)
        y = bottom - (value - low) / (high - low) * (bottom - top)
        coords.append((x, y))
        shapes.append(Rect(x - 4, y - 4, 8, 8, BAR))
        shapes.append(Text(x, y - 10, number(point.value), "middle", 12, bold=True))
        shapes.append(Text(x, bottom + 18, point.label, "middle", 11, fill=MUTED))
    if len(coords) > 1:
        shapes.append(Line(tuple(coords), BAR, 2.5))
    said = "; ".join(f"{p.label}: {number(p.value)}" for p in points)
    description = f"{title}. " + (said or "Belum ada periode.") + "."
    return Chart(WIDTH, height, title, description, tuple(shapes))


def _even_ticks(low: float, high: float) -> list[float]:
    step = (high - low) / 3
    return [low + step * i for i in range(4)]


def to_svg(chart: Chart, *, ident: str) -> str:
    """Return the chart as an inline SVG element (scales to its container)."""
    title_id, desc_id = f"{ident}-title", f"{ident}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {chart.width} {chart.height}" '
        f'width="{chart.width}" height="{chart.height}" '
        f'aria-labelledby="{title_id} {desc_id}" '
        f'font-family="{FONT}" font-size="12">',
        f'<title id="{title_id}">{escape(chart.title)}</title>',
        f'<desc id="{desc_id}">{escape(chart.description)}</desc>',
    ]
    for shape in chart.shapes:
        parts.append(_svg_shape(shape))
    parts.append("</svg>")
    return "".join(parts)


def _svg_shape(shape: Shape) -> str:
    if isinstance(shape, Rect):
        return (
            f'<rect x="{shape.x:.1f}" y="{shape.y:.1f}" width="{shape.w:.1f}" '
            f'height="{shape.h:.1f}" fill="{shape.fill}"/>'
        )
    if isinstance(shape, Line):
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in shape.points)
        return (
            f'<polyline points="{points}" fill="none" stroke="{shape.stroke}" '
            f'stroke-width="{shape.width}"/>'
        )
    weight = ' font-weight="bold"' if shape.bold else ""
    return (
        f'<text x="{shape.x:.1f}" y="{shape.y:.1f}" text-anchor="{shape.anchor}" '
        f'font-size="{shape.size}" fill="{shape.fill}"{weight}>'
        f"{escape(shape.text)}</text>"
    )


def to_png(chart: Chart, *, scale: int = 2) -> bytes:
    """Return the chart as PNG bytes (for the Word report), drawn with Pillow."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (chart.width * scale, chart.height * scale), "white")
    draw = ImageDraw.Draw(image)
    fonts: dict[int, ImageFont.FreeTypeFont | ImageFont.ImageFont] = {}

    def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
        if size not in fonts:
            fonts[size] = ImageFont.load_default(size * scale)
        return fonts[size]

    for shape in chart.shapes:
        if isinstance(shape, Rect):
            box = (shape.x, shape.y, shape.x + shape.w, shape.y + shape.h)
            draw.rectangle([v * scale for v in box], fill=shape.fill)
        elif isinstance(shape, Line):
            points = [(x * scale, y * scale) for x, y in shape.points]
            draw.line(points, fill=shape.stroke, width=max(1, int(shape.width * scale)))
        else:
            anchor = {"start": "ls", "middle": "ms", "end": "rs"}[shape.anchor]
            draw.text(
                (shape.x * scale, shape.y * scale),
                shape.text,
                fill=shape.fill,
                font=font(shape.size),
                anchor=anchor,
                stroke_width=1 if shape.bold else 0,
                stroke_fill=shape.fill,
            )
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
