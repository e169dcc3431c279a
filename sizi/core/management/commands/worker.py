"""python manage.py worker: run background jobs and the periodic commands.

The office PC's `make run` starts one beside gunicorn. Each loop recovers the
jobs of a worker that died, runs the periodic commands that are due, then runs
every queued task (django-tasks database backend) before sleeping.
"""

from __future__ import annotations

import os
import socket
import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker

from sizi.core import jobs, scheduler


class Command(BaseCommand):
    help = "Jalankan pekerjaan latar (ekspor, paket, impor) dan perintah berkala."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--once", action="store_true", help="satu putaran lalu berhenti"
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="jeda antarputaran (detik)"
        )
        parser.add_argument(
            "--no-schedule", action="store_true", help="tanpa perintah berkala"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not isinstance(task_backends["default"], DatabaseBackend):
            raise CommandError(
                "TASKS_BACKEND bukan backend basis data; jalankan worker milik "
                "backend itu (mis. rqworker untuk RQ)."
            )
        worker = Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=f"{socket.gethostname()}-{os.getpid()}"[:64],
        )
        if not options["once"]:
            worker.configure_signals()
            self.stdout.write("Worker SIZI berjalan (hentikan dengan Ctrl+C).")
        while True:
            for job in jobs.recover_stale():
                self.stdout.write(
                    f"Dipulihkan: {job.title} ({job.get_status_display()})"
                )
            if not options["no_schedule"]:
                for run in scheduler.tick():
                    state = "berhasil" if run.succeeded else "GAGAL"
                    self.stdout.write(f"Jadwal {run.name}: {state}")
            worker.run()
            if options["once"]:
                return
            close_old_connections()
            time.sleep(options["interval"])
