"""Write a unit's LKE as the official workbook (.xlsx with live formulas)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sizi.lke.management.commands._lookup import (
    add_layer,
    add_unit_year,
    find_assessment,
)
from sizi.lke.services.workbook import export_assessment


class Command(BaseCommand):
    help = "Ekspor LKE satu unit dan tahun ke workbook LKE resmi (.xlsx)."

    def add_arguments(self, parser: CommandParser) -> None:
        add_unit_year(parser)
        add_layer(parser)
        parser.add_argument(
            "-o", "--output", required=True, help="berkas keluaran .xlsx"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        assessment = find_assessment(options["unit"], options["year"])
        data = export_assessment(assessment, options["layer"])
        try:
            Path(options["output"]).write_bytes(data)
        except OSError as exc:
            raise CommandError(
                f"{options['output']}: tidak dapat ditulis; periksa folder tujuannya "
                f"({exc.strerror})."
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(f"Ditulis: {options['output']} ({len(data)} bita)")
        )
