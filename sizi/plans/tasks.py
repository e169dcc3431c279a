"""Background tasks of the plans app: the exports of a plan (DOCX, PDF, XLSX).

Thin: load the plan by id, call the export, store the file in the job.
"""

from __future__ import annotations

from django_tasks import task

from sizi.core import jobs
from sizi.plans import export
from sizi.plans.models import ActionPlan


@task()
def export_plan_task(job_id: str) -> None:
    """Build a plan export for the job `job_id` (params: plan, year, format)."""
    with jobs.running(job_id) as run:
        if run is None:
            return
        params = run.params
        plan = (
            ActionPlan.objects.select_related("unit")
            .filter(pk=int(params.get("plan") or 0))
            .first()
        )
        if plan is None:
            raise jobs.JobFailed(
                f"Rencana aksi tahun {params.get('year', '')} tidak ditemukan lagi "
                "(mungkin sudah dihapus). Ekspor dibatalkan."
            )
        fmt = params.get("format", "")
        if fmt not in export.FORMATS:
            raise jobs.JobFailed(f"Format ekspor «{fmt}» tidak dikenal.")
        exported = export.export_plan(plan, fmt, progress=run.progress)
        run.progress(90, "Menyimpan berkas")
        run.store(exported.filename, exported.content_type, exported.data)
