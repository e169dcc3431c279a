"""Background tasks of the plans app: the exports of a plan (DOCX, PDF, XLSX),
its Laporan Monev (PDF, XLSX), and reading an uploaded PDF decree (OCR).

Thin: load the plan by id, call the export, store the file in the job.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from django.core.files.storage import default_storage
from django.db import transaction
from django_tasks import task

from sizi.core import jobs
from sizi.core.models import Job
from sizi.plans import export
from sizi.plans.export.monev import MONEV_FORMATS, export_monev_report
from sizi.plans.import_previews import keep_pages
from sizi.plans.importing.pdf_reader import PdfError, ReadStep, read_pages
from sizi.plans.models import ActionPlan
from sizi.plans.monev_report import MonevPeriod, period_from_key

if TYPE_CHECKING:
    from django_tasks.base import Task

    from sizi.units.models import User


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


def build_monev_report(
    run: jobs.JobRun,
) -> tuple[ActionPlan, MonevPeriod, export.ExportFile]:
    """Build the Laporan Monev a job asks for (params: plan, year, period, format).

    Shared with the evidence app's task that also files the report.
    """
    params = run.params
    plan = (
        ActionPlan.objects.select_related("unit")
        .filter(pk=int(params.get("plan") or 0))
        .first()
    )
    if plan is None:
        raise jobs.JobFailed(
            f"Rencana aksi tahun {params.get('year', '')} tidak ditemukan lagi "
            "(mungkin sudah dihapus). Laporan monev dibatalkan."
        )
    period = period_from_key(plan.year, str(params.get("period", "")))
    if period is None:
        raise jobs.JobFailed("Periode laporan monev tidak dikenal.")
    fmt = str(params.get("format", ""))
    if fmt not in MONEV_FORMATS:
        raise jobs.JobFailed(f"Format laporan «{fmt}» tidak dikenal.")
    exported = export_monev_report(plan, period, fmt, progress=run.progress)
    run.progress(80, "Menyimpan berkas")
    run.store(exported.filename, exported.content_type, exported.data)
    return plan, period, exported


@task()
def monev_report_task(job_id: str) -> None:
    """Build a plan's Laporan Monev for the job `job_id`."""
    with jobs.running(job_id) as run:
        if run is None:
            return
        build_monev_report(run)


@task()
def read_decree_task(job_id: str) -> None:
    """Read (OCR) a previewed PDF decree once and keep the pages beside it.

    params: name (the preview file in storage), token (its SHA-256), filename,
    year. Nothing is written to the plan; the upload page shows the preview
    built from the pages kept, and saving uses them too.
    """
    with jobs.running(job_id) as run:
        if run is None:
            return
        name = str(run.params.get("name", ""))
        if not name or not default_storage.exists(name):
            raise jobs.JobFailed(
                "Berkas yang diunggah tidak ditemukan lagi (pratinjau dibatalkan atau "
                "kedaluwarsa). Unggah ulang berkasnya."
            )
        with default_storage.open(name, "rb") as handle:
            data = handle.read()
        if hashlib.sha256(data).hexdigest() != run.params.get("token"):
            raise jobs.JobFailed("Isi berkas berubah sejak diunggah; unggah ulang.")

        def progress(step: ReadStep) -> None:
            run.progress(5 + int(90 * step.fraction), step.note)

        try:
            pages = read_pages(data, progress=progress)
        except PdfError as exc:
            raise jobs.JobFailed(str(exc)) from exc
        run.progress(96, "Menyimpan hasil bacaan")
        keep_pages(name, pages)


def start_monev_report(
    plan: ActionPlan,
    *,
    period_key: str,
    fmt: str,
    by: User,
    task: Task[Any, Any],
    kind: str,
    params: dict[str, object] | None = None,
) -> Job:
    """Start the job that builds a Laporan Monev (to download, or to file as evidence)."""
    period = period_from_key(plan.year, period_key)
    if period is None or fmt not in MONEV_FORMATS:
        raise ValueError(f"Unknown monev period {period_key!r} or format {fmt!r}.")
    with transaction.atomic():
        return jobs.start_job(
            task,
            by=by,
            unit=plan.unit,
            kind=kind,
            title=(
                f"Laporan monev {period.label} ({MONEV_FORMATS[fmt]}) · "
                f"{plan.unit.name}"
            ),
            params={
                "plan": plan.pk,
                "year": plan.year,
                "period": period.key,
                "format": fmt,
                **(params or {}),
            },
        )
