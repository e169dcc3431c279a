"""The complaint recap of a period: counts, time to close, the LKE R.5.ii numbers.

Counts only (no names, no complaint text). Rendered as PDF (WeasyPrint) and
XLSX (openpyxl) and filed as bukti fisik for P.5.iii and R.5.ii through
`file_generated_document` (one item per unit and period; a revision when the
numbers change).

R.5.ii (decided, see docs/saluran-publik.md): *harus ditindaklanjuti* is every
complaint received in the period except those classified bukan wewenang;
*selesai* those of them with a tindak lanjut (ditindaklanjuti or selesai);
*sedang diproses* the rest.
"""

from __future__ import annotations

import io
import logging
import statistics
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format

from sizi.cases.complaints.models import Complaint
from sizi.core.spreadsheets import set_text
from sizi.core.workcalendar import WorkCalendar
from sizi.core.workdays import current_calendar
from sizi.evidence.models import Evidence
from sizi.evidence.services import GeneratedDocument, file_generated_document
from sizi.units.models import Unit, User

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

RECAP_QUESTIONS = ("P.5.iii.b", "P.5.iii.c", "R.5.ii.-")
DONE = (Complaint.Status.ANSWERED, Complaint.Status.CLOSED)


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int


@dataclass(frozen=True)
class ComplaintRecap:
    """The numbers of one unit's complaints received in [start, end]."""

    start: date
    end: date
    total: int
    by_channel: tuple[CountRow, ...]
    by_category: tuple[CountRow, ...]
    by_status: tuple[CountRow, ...]
    must_follow_up: int
    in_progress: int
    followed_up: int
    closed: int
    median_days_to_follow_up: float | None
    median_days_to_close: float | None

    @property
    def period_label(self) -> str:
        if self.start == date(self.start.year, 1, 1) and self.end == date(
            self.start.year, 12, 31
        ):
            return f"Tahun {self.start.year}"
        return (
            f"{date_format(self.start, 'j F Y')} s.d. {date_format(self.end, 'j F Y')}"
        )

    @property
    def percentage(self) -> float:
        """R.5.ii: selesai ÷ harus, at most 1 (1 when nothing had to be done)."""
        if not self.must_follow_up:
            return 1.0
        return min(1.0, self.followed_up / self.must_follow_up)


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    return (
        timezone.make_aware(datetime.combine(start, time.min)),
        timezone.make_aware(datetime.combine(end, time.max)),
    )


def _rows(
    counts: dict[str, int], choices: list[tuple[str, str]]
) -> tuple[CountRow, ...]:
    return tuple(CountRow(label, counts.get(value, 0)) for value, label in choices)


def _median(
    pairs: list[tuple[datetime, datetime | None]], calendar: WorkCalendar
) -> float | None:
    values = [calendar.count(a, b) for a, b in pairs if b is not None]
    return float(statistics.median(values)) if values else None


def recap_for(unit: Unit, start: date, end: date) -> ComplaintRecap:
    """Count the unit's complaints received in the period (five queries)."""
    low, high = _bounds(start, end)
    period = Complaint.objects.filter(unit=unit, received_at__range=(low, high))

    def grouped(field: str) -> dict[str, int]:
        return dict(period.values_list(field).annotate(n=Count("pk")).order_by())

    by_status = grouped("status")
    must = period.exclude(category=Complaint.Category.NOT_OUR_MATTER)
    followed = must.filter(status__in=DONE).count()
    must_count = must.count()
    times = list(period.values_list("received_at", "answered_at", "closed_at"))
    calendar = current_calendar()
    return ComplaintRecap(
        start=start,
        end=end,
        total=sum(by_status.values()),
        by_channel=_rows(grouped("channel"), Complaint.Channel.choices),
        by_category=_rows(grouped("category"), Complaint.Category.choices),
        by_status=_rows(by_status, Complaint.Status.choices),
        must_follow_up=must_count,
        in_progress=must_count - followed,
        followed_up=followed,
        closed=by_status.get(Complaint.Status.CLOSED, 0),
        median_days_to_follow_up=_median([(r, a) for r, a, _ in times], calendar),
        median_days_to_close=_median([(r, c) for r, _, c in times], calendar),
    )


def render_pdf(unit: Unit, recap: ComplaintRecap, on: date) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "cases/complaint_recap_pdf.html", {"unit": unit, "recap": recap, "on": on}
    )
    data: bytes = HTML(string=html).write_pdf()
    return data


def render_xlsx(unit: Unit, recap: ComplaintRecap) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Rekap pengaduan"
    lines: list[tuple[str, object]] = [
        ("Rekap pengaduan masyarakat", ""),
        ("Unit", unit.name),
        ("Periode", recap.period_label),
        ("Jumlah pengaduan", recap.total),
        ("", ""),
        ("LKE R.5.ii", ""),
        ("Jumlah pengaduan yang harus ditindaklanjuti", recap.must_follow_up),
        ("Jumlah pengaduan yang sedang diproses", recap.in_progress),
        ("Jumlah pengaduan yang selesai ditindaklanjuti", recap.followed_up),
        ("Persentase penanganan", round(recap.percentage * 100, 2)),
        (
            "Median hari kerja sampai tindak lanjut",
            recap.median_days_to_follow_up or "",
        ),
        ("Median hari kerja sampai selesai", recap.median_days_to_close or ""),
    ]
    for title, rows in (
        ("Menurut saluran", recap.by_channel),
        ("Menurut klasifikasi", recap.by_category),
        ("Menurut status", recap.by_status),
    ):
        lines.append(("", ""))
        lines.append((title, ""))
        lines.extend((row.label, row.count) for row in rows)
    for index, (label, value) in enumerate(lines, start=1):
        set_text(sheet.cell(row=index, column=1), label)
        cell = sheet.cell(row=index, column=2)
        if isinstance(value, str):
            set_text(cell, value)
        else:
            cell.value = value
    sheet.column_dimensions["A"].width = 50
    sheet.column_dimensions["B"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def file_recap(unit: Unit, start: date, end: date, *, by: User, on: date) -> Evidence:
    """File the period's recap (PDF) as bukti fisik (a revision when refreshed)."""
    recap = recap_for(unit, start, end)
    document = GeneratedDocument(
        source=f"cases.complaint_recap:{start.isoformat()}:{end.isoformat()}",
        title=f"Rekap penanganan pengaduan masyarakat {recap.period_label}",
        filename=f"rekap-pengaduan-{unit.code}-{start:%Y%m%d}-{end:%Y%m%d}.pdf",
        content=render_pdf(unit, recap, on),
        document_date=on,
        description=(
            "Rekap pengaduan masyarakat per saluran, klasifikasi dan status, waktu "
            "penyelesaian dan angka LKE R.5.ii; tanpa isi pengaduan atau identitas."
        ),
        period=recap.period_label,
        questions=RECAP_QUESTIONS,
    )
    return file_generated_document(unit, document, by=by)
