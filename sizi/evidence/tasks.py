"""Background tasks of the evidence app: the submission pack of a year, and a
plan's Laporan Monev filed as bukti fisik.

Thin: load the unit by id, write the pack straight into storage, with the
progress of each file copied.
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from sizi.core import jobs
from sizi.evidence.pack import pack_filename, write_pack
from sizi.evidence.services import GeneratedDocument, file_generated_document
from sizi.plans.models import ActionStep
from sizi.plans.monev_report import REPORT_QUESTIONS
from sizi.plans.tasks import build_monev_report
from sizi.units.models import Unit


@task()
def evidence_pack_task(job_id: str) -> None:
    """Build the pack for the job `job_id` (params: unit, year)."""
    with jobs.running(job_id) as run:
        if run is None:
            return
        unit = Unit.objects.filter(pk=int(run.params.get("unit") or 0)).first()
        if unit is None:
            raise jobs.JobFailed("Unit ini tidak ditemukan lagi. Paket dibatalkan.")
        year = int(run.params.get("year") or 0)
        with run.writer(pack_filename(unit, year), "application/zip") as out:
            write_pack(unit, year, out, progress=run.progress)


@task()
def file_monev_report_task(job_id: str) -> None:
    """Build a plan's Laporan Monev (as `plans.tasks.monev_report_task` does) and
    file it as bukti fisik of the chosen steps (params: plan, year, period,
    format, steps)."""
    with jobs.running(job_id) as run:
        if run is None:
            return
        plan, period, exported = build_monev_report(run)
        run.progress(90, "Menyimpan sebagai bukti fisik")
        steps = ActionStep.objects.for_plan(plan).filter(
            pk__in=[int(pk) for pk in run.params.get("steps") or []]
        )
        fmt = str(run.params["format"])
        file_generated_document(
            plan.unit,
            GeneratedDocument(
                source=f"plans.monev_report:{plan.year}:{period.key}:{fmt}",
                title=f"Laporan Monev Rencana Aksi {period.label}",
                filename=exported.filename,
                content=exported.data,
                document_date=timezone.localdate(),
                description=(
                    "Laporan monitoring dan evaluasi Rencana Aksi yang dihasilkan "
                    f"SIZI untuk periode {period.label} ({period.span})."
                ),
                period=str(plan.year),
                questions=REPORT_QUESTIONS,
            ),
            by=run.job.user,
            steps=steps.select_related("indicator__component__area__plan"),
        )
