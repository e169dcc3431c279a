"""The charts of a period's results, built once for the page, the PDF and the DOCX.

Takes the typed rows of `sizi.surveys.results` and returns `charts.Chart`
objects; the caller renders them as SVG (pages, PDF) or PNG (Word).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sizi.surveys import charts
from sizi.surveys.results import DemographicRow, ItemRow, ServiceRow, TrendPoint


@dataclass(frozen=True)
class Figure:
    """A chart with a stable id (for SVG ids and file names)."""

    ident: str
    chart: charts.Chart

    @property
    def svg(self) -> str:
        return charts.to_svg(self.chart, ident=self.ident)


def items_figure(items: Sequence[ItemRow], *, index_name: str) -> Figure:
    """Bars of NRR per unsur on the 1–4 scale; the lowest unsur stands out."""
    bars = [
        charts.Bar(
            f"{row.code} {row.name}",
            float(row.nrr) if row.nrr is not None else None,
            note="(terendah)" if row.is_lowest else "",
            highlight=row.is_lowest,
        )
        for row in items
    ]
    title = "Nilai rata-rata per unsur" if index_name == "IKM" else "Nilai per aspek"
    return Figure("fig-unsur", charts.score_chart(bars, title=title))


def trend_figure(points: Sequence[TrendPoint], *, index_name: str) -> Figure | None:
    """A line of the index (×25) across the unit's periods; None below two periods."""
    shown = [p for p in points if p.converted is not None]
    if len(shown) < 2:
        return None
    return Figure(
        "fig-tren",
        charts.trend_chart(
            [charts.Point(p.title, float(p.converted or 0)) for p in shown],
            title=f"Tren {index_name} (skala 25–100)",
        ),
    )


def services_figure(services: Sequence[ServiceRow]) -> Figure | None:
    """Bars of respondents per layanan."""
    if not services:
        return None
    bars = [charts.Bar(s.name, float(s.respondents)) for s in services]
    return Figure(
        "fig-layanan", charts.count_chart(bars, title="Responden per layanan")
    )


def demographic_figures(rows: Sequence[DemographicRow]) -> list[Figure]:
    """One bar chart of respondents per group for each demographic field."""
    figures = []
    for row in rows:
        if not row.counts:
            continue
        bars = [charts.Bar(c.label, float(c.count)) for c in row.counts]
        figures.append(
            Figure(f"fig-{row.code}", charts.count_chart(bars, title=row.label))
        )
    return figures
