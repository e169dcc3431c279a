"""Delete decree previews that were uploaded but never saved (run by cron/systemd)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sizi.plans.import_previews import purge_previews


class Command(BaseCommand):
    help = (
        "Hapus berkas pratinjau impor rencana aksi yang tidak pernah disimpan "
        "(lebih tua dari --older-than jam)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than",
            type=float,
            default=24.0,
            metavar="HOURS",
            help="Umur minimal berkas yang dihapus, dalam jam (bawaan 24).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        hours = options["older_than"]
        if hours < 0:
            raise CommandError("--older-than tidak boleh negatif.")
        deleted = purge_previews(timedelta(hours=hours))
        self.stdout.write(
            f"{deleted} berkas pratinjau impor yang lebih tua dari {hours:g} jam dihapus."
        )
