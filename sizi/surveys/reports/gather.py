"""What a Laporan SKM says, gathered from the database (for the job and the archive)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.text import slugify

from sizi.plans.models import ActionPlan
from sizi.surveys import results, services
from sizi.surveys.models import FollowUp, SurveyPeriod
from sizi.surveys.reports.content import (
    FollowUpLine,
    ReportInput,
    Signature,
    report_kind,
)

# The LKE questions a survey report supports (zi-rules §3.1): P.6.iv.a survey
# done, P.6.iv.b results open to the public, P.6.iv.c results followed up.
REPORT_QUESTIONS = ("P.6.iv.a", "P.6.iv.b", "P.6.iv.c")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_TYPES = {"pdf": "application/pdf", "docx": DOCX}


def follow_up_lines(period: SurveyPeriod) -> list[FollowUpLine]:
    """The period's follow-ups as the report lists them (two queries)."""
    lines = []
    follow_ups = (
        FollowUp.objects.filter(period=period)
        .select_related("step")
        .prefetch_related("step__owners")
    )
    for item in follow_ups:
        step = item.step
        owners = (
            ", ".join(o.get_full_name() or o.username for o in step.owners.all())
            if step
            else ""
        )
        status = step.get_status_display() if step else "langkah dihapus"
        lines.append(FollowUpLine(item.question, item.text, owners, status))
    return lines


def report_input(period: SurveyPeriod, *, legacy: bool = False) -> ReportInput:
    """Gather what the report of `period` says."""
    return ReportInput(
        unit_name=period.unit.name,
        period_title=period.title,
        starts_on=period.starts_on,
        ends_on=period.ends_on,
        instrument=services.instrument_of(period),
        results=results.period_results(period, legacy=legacy),
        trend=results.trend(period.unit, period.instrument.code),
        follow_ups=follow_up_lines(period),
        service_names=[s.name for s in period.service_types.all()],
        generated_on=timezone.localdate(),
        signature=signature(period),
    )


def signature(period: SurveyPeriod) -> Signature | None:
    """Return the signatory of the unit's Rencana Aksi of the year (else the latest)."""
    plans = ActionPlan.objects.for_unit(period.unit).exclude(signatory="")
    plan = plans.filter(year=period.year).first() or plans.order_by("-year").first()
    if plan is None:
        return None
    office = plan.signatory_title.strip()
    return Signature(
        place=plan.place,
        office=office.title() if office.isupper() else office,
        name=plan.signatory,
    )


def report_filename(period: SurveyPeriod, data: ReportInput, extension: str) -> str:
    kind = report_kind(data).lower()
    return f"laporan-{kind}-{slugify(period.unit.code)}-{period.year}-{period.pk}.{extension}"
