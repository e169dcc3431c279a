"""The LKE workbook export as a background job, run by the database worker."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from sizi.core.models import Job
from sizi.lke.models import Assessment
from sizi.units.models import User

pytestmark = pytest.mark.django_db(transaction=True)


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
    assert "Workbook LKE" in client.get(reverse("units:my_downloads")).content.decode()


def test_export_job_of_another_unit_is_refused(
    client: Client, assessment: Assessment, charlie: User
) -> None:
    client.force_login(charlie)
    path = reverse("lke:export", args=["kpu-tanjabbar", 2025])
    assert client.post(path, {"format": "resmi"}).status_code == 404
    assert not Job.objects.exists()
