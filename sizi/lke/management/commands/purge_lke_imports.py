"""Delete previewed LKE workbooks that were never applied (private storage, lke-imports/)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sizi.core.storage_cleanup import delete_older_than
from sizi.lke.import_previews import IMPORTS_DIR


class Command(BaseCommand):
    help = (
        "Hapus workbook LKE hasil pratinjau yang tidak pernah disimpan "
        "(lebih tua dari --older-than jam, bawaan 24)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than",
            type=float,
            default=24.0,
            metavar="HOURS",
            help="umur minimal berkas dalam jam (bawaan 24)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        hours = options["older_than"]
        if hours < 0:
            raise CommandError("--older-than tidak boleh negatif.")
        deleted, kept = delete_older_than(IMPORTS_DIR, timedelta(hours=hours))
        self.stdout.write(
            f"{deleted} berkas pratinjau LKE dihapus; {kept} berkas lebih baru disimpan."
        )
