"""Background jobs: the database backend runs them; people follow and download."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command, get_commands
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from sizi.core import jobs, scheduler
from sizi.core.models import Job, ScheduledRun


@task()
def render_report(job_id: str) -> None:
    with jobs.running(job_id) as run:
        if run is None:
            return
        run.progress(50, "Menyusun tabel")
        if run.params.get("fail"):
            raise jobs.JobFailed("Rencana aksi tahun 2031 belum diimpor.")
        if run.params.get("crash"):
            raise RuntimeError("bug")
        run.store("laporan.txt", "text/plain", b"isi laporan")


def _start(user, unit, **params) -> Job:
    from django.db import transaction

    with transaction.atomic():
        job = jobs.start_job(
            render_report,
            by=user,
            unit=unit,
            kind="test.report",
            title="Laporan uji",
            params=params,
        )
    return job


def _work() -> None:
    call_command("worker", "--once", "--no-schedule")


pytestmark = pytest.mark.django_db(transaction=True)


def test_a_job_runs_on_the_database_backend_and_its_file_downloads(client, tree, alice):
    job = _start(alice, tree["tanjabbar"])
    assert Job.objects.get(pk=job.pk).status == Job.Status.QUEUED
    _work()
    job.refresh_from_db()
    assert (job.status, job.progress, job.result_filename) == (
        Job.Status.DONE,
        100,
        "laporan.txt",
    )
    client.force_login(alice)
    page = client.get(reverse("units:my_downloads"))
    assert "Laporan uji" in page.content.decode()
    response = client.get(reverse("units:job_download", args=[job.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"isi laporan"
    assert response["Cache-Control"] == "private, no-store"
    assert 'filename="laporan.txt"' in response["Content-Disposition"]


def test_progress_is_shown_while_the_job_runs(client, tree, alice):
    job = _start(alice, tree["tanjabbar"])
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING, progress=40, progress_note="Menyusun tabel"
    )
    client.force_login(alice)
    response = client.get(
        reverse("units:job_detail", args=[job.pk]), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert '<progress id="progress-' in html
    assert 'value="40"' in html
    assert 'hx-trigger="every 1s"' in html
    assert "Menyusun tabel" in html


def test_a_failed_job_says_why_in_indonesian(client, tree, alice):
    failed = _start(alice, tree["tanjabbar"], fail=True)
    crashed = _start(alice, tree["tanjabbar"], crash=True)
    _work()
    failed.refresh_from_db()
    crashed.refresh_from_db()
    assert failed.status == crashed.status == Job.Status.FAILED
    assert failed.error == "Rencana aksi tahun 2031 belum diimpor."
    assert crashed.error == jobs.UNEXPECTED
    client.force_login(alice)
    html = client.get(reverse("units:job_detail", args=[failed.pk])).content.decode()
    assert "Rencana aksi tahun 2031 belum diimpor." in html
    assert 'hx-trigger="every 1s"' not in html


def test_nobody_else_sees_or_downloads_a_job(client, tree, alice, bob, charlie):
    job = _start(alice, tree["tanjabbar"])
    _work()
    for other in (bob, charlie):
        client.force_login(other)
        assert client.get(reverse("units:job_detail", args=[job.pk])).status_code == 404
        download = client.get(reverse("units:job_download", args=[job.pk]))
        assert download.status_code == 404
        assert (
            "Laporan uji"
            not in client.get(reverse("units:my_downloads")).content.decode()
        )


def test_a_job_of_a_unit_no_longer_in_scope_is_a_404(client, tree, alice):
    job = _start(alice, tree["tanjabbar"])
    _work()
    alice.memberships.all().delete()
    client.force_login(alice)
    assert client.get(reverse("units:job_download", args=[job.pk])).status_code == 404


def test_a_job_whose_worker_died_is_queued_again_then_failed(tree, alice):
    job = _start(alice, tree["tanjabbar"])
    stale = timezone.now() - timedelta(hours=1)
    # The worker claimed it and was killed: running, no sign of life since.
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING, attempts=1, heartbeat_at=stale
    )
    [recovered] = jobs.recover_stale()
    assert recovered.status == Job.Status.QUEUED
    _work()  # the re-queued task runs to the end
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Job.Status.DONE, 2)

    again = _start(alice, tree["tanjabbar"])
    Job.objects.filter(pk=again.pk).update(
        status=Job.Status.RUNNING, attempts=2, heartbeat_at=stale
    )
    jobs.recover_stale()
    again.refresh_from_db()
    assert (again.status, again.error) == (Job.Status.FAILED, jobs.STOPPED)


def test_expired_results_lose_their_file(tree, alice):
    job = _start(alice, tree["tanjabbar"])
    _work()
    job.refresh_from_db()
    name = job.result_name
    assert default_storage.exists(name)
    assert jobs.purge_expired(timezone.now() + timedelta(days=4)) == 1
    job.refresh_from_db()
    assert job.status == Job.Status.EXPIRED
    assert not default_storage.exists(name)


def test_periodic_commands_run_once_a_day_across_workers(settings, tree):
    settings.PERIODIC_COMMANDS = [("purge_jobs", "purge_jobs", "01:55")]
    morning = timezone.make_aware(
        timezone.datetime(2026, 3, 2, 7, 0), timezone.get_default_timezone()
    )
    night = morning.replace(hour=1, minute=0)
    assert scheduler.tick(night) == []
    [run] = scheduler.tick(morning)
    assert run.succeeded is True
    assert "hasil kedaluwarsa dihapus" in run.output
    assert scheduler.tick(morning) == []  # a second worker finds it claimed
    assert ScheduledRun.objects.count() == 1


def test_every_periodic_command_exists_and_runs_once_a_day():
    commands = [entry.command for entry in scheduler.schedule()]
    assert len(commands) >= 10
    assert [c for c in commands if c not in get_commands()] == []
