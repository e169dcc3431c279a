"""Plan exports run as background jobs; the worker builds the same file."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from sizi.core.models import Job
from sizi.plans.export import export_plan

pytestmark = pytest.mark.django_db(transaction=True)
CODE = "kpu-tanjabbar"


def _work() -> None:
    call_command("worker", "--once", "--no-schedule")


def _rows(data: bytes) -> list[tuple[object, ...]]:
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def _document_xml(data: bytes) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")


def test_the_export_button_starts_a_job_and_answers_with_its_panel(
    client, vera, seed_plan
):
    client.force_login(vera)
    url = reverse("plans:plan_export", args=[CODE, 2025, "xlsx"])
    response = client.post(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    job = Job.objects.get()
    assert (job.user, job.unit, job.kind, job.status) == (
        vera,
        seed_plan.unit,
        "plans.export",
        Job.Status.QUEUED,
    )
    html = response.content.decode()
    assert f'hx-get="{job.get_absolute_url()}"' in html
    assert 'hx-trigger="every 1s"' in html
    plain = client.post(url)
    assert plain.status_code == 302
    assert plain["Location"] == Job.objects.latest("created_at").get_absolute_url()


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_the_worker_builds_the_file_the_command_builds(client, vera, seed_plan, fmt):
    client.force_login(vera)
    client.post(reverse("plans:plan_export", args=[CODE, 2025, fmt]))
    _work()
    job = Job.objects.get()
    assert job.status == Job.Status.DONE, job.error
    assert job.result_filename == f"rencana-aksi-{CODE}-2025.{fmt}"
    response = client.get(reverse("units:job_download", args=[job.pk]))
    assert response["Cache-Control"] == "private, no-store"
    built = b"".join(response.streaming_content)
    direct = export_plan(seed_plan, fmt).data
    if fmt == "xlsx":
        assert _rows(built) == _rows(direct)
    else:
        assert _document_xml(built) == _document_xml(direct)
    assert default_storage.exists(job.result_name)


def test_the_pdf_job_stores_a_pdf(client, vera, seed_plan):
    client.force_login(vera)
    client.post(reverse("plans:plan_export", args=[CODE, 2025, "pdf"]))
    _work()
    job = Job.objects.get()
    assert job.status == Job.Status.DONE, job.error
    with default_storage.open(job.result_name, "rb") as stored:
        assert stored.read(5) == b"%PDF-"
    assert job.result_content_type == "application/pdf"


def test_a_plan_deleted_before_the_worker_runs_fails_in_indonesian(
    client, vera, seed_plan
):
    client.force_login(vera)
    client.post(reverse("plans:plan_export", args=[CODE, 2025, "docx"]))
    seed_plan.delete()
    _work()
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert job.error == (
        "Rencana aksi tahun 2025 tidak ditemukan lagi (mungkin sudah dihapus). "
        "Ekspor dibatalkan."
    )
    html = client.get(job.get_absolute_url()).content.decode()
    assert "tidak ditemukan lagi" in html


def test_another_units_export_cannot_be_started(client, charlie, seed_plan):
    client.force_login(charlie)
    url = reverse("plans:plan_export", args=[CODE, 2025, "pdf"])
    assert client.post(url).status_code == 404
    assert client.get(url).status_code == 404
    assert not Job.objects.exists()


def test_an_unknown_format_is_a_404_and_starts_nothing(client, vera, seed_plan):
    client.force_login(vera)
    url = reverse("plans:plan_export", args=[CODE, 2025, "odt"])
    assert client.post(url).status_code == 404
    assert not Job.objects.exists()
