"""Background tasks of the evidence app: the submission pack of a year.

Thin: load the unit by id, write the pack straight into storage, with the
progress of each file copied.
"""

from __future__ import annotations

from django_tasks import task

from sizi.core import jobs
from sizi.evidence.pack import pack_filename, write_pack
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
