"""Load an LKE instrument file (default: PermenPANRB 90/2021 jo. 5/2024)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sizi.lke.instrument import default_instrument_path
from sizi.lke.services.instrument import load_instrument_file


class Command(BaseCommand):
    help = "Muat berkas instrumen LKE (YAML) ke basis data; memuat ulang berkas yang sama tidak mengubah apa pun."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path",
            nargs="?",
            help="berkas YAML instrumen (bawaan: PermenPANRB 90/2021)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["path"] or default_instrument_path()
        try:
            instrument, created = load_instrument_file(path)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        count = instrument.questions.count()
        if created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Instrumen dimuat: {instrument} — {count} pertanyaan, SHA-256 {instrument.source_hash}"
                )
            )
        else:
            self.stdout.write(
                f"Tidak ada perubahan: {instrument} sudah dimuat ({count} pertanyaan)."
            )
