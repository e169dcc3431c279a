"""Background tasks of the LKE (run by ``manage.py worker``)."""

from __future__ import annotations

from django_tasks import task

from sizi.core import jobs
from sizi.lke.models import EvaluationReport
from sizi.lke.reports.pdf import render_pdf
from sizi.lke.services.lhe import report_content


@task()
def render_lhe_pdf(job_id: str) -> None:
    """Render an issued LHE as PDF for "Unduhan saya"."""
    with jobs.running(job_id) as run:
        if run is None:
            return
        report = (
            EvaluationReport.objects.select_related(
                "assessment__unit__parent", "assessment__instrument"
            )
            .filter(pk=run.params["report"])
            .first()
        )
        if report is None:
            raise jobs.JobFailed("LHE ini tidak ditemukan lagi.")
        run.progress(20, "Menghitung nilai lapisan TPI")
        content = report_content(
            report.assessment, reference=report.reference, issued_on=report.issued_on
        )
        run.progress(50, "Menyusun PDF")
        run.store(f"{report.reference}.pdf", "application/pdf", render_pdf(content))
