"""Reads of the integrity registers that pages, exports and the LKE share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count

from sizi.integrity import gratification_rules as rules
from sizi.integrity.compliance import Figures, figures
from sizi.integrity.models import GratificationReport, WealthReportCompliance
from sizi.integrity.recap import Recap, RecapInput, build_recap
from sizi.units.models import Unit

QUARTER_NAMES = {1: "Triwulan I", 2: "Triwulan II", 3: "Triwulan III", 4: "Triwulan IV"}


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str
    code: str


def period(year: int, quarter: int = 0) -> Period:
    """Return a year (quarter 0) or one of its quarters."""
    if not quarter:
        return Period(date(year, 1, 1), date(year, 12, 31), f"Tahun {year}", str(year))
    first = 3 * (quarter - 1) + 1
    end_month = first + 2
    end = date(year, end_month, {3: 31, 6: 30, 9: 30, 12: 31}[end_month])
    return Period(
        date(year, first, 1),
        end,
        f"{QUARTER_NAMES[quarter]} Tahun {year}",
        f"{year}-Q{quarter}",
    )


def gratification_recap(unit: Unit, when: Period) -> Recap:
    """Return the UPG report's recap of reports received in the period (one query)."""
    rows = GratificationReport.objects.filter(
        unit=unit, received_on__range=(when.start, when.end)
    ).values_list("kind", "gift_type", "status", "estimated_value")
    return build_recap(
        (RecapInput(k, t, s, v) for k, t, s, v in rows),
        title="Laporan Unit Pengendalian Gratifikasi",
        period=when.label,
        kinds=GratificationReport.Kind.choices,
        types=GratificationReport.GiftType.choices,
        statuses=GratificationReport.Status.choices,
        bounds=rules.value_bands(),
    )


@dataclass(frozen=True)
class StatusCount:
    label: str
    count: int


def gratification_counts(unit: Unit) -> list[StatusCount]:
    """Return the number of reports per status (for leaders: counts, never rows)."""
    counts = dict(
        GratificationReport.objects.filter(unit=unit)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return [
        StatusCount(label, counts.get(code, 0))
        for code, label in GratificationReport.Status.choices
    ]


@dataclass(frozen=True)
class WealthSummary:
    year: int
    lhkpn: Figures
    lhkasn: Figures
    not_obliged: int
    listed: int


def wealth_summary(unit: Unit, year: int) -> WealthSummary:
    """Return who must report and who has, per report type, for the year (one query)."""
    rows = list(
        WealthReportCompliance.objects.filter(unit=unit, year=year).values_list(
            "obligation", "reported_on"
        )
    )
    flags = [(kind, reported is not None) for kind, reported in rows]
    Obligation = WealthReportCompliance.Obligation
    return WealthSummary(
        year=year,
        lhkpn=figures(flags, Obligation.LHKPN),
        lhkasn=figures(flags, Obligation.LHKASN),
        not_obliged=sum(1 for kind, _ in flags if kind == Obligation.NONE),
        listed=len(rows),
    )
