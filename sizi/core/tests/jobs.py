"""Helpers for tests of views that start a background job (any app may use them).

``start_and_run`` posts to a view, checks that the answer leads to the job's
page and that its task was queued, and runs that task as the worker would
(``Task.call`` with the job's id: the database worker itself needs a
transactional test, see ``run_worker``); ``job_file`` reads its result.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django.core.management import call_command
from django.test import Client, TestCase
from django.urls import reverse
from django.utils.module_loading import import_string

from sizi.core.models import Job


def start_and_run(client: Client, url: str, data: dict[str, Any] | None = None) -> Job:
    """POST ``url`` (which must start one job), run the queue once, return the job."""
    before = set(Job.objects.values_list("pk", flat=True))
    with TestCase.captureOnCommitCallbacks() as queued:
        response = client.post(url, data or {})
    started = Job.objects.exclude(pk__in=before)
    assert started.count() == 1, (response.status_code, list(started))  # noqa: S101
    job = started.get()
    assert response.status_code == 302, response.status_code  # noqa: S101
    assert response["Location"] == job.get_absolute_url()  # noqa: S101
    assert len(queued) == 1  # noqa: S101 (the task is enqueued once committed)
    run_task(job)
    return job


def run_task(job: Job) -> None:
    """Run the job's task in this process, as a worker would; refresh the job."""
    import_string(job.task_path).call(str(job.pk))
    job.refresh_from_db()


def run_worker() -> None:
    """Run every queued task with the database worker (transactional tests only)."""
    call_command("worker", "--once", "--no-schedule")


def job_file(client: Client, job: Job) -> bytes:
    """Return the finished job's file as its owner downloads it."""
    assert job.status == Job.Status.DONE, job.error  # noqa: S101
    response = client.get(reverse("units:job_download", args=[job.pk]))
    assert response.status_code == 200  # noqa: S101
    return b"".join(cast("Iterable[bytes]", response.streaming_content))  # type: ignore[attr-defined]
