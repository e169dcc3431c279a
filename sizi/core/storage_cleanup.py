"""Deleting abandoned files (upload previews) from the private storage by age.

Works through Django's storage API, so it cleans a local folder and S3-compatible
object storage alike. `PurgeCommand` is the base of `purge_plan_imports` and
`purge_lke_imports`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone


def delete_older_than(folder: str, older_than: timedelta) -> tuple[int, int]:
    """Delete files under `folder` (recursively) older than `older_than`.

    Return (deleted, kept). A missing folder, or a file removed meanwhile (its
    preview was just applied), is not an error.
    """
    cutoff = timezone.now() - older_than
    try:
        subfolders, files = default_storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return 0, 0
    deleted = kept = 0
    for filename in sorted(files):
        name = f"{folder}/{filename}"
        try:
            modified = default_storage.get_modified_time(name)
        except FileNotFoundError:
            continue
        if timezone.is_naive(modified):
            modified = timezone.make_aware(modified)
        if modified < cutoff:
            default_storage.delete(name)
            deleted += 1
        else:
            kept += 1
    for subfolder in sorted(subfolders):
        more_deleted, more_kept = delete_older_than(f"{folder}/{subfolder}", older_than)
        deleted, kept = deleted + more_deleted, kept + more_kept
    return deleted, kept


class PurgeCommand(BaseCommand):
    """A command deleting the files of one storage folder older than --older-than hours.

    A subclass sets `folder` (the storage folder) and `what` (the files' name
    in the report, e.g. "pratinjau LKE").
    """

    folder: str
    what: str

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
        deleted, kept = delete_older_than(self.folder, timedelta(hours=hours))
        self.stdout.write(
            f"{deleted} berkas {self.what} dihapus; {kept} berkas lebih baru disimpan."
        )
