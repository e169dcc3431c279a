"""Background tasks of the cases app: the complaint recap and the PPID annual report.

Both are PDF or XLSX documents for "Unduhan saya". Thin: load the unit by id,
count, render, store the file.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django_tasks import task

from sizi.cases.complaints import recap
from sizi.cases.ppid import documents
from sizi.core import jobs
from sizi.units.models import Unit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"pdf": "application/pdf", "xlsx": XLSX}


def _unit_and_format(run: jobs.JobRun, what: str) -> tuple[Unit, str]:
    unit = Unit.objects.filter(pk=int(run.params.get("unit") or 0)).first()
    if unit is None:
        raise jobs.JobFailed(f"Unit ini tidak ditemukan lagi. {what} dibatalkan.")
    fmt = run.params.get("format", "")
    if fmt not in CONTENT_TYPES:
        raise jobs.JobFailed(f"Format «{fmt}» tidak dikenal. {what} dibatalkan.")
    return unit, fmt


@task()
def complaint_recap_task(job_id: str) -> None:
    """The complaint recap of a period (params: unit, start, end, format)."""
    with jobs.running(job_id) as run:
        if run is None:
            return
        unit, fmt = _unit_and_format(run, "Rekap pengaduan")
        start = date.fromisoformat(run.params["start"])
        end = date.fromisoformat(run.params["end"])
        run.progress(10, "Menghitung pengaduan")
        numbers = recap.recap_for(unit, start, end)
        run.progress(50, f"Menyusun {fmt.upper()}")
        content = (
            recap.render_pdf(unit, numbers, timezone.localdate())
            if fmt == "pdf"
            else recap.render_xlsx(unit, numbers)
        )
        name = f"rekap-pengaduan-{unit.code}-{start:%Y%m%d}-{end:%Y%m%d}.{fmt}"
        run.store(name, CONTENT_TYPES[fmt], content)


@task()
def ppid_report_task(job_id: str) -> None:
    """The PPID annual service report (params: unit, year, format)."""
    with jobs.running(job_id) as run:
        if run is None:
            return
        unit, fmt = _unit_and_format(run, "Laporan PPID")
        year = int(run.params["year"])
        run.progress(10, "Menghitung permohonan informasi")
        report = documents.report_for(unit, year)
        run.progress(50, f"Menyusun {fmt.upper()}")
        content = (
            documents.report_pdf(unit, report, timezone.localdate())
            if fmt == "pdf"
            else documents.report_xlsx(unit, report)
        )
        run.store(f"laporan-ppid-{unit.code}-{year}.{fmt}", CONTENT_TYPES[fmt], content)
