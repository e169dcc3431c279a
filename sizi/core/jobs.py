"""Long work as background jobs: start one, run it with progress, keep its result.

A view calls :func:`start_job` with a task (django-tasks) that takes the job's
id; the task opens :func:`running` around its work, reports progress and
stores its file. The person follows the job under "Unduhan saya" and may leave
the page. A worker that dies mid-job leaves the job "running" without a
heartbeat: :func:`recover_stale` (run by every worker loop) queues it again
once, then marks it failed with its reason. Results expire after
``JOB_RESULT_HOURS`` and :func:`purge_expired` deletes their files.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from functools import partial
from io import BytesIO
from typing import IO, TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from sizi.core.models import Job

if TYPE_CHECKING:
    from django_tasks.base import Task

    from sizi.units.models import Unit, User

logger = logging.getLogger(__name__)

UNEXPECTED = (
    "Terjadi kesalahan tak terduga saat memproses. Silakan ulangi; bila terulang, "
    "hubungi admin sistem."
)
STOPPED = (
    "Proses berhenti di tengah jalan (server dimatikan atau dimulai ulang) dan "
    "sudah dicoba ulang. Silakan mulai lagi."
)


class JobFailed(Exception):
    """Stop a job with a message for the person who started it (Indonesian)."""


def start_job(
    task: Task[Any, Any],
    *,
    by: User,
    unit: Unit | None,
    kind: str,
    title: str,
    params: dict[str, Any] | None = None,
) -> Job:
    """Record a job and queue its task once the transaction commits."""
    job = Job.objects.create(
        user=by,
        unit=unit,
        kind=kind,
        title=title[:200],
        task_path=task.module_path,
        params=params or {},
    )
    job_id = str(job.pk)
    transaction.on_commit(lambda: task.enqueue(job_id))
    return job


class JobRun:
    """The running job as its task sees it: report progress, store the result."""

    def __init__(self, job: Job) -> None:
        self.job = job

    @property
    def params(self) -> dict[str, Any]:
        params: dict[str, Any] = self.job.params
        return params

    def progress(self, percent: int, note: str = "") -> None:
        """Record how far the work is (0–100) and that the worker is alive."""
        percent = max(0, min(99, int(percent)))
        Job.objects.filter(pk=self.job.pk).update(
            progress=percent, progress_note=note[:200], heartbeat_at=timezone.now()
        )
        self.job.progress, self.job.progress_note = percent, note[:200]

    def store(self, filename: str, content_type: str, data: bytes | IO[bytes]) -> None:
        """Keep the result file in private storage for the person to download."""
        content = File(BytesIO(data) if isinstance(data, bytes) else data)
        extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
        name = default_storage.save(
            f"jobs/{self.job.pk}/{uuid.uuid4().hex}.{extension}", content
        )
        self._keep(name, filename, content_type)

    @contextmanager
    def writer(self, filename: str, content_type: str) -> Iterator[IO[bytes]]:
        """Write the result file straight into storage (no local copy first).

        For results too large to hold in memory, e.g. a ZIP written entry by
        entry: the name is reserved with an empty file, then opened for writing.
        """
        extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
        name = default_storage.save(
            f"jobs/{self.job.pk}/{uuid.uuid4().hex}.{extension}", ContentFile(b"")
        )
        try:
            with default_storage.open(name, "wb") as out:
                yield out
        except BaseException:
            default_storage.delete(name)
            raise
        self._keep(name, filename, content_type)

    def _keep(self, name: str, filename: str, content_type: str) -> None:
        self.job.result_name = name
        self.job.result_filename = filename[:200]
        self.job.result_content_type = content_type[:120]
        self.job.result_size = default_storage.size(name)


def _finish(job: Job, status: str, *, error: str = "") -> None:
    now = timezone.now()
    job.status = status
    job.error = error
    job.finished_at = now
    job.heartbeat_at = now
    if status == Job.Status.DONE:
        job.progress = 100
        job.expires_at = now + timedelta(hours=settings.JOB_RESULT_HOURS)
    job.save()


def _claim(job_id: str) -> Job | None:
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.is_finished or job.status == Job.Status.RUNNING:
            return None
        now = timezone.now()
        job.status = Job.Status.RUNNING
        job.attempts += 1
        job.started_at = job.started_at or now
        job.heartbeat_at = now
        job.save()
        return job


@contextmanager
def running(job_id: str) -> Iterator[JobRun | None]:
    """Run the body as the job ``job_id``; yield None if it is not to be run.

    A :class:`JobFailed` or ``ValidationError`` in the body fails the job with
    its message; any other exception fails it with a general message and is
    logged. The job ends "selesai" otherwise.
    """
    job = _claim(job_id)
    if job is None:
        yield None
        return
    run = JobRun(job)
    try:
        yield run
    except JobFailed as exc:
        _finish(job, Job.Status.FAILED, error=str(exc))
    except ValidationError as exc:
        _finish(job, Job.Status.FAILED, error=" ".join(exc.messages))
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        _finish(job, Job.Status.FAILED, error=UNEXPECTED)
    else:
        _finish(job, Job.Status.DONE)


def recover_stale(now: datetime | None = None) -> list[Job]:
    """Queue again (once) or fail the running jobs whose worker stopped."""
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=settings.JOB_STALE_MINUTES)
    recovered: list[Job] = []
    with transaction.atomic():
        stale = Job.objects.select_for_update(skip_locked=True).filter(
            status=Job.Status.RUNNING, heartbeat_at__lt=cutoff
        )
        for job in stale:
            if job.attempts < settings.JOB_MAX_ATTEMPTS:
                job.status = Job.Status.QUEUED
                job.progress = 0
                job.progress_note = "Diulang setelah proses terhenti."
                job.save()
                transaction.on_commit(partial(_enqueue, job.task_path, str(job.pk)))
            else:
                _finish(job, Job.Status.FAILED, error=STOPPED)
            recovered.append(job)
    return recovered


def _enqueue(task_path: str, job_id: str) -> None:
    import_string(task_path).enqueue(job_id)


def purge_expired(now: datetime | None = None) -> int:
    """Delete the files of results past their expiry; return how many."""
    now = now or timezone.now()
    expired = Job.objects.filter(status=Job.Status.DONE, expires_at__lt=now)
    count = 0
    for job in expired:
        if job.result_name:
            default_storage.delete(job.result_name)
        job.status = Job.Status.EXPIRED
        job.result_name = ""
        job.save(update_fields=["status", "result_name"])
        count += 1
    return count
