"""The Laporan Hasil Evaluasi: numbered, dated, built from the TPI layer, filed.

`issue_report` numbers a new LHE ("LHE-<unit>-<year>-<n>"), renders the DOCX
and files it into the unit's evidence library; `report_content` rebuilds what
a stored report says (the PDF job renders from it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sizi.core import audit
from sizi.evidence.services import GeneratedDocument, file_generated_document
from sizi.lke.models import (
    Assessment,
    EvaluationReport,
    Layer,
    Predicate,
    ReviewNote,
)
from sizi.lke.reports.content import (
    NoteLine,
    ReportContent,
    area_lines,
    failure_lines,
    recommendation_lines,
)
from sizi.lke.reports.docx import render_docx
from sizi.lke.scoring.results import format_id
from sizi.lke.services.closing import tpi_result
from sizi.lke.services.workflow import lock_assessment
from sizi.units.models import User

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class IssuedReport:
    report: EvaluationReport
    content: ReportContent
    docx: bytes


def _notes(assessment: Assessment) -> tuple[NoteLine, ...]:
    notes = (
        ReviewNote.objects.filter(assessment=assessment)
        .select_related("question", "author")
        .order_by("question__order", "created_at", "pk")
    )
    return tuple(
        NoteLine(
            question=n.question.code.removesuffix(".-"),
            question_text=n.question.text,
            layer=n.get_layer_display(),
            text=n.text,
            author=str(n.author or "—"),
            status="sudah ditanggapi"
            if n.resolved
            else ("dikembalikan" if n.returned else "komentar"),
        )
        for n in notes
    )


def report_content(
    assessment: Assessment, *, reference: str, issued_on: date
) -> ReportContent:
    """Return what the LHE of ``assessment`` says, from its TPI layer."""
    result = tpi_result(assessment)
    score, spec, eligibility = result.score, result.spec, result.eligibility
    digits = spec.rules.rounding_digits
    minimums = {t.code: t.area_min_percent for t in spec.thresholds}
    weakest = sorted(score.areas, key=lambda a: a.percent)[:2]
    recommendation = (
        Predicate(assessment.recommendation).label
        if assessment.recommendation
        else "belum ditetapkan"
    )
    unit = assessment.unit
    return ReportContent(
        reference=reference,
        issued_on=issued_on,
        unit_name=unit.name,
        parent_name=unit.parent.name if unit.parent else "",
        year=assessment.year,
        instrument=f"{assessment.instrument.name} (versi {assessment.instrument.version})",
        totals=tuple(
            (name, format_id(value, digits))
            for name, value in (
                ("Pemenuhan", score.pemenuhan),
                ("Reform", score.reform),
                ("Pengungkit", score.pengungkit),
                ("Hasil", score.hasil),
                ("Nilai total", score.total),
            )
        ),
        hasil=tuple(
            (item.name, item.raw or "—", format_id(item.value, digits))
            for group in score.hasil_groups
            for item in group.items
        ),
        areas=area_lines(score, minimums, digits),
        verdicts=tuple(
            (t.label, eligibility.passed.get(t.code, False)) for t in spec.thresholds
        ),
        failures=failure_lines(eligibility, digits),
        notes=_notes(assessment),
        recommendation=recommendation,
        conclusion_note=assessment.conclusion_note,
        adopted=(
            f"Jawaban TPI diadopsi dari {Layer(assessment.adopted_layer).label.lower()}."
            if assessment.adopted_layer
            else ""
        ),
        recommendations=recommendation_lines(
            eligibility, [a.name for a in weakest if a.percent < 100], recommendation
        ),
    )


@transaction.atomic
def issue_report(assessment: Assessment, *, by: User) -> IssuedReport:
    """Number, render and file a new LHE of a concluded assessment."""
    lock_assessment(assessment)
    assessment.refresh_from_db()
    if not assessment.is_concluded:
        raise ValidationError("LHE dibuat setelah TPI menyimpulkan penilaian.")
    number = EvaluationReport.objects.filter(assessment=assessment).count() + 1
    reference = f"LHE-{assessment.unit.code}-{assessment.year}-{number}"
    issued_on = timezone.localdate()
    content = report_content(assessment, reference=reference, issued_on=issued_on)
    data = render_docx(content)
    questions = sorted({n.question for n in content.notes})
    evidence = file_generated_document(
        assessment.unit,
        GeneratedDocument(
            source=f"lke.lhe:{assessment.pk}",
            title=f"Laporan Hasil Evaluasi ZI {assessment.year}",
            filename=f"{reference}.docx",
            content=data,
            document_date=issued_on,
            description=f"{reference}, {content.issued_text}; dibuat SIZI dari lapisan TPI.",
            period=str(assessment.year),
            questions=questions,
        ),
        by=by,
    )
    report = EvaluationReport(
        assessment=assessment,
        number=number,
        reference=reference,
        issued_on=issued_on,
        total=tpi_result(assessment).score.total.quantize(Decimal("0.0001")),
        recommendation=assessment.recommendation,
        evidence=evidence,
        by=by,
    )
    report.full_clean()
    report.save()
    audit.record(
        by,
        "lke.report_issued",
        report,
        unit=assessment.unit,
        reference=reference,
        evidence=evidence.pk,
    )
    return IssuedReport(report, content, data)
