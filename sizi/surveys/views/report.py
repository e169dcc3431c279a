"""The Laporan SKM (IPAK, IPKP) as PDF and DOCX, and its filing as bukti fisik."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from sizi.core.http import AuthenticatedHttpRequest
from sizi.evidence.services import GeneratedDocument, file_generated_document
from sizi.plans.models import ActionPlan, ActionStep
from sizi.surveys import results, services
from sizi.surveys.forms import ArchiveForm
from sizi.surveys.models import SurveyPeriod
from sizi.surveys.permissions import get_period_for_user, rights_for
from sizi.surveys.reports.content import (
    FollowUpLine,
    Report,
    ReportInput,
    Signature,
    build_report,
    report_kind,
)
from sizi.surveys.reports.docx import render_docx
from sizi.surveys.reports.pdf import render_pdf
from sizi.surveys.views.results import follow_up_rows, survey_steps
from sizi.surveys.views.scope import message_of
from sizi.units.permissions import require

# The LKE questions a survey report supports (zi-rules §3.1): P.6.iv.a survey
# done, P.6.iv.b results open to the public, P.6.iv.c results followed up.
REPORT_QUESTIONS = ("P.6.iv.a", "P.6.iv.b", "P.6.iv.c")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


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
        follow_ups=[
            FollowUpLine(f.question, f.text, f.owners, f.status)
            for f in follow_up_rows(period)
        ],
        service_names=[s.name for s in period.service_types.all()],
        generated_on=timezone.localdate(),
        signature=_signature(period),
    )


def _signature(period: SurveyPeriod) -> Signature | None:
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


def _filename(period: SurveyPeriod, data: ReportInput, extension: str) -> str:
    kind = report_kind(data).lower()
    return f"laporan-{kind}-{slugify(period.unit.code)}-{period.year}-{period.pk}.{extension}"


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _report(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> tuple[SurveyPeriod, ReportInput, Report]:
    _access, period = get_period_for_user(request.user, code, pk)
    data = report_input(period, legacy=request.GET.get("legacy") == "1")
    return period, data, build_report(data)


@login_required
def report_pdf(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    """Download the report as PDF."""
    period, data, report = _report(request, code, pk)
    return _download(
        render_pdf(report), _filename(period, data, "pdf"), "application/pdf"
    )


@login_required
def report_docx(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    """Download the report as DOCX."""
    period, data, report = _report(request, code, pk)
    return _download(render_docx(report), _filename(period, data, "docx"), DOCX)


@login_required
@require_POST
def report_archive(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    """File the report (PDF) as bukti fisik, linked to the chosen plan steps."""
    access, period = get_period_for_user(request.user, code, pk)
    require(rights_for(access, period).can_generate_report)
    choices, _preselected = survey_steps(access.unit, period.year)
    form = ArchiveForm(request.POST, steps=choices)
    if not form.is_valid():
        messages.error(request, "Pilihan langkah Rencana Aksi tidak valid.")
        return redirect("surveys:results", code, period.pk)
    data = report_input(period)
    report = build_report(data)
    steps = list(
        ActionStep.objects.for_unit(access.unit)
        .filter(pk__in=[int(v) for v in form.cleaned_data["steps"]])
        .select_related("indicator__component__area__plan")
    )
    kind = report_kind(data)
    try:
        evidence = file_generated_document(
            access.unit,
            GeneratedDocument(
                source=f"surveys.report:{period.pk}",
                title=f"Laporan {kind} {period.title}",
                filename=_filename(period, data, "pdf"),
                content=render_pdf(report),
                document_date=timezone.localdate(),
                description=f"Laporan {kind} yang dihasilkan SIZI dari periode {period.title}.",
                period=str(period.year),
                questions=REPORT_QUESTIONS,
            ),
            by=request.user,
            steps=steps,
        )
    except ValidationError as exc:
        messages.error(request, message_of(exc))
    else:
        messages.success(
            request,
            f'Laporan diarsipkan sebagai bukti fisik "{evidence.title}" '
            f"(LKE {', '.join(REPORT_QUESTIONS)}).",
        )
    return redirect("surveys:results", code, period.pk)
