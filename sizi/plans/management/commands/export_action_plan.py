"""Export a unit's action plan in the decree's form (DOCX, PDF or XLSX)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sizi.plans.export import FORMATS, export_plan
from sizi.plans.models import ActionPlan


class Command(BaseCommand):
    help = "Ekspor rencana aksi sebuah unit dalam bentuk lampiran keputusan."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="Kode unit")
        parser.add_argument(
            "--year", type=int, required=True, help="Tahun rencana aksi"
        )
        parser.add_argument("--format", choices=sorted(FORMATS), required=True)
        parser.add_argument("-o", "--output", required=True, help="Berkas keluaran")
        parser.add_argument(
            "--paper", choices=["A4", "F4"], default="A4", help="Ukuran kertas PDF"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        plan = (
            ActionPlan.objects.select_related("unit")
            .filter(unit__code=options["unit"], year=options["year"])
            .first()
        )
        if plan is None:
            raise CommandError(
                f"Rencana aksi {options['year']} untuk unit '{options['unit']}' tidak ada."
            )
        exported = export_plan(plan, options["format"], paper=options["paper"])
        Path(options["output"]).write_bytes(exported.data)
        self.stdout.write(f"Tersimpan: {options['output']} ({len(exported.data)} bita)")
