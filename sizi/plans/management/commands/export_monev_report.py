"""Export a plan's Laporan Monev of one period (PDF or XLSX), without filing it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sizi.plans.export.monev import MONEV_FORMATS, export_monev_report
from sizi.plans.models import ActionPlan
from sizi.plans.monev_report import period_from_key


class Command(BaseCommand):
    help = "Ekspor laporan monev rencana aksi sebuah unit untuk satu periode."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="Kode unit")
        parser.add_argument(
            "--year", type=int, required=True, help="Tahun rencana aksi"
        )
        parser.add_argument(
            "--period",
            required=True,
            help="Triwulan tw1–tw4 atau bulan m1–m12 (contoh: tw3, m10)",
        )
        parser.add_argument("--format", choices=sorted(MONEV_FORMATS), required=True)
        parser.add_argument("-o", "--output", required=True, help="Berkas keluaran")

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
        period = period_from_key(plan.year, options["period"])
        if period is None:
            raise CommandError(
                f"Periode '{options['period']}' tidak dikenal; pakai tw1–tw4 atau m1–m12."
            )
        exported = export_monev_report(plan, period, options["format"])
        Path(options["output"]).write_bytes(exported.data)
        self.stdout.write(f"Tersimpan: {options['output']} ({len(exported.data)} bita)")
