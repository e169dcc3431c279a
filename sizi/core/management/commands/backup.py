"""python manage.py backup -o PATH: the whole instance in one archive."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from sizi.core.backup import BackupError, write_backup


class Command(BaseCommand):
    help = "Tulis basis data dan semua berkas tersimpan ke satu arsip (dengan SHA-256)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("-o", "--output", required=True, help="berkas .zip tujuan")
        parser.add_argument(
            "--json", action="store_true", help="ringkasan sebagai JSON"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["output"])
        if not path.parent.is_dir():
            raise CommandError(f"Folder «{path.parent}» tidak ada.")
        if path.exists():
            raise CommandError(f"«{path}» sudah ada; pilih nama lain.")
        partial = path.with_name(path.name + ".partial")
        try:
            with partial.open("xb") as target:
                summary = write_backup(target)
            partial.rename(path)
        except (BackupError, OSError) as exc:
            partial.unlink(missing_ok=True)
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "path": str(path),
                        "rows": summary.rows,
                        "files": summary.files,
                        "file_bytes": summary.file_bytes,
                    },
                    indent=2,
                )
            )
            return
        rows = sum(summary.rows.values())
        self.stdout.write(
            f"Cadangan ditulis ke {path}: {rows} baris dari {len(summary.rows)} tabel, "
            f"{summary.files} berkas ({filesizeformat(summary.file_bytes)})."
        )
