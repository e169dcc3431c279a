"""python manage.py restore PATH: rebuild an empty instance from a backup archive."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sizi.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Pulihkan instans kosong yang sudah dimigrasi dari arsip cadangan "
        "(semua atau tidak sama sekali)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", help="arsip .zip dari manage.py backup")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"Berkas «{path}» tidak ditemukan.")
        try:
            with path.open("rb") as source:
                summary = restore_backup(source)
        except BackupError as exc:
            raise CommandError(
                f"Pemulihan dibatalkan, tidak ada yang diubah: {exc}"
            ) from exc
        rows = sum(summary.rows.values())
        self.stdout.write(
            f"Dipulihkan dari cadangan {summary.created_at}: {rows} baris, "
            f"{summary.files} berkas."
        )
