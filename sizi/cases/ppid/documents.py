"""The PPID's generated documents: the written notice (DOCX/PDF) and the annual report."""

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

from sizi.cases.ppid.models import InformationRequest, Objection, Requester
from sizi.cases.ppid.rules import rules
from sizi.core.spreadsheets import set_text
from sizi.core.workdays import current_calendar
from sizi.evidence.models import Evidence
from sizi.evidence.services import GeneratedDocument, file_generated_document
from sizi.units.models import Unit, User

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

REPORT_QUESTIONS = ("P.2.iii.a", "P.2.iii.b")


@dataclass(frozen=True)
class NoticeData:
    """What the written notice (pemberitahuan tertulis) says."""

    unit_name: str
    number: str
    received: date
    decided: date | None
    requester_name: str
    requester_address: str
    information: str
    decision: str
    ground: str
    answer: str
    delivery: str
    objection_until: date | None


def notice_data(
    request: InformationRequest, objection_until: date | None
) -> NoticeData:
    person = Requester.objects.get(request=request)
    return NoticeData(
        unit_name=request.unit.name,
        number=request.number,
        received=timezone.localtime(request.received_at).date(),
        decided=timezone.localtime(request.decided_at).date()
        if request.decided_at
        else None,
        requester_name=person.name,
        requester_address=person.address,
        information=request.information,
        decision=request.get_decision_display(),
        ground=rules().exception_grounds.get(request.exception_ground, ""),
        answer=request.answer,
        delivery=request.get_delivery_display(),
        objection_until=objection_until,
    )


def notice_pdf(data: NoticeData) -> bytes:
    from weasyprint import HTML

    html = render_to_string("cases/ppid_notice_pdf.html", {"n": data})
    out: bytes = HTML(string=html).write_pdf()
    return out


def notice_docx(data: NoticeData) -> bytes:
    from docx import Document

    doc = Document()
    doc.add_heading("PEMBERITAHUAN TERTULIS", level=1)
    doc.add_paragraph(f"{data.unit_name}\nNomor pendaftaran: {data.number}")
    rows = [
        ("Nama pemohon", data.requester_name),
        ("Alamat", data.requester_address),
        ("Tanggal permohonan", f"{date_format(data.received, 'j F Y')}"),
        ("Informasi yang dimohon", data.information),
        ("Keputusan", data.decision),
    ]
    if data.ground:
        rows.append(("Dasar pengecualian", data.ground))
    rows += [("Cara penyampaian", data.delivery), ("Penjelasan", data.answer)]
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    if data.objection_until:
        doc.add_paragraph(
            "Bila Anda tidak puas, Anda dapat mengajukan keberatan kepada Atasan PPID "
            f"paling lambat {date_format(data.objection_until, 'j F Y')} (30 hari kerja, Pasal 36 "
            "UU 14/2008)."
        )
    doc.add_paragraph(
        f"Tanggal: {date_format(data.decided, 'j F Y')}" if data.decided else ""
    )
    doc.add_paragraph("Pejabat Pengelola Informasi dan Dokumentasi (PPID)")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int


@dataclass(frozen=True)
class PpidReport:
    """The annual PPID service report of one unit (counts only)."""

    year: int
    total: int
    by_channel: tuple[CountRow, ...]
    by_decision: tuple[CountRow, ...]
    by_status: tuple[CountRow, ...]
    answered_in_time: int
    answered_late: int
    extended: int
    median_days_to_answer: float | None
    objections: int
    objections_upheld: int
    objections_rejected: int
    objections_pending: int


def report_for(unit: Unit, year: int) -> PpidReport:
    """Count the requests the unit received in `year` (a fixed number of queries)."""
    low = timezone.make_aware(datetime.combine(date(year, 1, 1), time.min))
    high = timezone.make_aware(datetime.combine(date(year, 12, 31), time.max))
    period = InformationRequest.objects.filter(
        unit=unit, received_at__range=(low, high)
    )

    def grouped(field: str) -> dict[str, int]:
        return dict(period.values_list(field).annotate(n=Count("pk")).order_by())

    times = list(
        period.values_list("received_at", "decided_at", "due_on", "extended_at")
    )
    calendar = current_calendar()
    decided = [(r, d, due) for r, d, due, _ in times if d is not None]
    objections = dict(
        Objection.objects.filter(request__in=period)
        .values_list("outcome")
        .annotate(n=Count("pk"))
        .order_by()
    )
    decisions = grouped("decision")
    durations = [calendar.count(r, d) for r, d, _ in decided]
    return PpidReport(
        year=year,
        total=len(times),
        by_channel=tuple(
            CountRow(lbl, grouped("channel").get(v, 0))
            for v, lbl in InformationRequest.Channel.choices
        ),
        by_decision=tuple(
            CountRow(lbl, decisions.get(v, 0))
            for v, lbl in InformationRequest.Decision.choices
        ),
        by_status=tuple(
            CountRow(lbl, grouped("status").get(v, 0))
            for v, lbl in InformationRequest.Status.choices
        ),
        answered_in_time=sum(
            1 for _, d, due in decided if timezone.localtime(d).date() <= due
        ),
        answered_late=sum(
            1 for _, d, due in decided if timezone.localtime(d).date() > due
        ),
        extended=sum(1 for *_, e in times if e is not None),
        median_days_to_answer=float(statistics.median(durations))
        if durations
        else None,
        objections=sum(objections.values()),
        objections_upheld=objections.get(Objection.Outcome.UPHELD, 0),
        objections_rejected=objections.get(Objection.Outcome.REJECTED, 0),
        objections_pending=objections.get("", 0),
    )


def report_pdf(unit: Unit, report: PpidReport, on: date) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "cases/ppid_report_pdf.html", {"unit": unit, "report": report, "on": on}
    )
    out: bytes = HTML(string=html).write_pdf()
    return out


def report_xlsx(unit: Unit, report: PpidReport) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = f"Layanan PPID {report.year}"
    lines: list[tuple[str, object]] = [
        ("Laporan layanan informasi publik", ""),
        ("Unit", unit.name),
        ("Tahun", report.year),
        ("Jumlah permohonan", report.total),
        ("Dijawab tepat waktu", report.answered_in_time),
        ("Dijawab melewati batas", report.answered_late),
        ("Diperpanjang", report.extended),
        ("Median hari kerja sampai dijawab", report.median_days_to_answer or ""),
        ("Keberatan", report.objections),
        ("Keberatan diterima", report.objections_upheld),
        ("Keberatan ditolak", report.objections_rejected),
        ("Keberatan belum diputus", report.objections_pending),
    ]
    for title, rows in (
        ("Menurut cara permohonan", report.by_channel),
        ("Menurut keputusan", report.by_decision),
        ("Menurut status", report.by_status),
    ):
        lines += [("", ""), (title, "")] + [(r.label, r.count) for r in rows]
    for index, (label, value) in enumerate(lines, start=1):
        set_text(sheet.cell(row=index, column=1), label)
        cell = sheet.cell(row=index, column=2)
        if isinstance(value, str):
            set_text(cell, value)
        else:
            cell.value = value
    sheet.column_dimensions["A"].width = 45
    sheet.column_dimensions["B"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def file_report(unit: Unit, year: int, *, by: User, on: date) -> Evidence:
    """File the year's PPID service report as bukti fisik (P.2.iii)."""
    report = report_for(unit, year)
    document = GeneratedDocument(
        source=f"cases.ppid_report:{year}",
        title=f"Laporan layanan informasi publik (PPID) tahun {year}",
        filename=f"laporan-ppid-{unit.code}-{year}.pdf",
        content=report_pdf(unit, report, on),
        document_date=on,
        description=(
            "Jumlah permohonan informasi per cara dan keputusan, ketepatan waktu "
            "jawaban dan keberatan; tanpa identitas pemohon."
        ),
        period=str(year),
        questions=REPORT_QUESTIONS,
    )
    return file_generated_document(unit, document, by=by)
