"""File a plan's Laporan Monev into the evidence library (from the monev page).

The plans app renders the report; filing it as bukti fisik needs this app,
which the plans app may not import, so the monev page's "Simpan sebagai bukti
fisik" button posts here. The job builds the same file as a plain download,
keeps it under "Unduhan saya", and files it through
`services.file_generated_document`, linked to the chosen steps.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_POST

from sizi.core.http import AuthenticatedHttpRequest
from sizi.evidence import tasks
from sizi.plans import permissions as plan_permissions
from sizi.plans import tasks as plan_tasks
from sizi.plans.forms import MonevReportForm
from sizi.plans.views.monev import monev_report_answer
from sizi.units import permissions as unit_permissions


@login_required
@require_POST
def monev_report_file(
    request: AuthenticatedHttpRequest, code: str, year: int
) -> HttpResponse:
    """Start the job that builds a Laporan Monev and files it (plan editors)."""
    access, plan = plan_permissions.get_plan_for_user(request.user, code, year)
    unit_permissions.require(plan_permissions.can_edit_plan(access))
    form = MonevReportForm(request.POST, plan=plan)
    job = None
    if form.is_valid():
        job = plan_tasks.start_monev_report(
            plan,
            period_key=form.cleaned_data["period"],
            fmt=form.cleaned_data["format"],
            by=request.user,
            task=tasks.file_monev_report_task,
            kind="evidence.monev_report",
            params={"steps": [step.pk for step in form.cleaned_data["steps"]]},
        )
    return monev_report_answer(request, plan, job)
