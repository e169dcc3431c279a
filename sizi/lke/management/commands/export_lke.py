"""Write a unit's LKE as a workbook (.xlsx with live formulas), SIZI's or the official layout."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sizi.lke.management.commands._lookup import (
    add_layer,
    add_unit_year,
    find_assessment,
)
from sizi.lke.models import Layer
from sizi.lke.services.workbook import export_assessment


class Command(BaseCommand):
    help = (
        "Ekspor LKE satu unit dan tahun ke lembar kerja LKE (.xlsx): format SIZI (bawaan) "
        "atau format resmi Lampiran III (--layout official, --layers untuk beberapa "
        "lapisan berdampingan)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_unit_year(parser)
        add_layer(parser)
        parser.add_argument(
            "--layout", choices=("sizi", "official"), default="sizi", help="tata letak"
        )
        parser.add_argument(
            "--layers",
            help="format resmi beberapa lapisan, mis. self,internal (urut dari bawah)",
        )
        parser.add_argument(
            "-o", "--output", required=True, help="berkas keluaran .xlsx"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        assessment = find_assessment(options["unit"], options["year"])
        layers = None
        if options["layers"]:
            if options["layout"] != "official":
                raise CommandError("--layers hanya untuk --layout official.")
            layers = [x.strip() for x in options["layers"].split(",") if x.strip()]
            unknown = [x for x in layers if x not in Layer.values]
            if unknown:
                raise CommandError(f"Lapisan tidak dikenal: {', '.join(unknown)}.")
            layers.sort(key=lambda x: Layer(x).rank)
        data = export_assessment(
            assessment, options["layer"], layout=options["layout"], layers=layers
        )
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
