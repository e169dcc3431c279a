"""Background jobs of the LKE: the workbook export, the import preview and the LHE PDF/DOCX ("Unduhan saya")."""

from __future__ import annotations

import json

from django.core.files.storage import default_storage
from django_tasks import task

from sizi.core import jobs
from sizi.lke.models import Assessment, EvaluationReport
from sizi.lke.reports.docx import render_docx
from sizi.lke.reports.pdf import render_pdf
from sizi.lke.services import previews
from sizi.lke.services.lhe import DOCX_TYPE, report_content
from sizi.lke.services.workbook import export_assessment, import_into, report_data
from sizi.units.models import Unit

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
        run.progress(10, "Membaca jawaban dan menyusun lembar kerja")
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


@task()
def preview_import(job_id: str) -> None:
    """Parse an uploaded workbook and keep its preview; nothing is written.

    The upload stays in private storage (`services.previews`) for the person to
    apply from the preview page with its token.
    """
    with jobs.running(job_id) as run:
        if run is None:
            return
        params = run.params
        unit = Unit.objects.filter(pk=params["unit"]).first()
        if unit is None or not default_storage.exists(params["name"]):
            raise jobs.JobFailed("Berkas atau unit tidak ada lagi; unggah lagi.")
        with default_storage.open(params["name"], "rb") as handle:
            data = handle.read()
        run.progress(10, "Membaca lembar kerja dan menyiapkan pratinjau")
        report = import_into(
            unit,
            int(params["year"]),
            data,
            layer=params["layer"],
            by=run.job.user,
            dry_run=True,
        )
        run.progress(90, "Menyimpan pratinjau")
        payload = json.dumps(report_data(report), ensure_ascii=False).encode()
        run.store("pratinjau-impor-LKE.json", "application/json", payload)


@task()
def apply_import(job_id: str) -> None:
    """Write a previewed workbook (confirmed by the person); the upload goes after."""
    with jobs.running(job_id) as run:
        if run is None:
            return
        params = run.params
        unit = Unit.objects.filter(pk=params["unit"]).first()
        if unit is None or not default_storage.exists(params["name"]):
            raise jobs.JobFailed("Berkas atau unit tidak ada lagi; unggah lagi.")
        run.progress(10, "Menyimpan jawaban dan mendaftarkan tautan bukti")
        data = previews.take_preview(params["name"]) or b""
        report = import_into(
            unit,
            int(params["year"]),
            data,
            layer=params["layer"],
            by=run.job.user,
            force=bool(params.get("force")),
        )
        payload = json.dumps(report_data(report), ensure_ascii=False).encode()
        run.store("hasil-impor-LKE.json", "application/json", payload)


def _issued_report(run: jobs.JobRun) -> EvaluationReport:
    report = (
        EvaluationReport.objects.select_related(
            "assessment__unit__parent", "assessment__instrument"
        )
        .filter(pk=run.params["report"])
        .first()
    )
    if report is None:
        raise jobs.JobFailed("LHE ini tidak ditemukan lagi.")
    return report


@task()
def render_lhe_docx(job_id: str) -> None:
    """Render an issued LHE as DOCX for "Unduhan saya"."""
    with jobs.running(job_id) as run:
        if run is None:
            return
        report = _issued_report(run)
        run.progress(20, "Menghitung nilai lapisan TPI")
        content = report_content(
            report.assessment, reference=report.reference, issued_on=report.issued_on
        )
        run.progress(50, "Menyusun DOCX")
        run.store(f"{report.reference}.docx", DOCX_TYPE, render_docx(content))


@task()
def render_lhe_pdf(job_id: str) -> None:
    """Render an issued LHE as PDF for "Unduhan saya"."""
    with jobs.running(job_id) as run:
        if run is None:
            return
        report = _issued_report(run)
        run.progress(20, "Menghitung nilai lapisan TPI")
        content = report_content(
            report.assessment, reference=report.reference, issued_on=report.issued_on
        )
        run.progress(50, "Menyusun PDF")
        run.store(f"{report.reference}.pdf", "application/pdf", render_pdf(content))
