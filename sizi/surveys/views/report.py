"""The Laporan SKM (IPAK, IPKP) as PDF and DOCX, and its filing as bukti fisik.

The downloads are background jobs (``tasks.survey_report_task``): the button
starts one and leads to its page under "Unduhan saya".
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from sizi.core.http import AuthenticatedHttpRequest
from sizi.core.jobs import start_job
from sizi.evidence.services import GeneratedDocument, file_generated_document
from sizi.plans.models import ActionStep
from sizi.surveys import tasks
from sizi.surveys.forms import ArchiveForm
from sizi.surveys.permissions import get_period_for_user, rights_for
from sizi.surveys.reports.content import build_report, report_kind
from sizi.surveys.reports.gather import (
    REPORT_QUESTIONS,
    report_filename,
    report_input,
)
from sizi.surveys.reports.pdf import render_pdf
from sizi.surveys.views.results import survey_steps
from sizi.surveys.views.scope import message_of
from sizi.units.permissions import require


def _start_report(
    request: AuthenticatedHttpRequest, code: str, pk: int, fmt: str
) -> HttpResponse:
    """Start the report as a background job and lead to its page."""
    access, period = get_period_for_user(request.user, code, pk)
    legacy = request.POST.get("legacy") == "1"
    note = " (bobot lama)" if legacy else ""
    with transaction.atomic():
        job = start_job(
            tasks.survey_report_task,
            by=request.user,
            unit=access.unit,
            kind="surveys.report",
            title=f"Laporan survei {period.title} ({fmt.upper()}){note} · {access.unit.name}",
            params={"period": period.pk, "format": fmt, "legacy": legacy},
        )
    return redirect(job)


@login_required
@require_POST
def report_pdf(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    """Prepare the report as PDF under "Unduhan saya"."""
    return _start_report(request, code, pk, "pdf")


@login_required
@require_POST
def report_docx(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    """Prepare the report as DOCX under "Unduhan saya"."""
    return _start_report(request, code, pk, "docx")


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
                filename=report_filename(period, data, "pdf"),
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
