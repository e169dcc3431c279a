"""Delete previewed LKE workbooks that were never applied (private storage, lke-imports/)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

PREFIX = "lke-imports"


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
        cutoff = timezone.now() - timedelta(hours=hours)
        try:
            _dirs, files = default_storage.listdir(PREFIX)
        except (FileNotFoundError, NotADirectoryError):
            files = []
        deleted = kept = 0
        for filename in sorted(files):
            name = f"{PREFIX}/{filename}"
            try:
                modified = default_storage.get_modified_time(name)
            except FileNotFoundError:
                continue  # removed meanwhile (applied by its user)
            if timezone.is_naive(modified):
                modified = timezone.make_aware(modified)
            if modified < cutoff:
                default_storage.delete(name)
                deleted += 1
            else:
                kept += 1
        self.stdout.write(
            f"{deleted} berkas pratinjau LKE dihapus; {kept} berkas lebih baru disimpan."
        )
