"""Test helpers: upload a PDF decree, which the upload page reads in a background job."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from sizi.core.models import Job
from sizi.core.tests.jobs import run_task


def upload_pdf(client: Any, code: str, name: str, data: bytes, year: str = "") -> Job:
    """POST a PDF to the import page: check it starts one reading job, queued on
    commit, and leads to that job's page; return the job (not run yet)."""
    before = set(Job.objects.values_list("pk", flat=True))
    with TestCase.captureOnCommitCallbacks() as queued:
        response = client.post(
            reverse("plans:plan_import", args=[code]),
            {"file": SimpleUploadedFile(name, data), "year": year},
        )
    job = Job.objects.exclude(pk__in=before).get()
    assert job.kind == "plans.import_read"  # noqa: S101
    assert response.status_code == 302  # noqa: S101
    assert response["Location"] == read_url(code, job)  # noqa: S101
    assert len(queued) == 1  # noqa: S101
    return job


def read_url(code: str, job: Job) -> str:
    return reverse("plans:plan_import_read", args=[code, job.pk])


def preview_pdf(client: Any, code: str, name: str, data: bytes, year: str = "") -> Any:
    """Upload a PDF, run its reading job as the worker would, open the preview."""
    job = upload_pdf(client, code, name, data, year)
    run_task(job)
    return client.get(read_url(code, job))
