"""Recompute the stored LayerScore rows (a cache kept by the services)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sizi.lke.management.commands._lookup import year
from sizi.lke.models import Assessment
from sizi.lke.services import scores


class Command(BaseCommand):
    help = "Hitung ulang nilai tersimpan per lapisan (mis. setelah impor data langsung ke basis data)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=year, help="hanya tahun ini")
        parser.add_argument("--unit", help="hanya unit ini (kode)")

    def handle(self, *args: Any, **options: Any) -> None:
        assessments = Assessment.objects.select_related("instrument", "unit").order_by(
            "pk"
        )
        if options["year"]:
            assessments = assessments.filter(year=options["year"])
        if options["unit"]:
            assessments = assessments.filter(unit__code=options["unit"])
        started = time.perf_counter()
        count = 0
        for assessment in assessments.iterator(chunk_size=200):
            scores.refresh_layer_scores(assessment)
            count += 1
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{count} penilaian dihitung ulang dalam {seconds:.1f} detik."
        )
