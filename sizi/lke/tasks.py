"""Background jobs of the LKE: the workbook export ("Unduhan saya")."""

from __future__ import annotations

from django_tasks import task

from sizi.core import jobs
from sizi.lke.models import Assessment
from sizi.lke.services.workbook import export_assessment

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@task()
def export_workbook(job_id: str) -> None:
    """Write an assessment's workbook (either layout) and keep it for the person."""
    with jobs.running(job_id) as run:
        if run is None:
            return
        params = run.params
        assessment = (
            Assessment.objects.select_related("unit", "instrument")
            .filter(pk=params["assessment"])
            .first()
        )
        if assessment is None:
            raise jobs.JobFailed("Penilaian LKE ini sudah tidak ada.")
        run.progress(10, "Membaca jawaban dan menyusun workbook")
        data = export_assessment(
            assessment,
            params.get("layer"),
            layout=params.get("layout", "sizi"),
            layers=params.get("layers"),
        )
        run.progress(90, "Menyimpan berkas")
        suffix = "-resmi" if params.get("layout") == "official" else ""
        run.store(
            f"LKE-{assessment.unit.code}-{assessment.year}{suffix}.xlsx", XLSX, data
        )
