"""The WBS in numbers: counts for leaders and the P.5.iv recap filed as bukti fisik.

Only counts leave the channel: by category, by status, and the days from
receipt to the first response and to closing. No report text, no date finer
than the month, no name. A category with one report in a year is still shown
as a count (the category alone names no one).
"""

from __future__ import annotations

import logging
import statistics
from dataclasses import dataclass
from datetime import date

from django.db.models import Count
from django.template.loader import render_to_string

from sizi.cases.wbs.models import WbsOfficer, WhistleblowReport
from sizi.evidence.models import Evidence
from sizi.evidence.services import GeneratedDocument, file_generated_document
from sizi.units.models import Unit, User

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

RECAP_QUESTIONS = ("P.5.iv.a", "P.5.iv.b", "P.5.iv.c")


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int


@dataclass(frozen=True)
class WbsCounts:
    """Aggregate, non-identifying numbers of one unit's channel (one year or all)."""

    year: int | None
    total: int
    open: int
    by_status: tuple[CountRow, ...]
    by_category: tuple[CountRow, ...]
    median_days_to_response: float | None
    median_days_to_close: float | None
    handlers: int
    custodians: int


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def counts_for(unit: Unit, year: int | None = None) -> WbsCounts:
    """Return the channel's counts (three queries, whatever the number of reports)."""
    reports = WhistleblowReport.objects.filter(unit=unit)
    if year is not None:
        reports = reports.filter(submitted_on__year=year)
    status_counts = dict(
        reports.values_list("status").annotate(n=Count("id")).order_by()
    )
    category_counts = dict(
        reports.values_list("category").annotate(n=Count("id")).order_by()
    )
    dates = list(reports.values_list("submitted_on", "first_response_on", "closed_on"))
    officers = dict(
        WbsOfficer.objects.filter(unit=unit, user__is_active=True)
        .values_list("role")
        .annotate(n=Count("id"))
        .order_by()
    )
    closed = {str(s) for s in WhistleblowReport.CLOSED_STATUSES}
    return WbsCounts(
        year=year,
        total=sum(status_counts.values()),
        open=sum(n for s, n in status_counts.items() if s not in closed),
        by_status=tuple(
            CountRow(label, status_counts.get(value, 0))
            for value, label in WhistleblowReport.Status.choices
        ),
        by_category=tuple(
            CountRow(label, category_counts.get(value, 0))
            for value, label in WhistleblowReport.Category.choices
        ),
        median_days_to_response=_median(
            [(r - s).days for s, r, _ in dates if r is not None]
        ),
        median_days_to_close=_median(
            [(c - s).days for s, _, c in dates if c is not None]
        ),
        handlers=officers.get(WbsOfficer.Role.HANDLER, 0),
        custodians=officers.get(WbsOfficer.Role.CUSTODIAN, 0),
    )


def render_recap_pdf(unit: Unit, counts: WbsCounts, on: date) -> bytes:
    """Return the recap as a PDF (WeasyPrint from an HTML template)."""
    from weasyprint import HTML

    html = render_to_string(
        "cases/wbs_recap_pdf.html", {"unit": unit, "counts": counts, "on": on}
    )
    data: bytes = HTML(string=html).write_pdf()
    return data


def file_recap(unit: Unit, year: int, *, by: User, on: date) -> Evidence:
    """File the year's recap into the evidence library (a revision when refreshed)."""
    counts = counts_for(unit, year)
    document = GeneratedDocument(
        source=f"cases.wbs_recap:{year}",
        title=f"Rekap penanganan laporan WBS tahun {year}",
        filename=f"rekap-wbs-{unit.code}-{year}.pdf",
        content=render_recap_pdf(unit, counts, on),
        document_date=on,
        description=(
            "Rekap agregat saluran WBS (jumlah per kategori dan status, waktu "
            "tanggapan dan penyelesaian), tanpa isi laporan atau identitas."
        ),
        period=str(year),
        questions=RECAP_QUESTIONS,
    )
    return file_generated_document(unit, document, by=by)
