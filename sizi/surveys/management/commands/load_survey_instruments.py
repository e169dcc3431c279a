"""Load the survey instrument files (SKM, IPAK, IPKP) into the database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sizi.surveys.instruments.definition import InstrumentError
from sizi.surveys.instruments.loading import DATA_DIR, load_all, load_instrument_file


class Command(BaseCommand):
    help = "Muat berkas instrumen survei (YAML). Tanpa argumen: semua instrumen bawaan."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", help="berkas YAML instrumen")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if not options["paths"]:
                for line in load_all(DATA_DIR):
                    self.stdout.write(line)
                return
            for name in options["paths"]:
                row, created = load_instrument_file(Path(name))
                self.stdout.write(
                    f"{name}: {row} ({'dimuat' if created else 'sudah ada'})"
                )
        except (InstrumentError, OSError) as error:
            raise CommandError(str(error)) from error
