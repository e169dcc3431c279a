"""Background tasks of the surveys app: the Laporan SKM (PDF, DOCX) for "Unduhan saya".

Thin: load the period by id, gather and render the report, store the file.
"""

from __future__ import annotations

from django_tasks import task

from sizi.core import jobs
from sizi.surveys.models import SurveyPeriod
from sizi.surveys.reports.content import build_report
from sizi.surveys.reports.docx import render_docx
from sizi.surveys.reports.gather import CONTENT_TYPES, report_filename, report_input
from sizi.surveys.reports.pdf import render_pdf


@task()
def survey_report_task(job_id: str) -> None:
    """Render a period's report (params: period, format, legacy)."""
    with jobs.running(job_id) as run:
        if run is None:
            return
        params = run.params
        period = (
            SurveyPeriod.objects.select_related("unit", "instrument")
            .filter(pk=int(params.get("period") or 0))
            .first()
        )
        if period is None:
            raise jobs.JobFailed(
                "Periode survei ini tidak ditemukan lagi (mungkin sudah dihapus). "
                "Laporan dibatalkan."
            )
        fmt = params.get("format", "")
        if fmt not in CONTENT_TYPES:
            raise jobs.JobFailed(f"Format laporan «{fmt}» tidak dikenal.")
        run.progress(10, "Menghitung hasil survei")
        data = report_input(period, legacy=bool(params.get("legacy")))
        report = build_report(data)
        run.progress(50, f"Menyusun {fmt.upper()}")
        content = render_pdf(report) if fmt == "pdf" else render_docx(report)
        run.progress(90, "Menyimpan berkas")
        run.store(report_filename(period, data, fmt), CONTENT_TYPES[fmt], content)
