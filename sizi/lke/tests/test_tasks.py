"""The LKE workbook export as a background job, run by the database worker."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from sizi.core.models import Job
from sizi.lke.instrument import load_instrument
from sizi.lke.models import Answer, Assessment
from sizi.lke.tests import official_books as books
from sizi.units.models import User

pytestmark = pytest.mark.django_db(transaction=True)
SPEC = load_instrument()
ANSWERS = books.full_answers(SPEC, seed=3)


def test_export_as_a_background_job_lands_in_my_downloads(
    client: Client, assessment: Assessment, alice: User
) -> None:
    client.force_login(alice)
    path = reverse("lke:export", args=["kpu-tanjabbar", 2025])

    response = client.post(path, {"format": "resmi", "lapisan": "semua"})

    job = Job.objects.get(kind="lke.workbook_export")
    assert response.status_code == 302
    assert response["Location"] == reverse("units:job_detail", args=[job.pk])
    call_command("worker", "--once", "--no-schedule")
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    assert job.result_filename == "LKE-kpu-tanjabbar-2025-resmi.xlsx"
    download = client.get(reverse("units:job_download", args=[job.pk]))
    data = b"".join(download.streaming_content)
    assert load_workbook(io.BytesIO(data)).sheetnames == ["Jawaban"]
    assert (
        "Lembar kerja LKE" in client.get(reverse("units:my_downloads")).content.decode()
    )


def test_export_job_of_another_unit_is_refused(
    client: Client, assessment: Assessment, charlie: User
) -> None:
    client.force_login(charlie)
    path = reverse("lke:export", args=["kpu-tanjabbar", 2025])
    assert client.post(path, {"format": "resmi"}).status_code == 404
    assert not Job.objects.exists()


def _worker() -> None:
    call_command("worker", "--once", "--no-schedule")


def test_background_preview_then_apply(
    client: Client, assessment: Assessment, alice: User, bob: User
) -> None:
    data = books.changed(books.one_layer(SPEC, ANSWERS), books.as_filled, SPEC)
    client.force_login(alice)
    upload = reverse("lke:import", args=["kpu-tanjabbar", 2025])

    started = client.post(
        upload, {"file": SimpleUploadedFile("lke.xlsx", data), "background": "on"}
    )

    job = Job.objects.get(kind="lke.import_preview")
    page = reverse("lke:import_job", args=["kpu-tanjabbar", job.pk])
    assert started.status_code == 302 and started["Location"] == page
    waiting = client.get(page).content.decode()
    assert "<progress" in waiting and 'hx-trigger="every 1s"' in waiting
    assert not Answer.objects.exists()
    _worker()
    html = client.get(page).content.decode()
    assert f"Pratinjau: {len(SPEC.questions)} jawaban berubah" in html
    assert f'action="{upload}"' in html
    assert not Answer.objects.exists()
    other = Client()
    other.force_login(bob)
    assert other.get(page).status_code == 404

    token = client.get(page).context["token"]
    applied = client.post(upload, {"token": token})

    assert applied.status_code == 302
    assert Answer.objects.filter(assessment=assessment).count() == len(SPEC.questions)


def test_background_preview_into_a_new_year_needs_confirmation(
    client: Client, instrument: object, tree: object, alice: User
) -> None:
    data = books.one_layer(SPEC, ANSWERS, year=2025)
    client.force_login(alice)
    new = reverse("lke:import_new", args=["kpu-tanjabbar"])
    client.post(
        new,
        {
            "year": 2026,
            "file": SimpleUploadedFile("lke.xlsx", data),
            "background": "on",
        },
    )
    _worker()
    job = Job.objects.get(kind="lke.import_preview")
    page = client.get(reverse("lke:import_job", args=["kpu-tanjabbar", job.pk]))
    assert "Tahun di lembar kerja 2025" in page.content.decode()
    assert not Assessment.objects.exists()

    assert 'name="background" value="on"' in page.content.decode()

    applied = client.post(
        new, {"token": page.context["token"], "force": "on", "background": "on"}
    )

    job = Job.objects.get(kind="lke.import_apply")
    result = reverse("lke:import_job", args=["kpu-tanjabbar", job.pk])
    assert applied.status_code == 302 and applied["Location"] == result
    assert not Assessment.objects.exists()
    _worker()
    html = client.get(result).content.decode()
    assert "Lembar kerja diimpor" in html and "penilaian tahun 2026 dibuat" in html
    assessment = Assessment.objects.get(year=2026)
    assert Answer.objects.filter(assessment=assessment).count() == len(SPEC.questions)
