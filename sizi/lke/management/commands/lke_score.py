"""Print the LKE score of a unit and year: totals, areas and eligibility."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sizi.lke.management.commands._lookup import (
    add_layer,
    add_unit_year,
    find_assessment,
)
from sizi.lke.models import Layer
from sizi.lke.scoring import format_id
from sizi.lke.services import scores


class Command(BaseCommand):
    help = (
        "Tampilkan nilai LKE satu unit dan tahun (total, per area, kelayakan WBK/WBBM)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_unit_year(parser)
        add_layer(parser)
        parser.add_argument("--json", action="store_true", help="keluaran JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        assessment = find_assessment(options["unit"], options["year"])
        results = scores.score_all_layers(assessment)
        layer = options["layer"]
        if layer is None:
            result = scores.effective(results)
        else:
            result = scores.score_layer(assessment, layer)
        if options["json"]:
            data = {
                "unit": assessment.unit.code,
                "year": assessment.year,
                "status": assessment.status,
                "instrument": {
                    "code": assessment.instrument.code,
                    "version": assessment.instrument.version,
                },
                "layer": result.layer,
                "layers_present": [r.layer for r in results],
                "score": result.score.to_dict(),
                "eligibility": result.eligibility.to_dict(),
            }
            self.stdout.write(
                json.dumps(data, ensure_ascii=False, indent=2, default=str)
            )
            return
        s = result.score
        if not s.question_count:
            raise CommandError("Instrumen tanpa pertanyaan.")
        self.stdout.write(
            f"LKE {assessment.year} {assessment.unit.name} — {Layer(result.layer).label}"
        )
        for label, value in (
            ("Pemenuhan", s.pemenuhan),
            ("Reform", s.reform),
            ("Pengungkit", s.pengungkit),
            ("Hasil", s.hasil),
            ("Total", s.total),
        ):
            self.stdout.write(f"  {label:<11} {format_id(value):>7}")
        self.stdout.write("Per area:")
        for area in s.areas:
            self.stdout.write(
                f"  {area.code:<4} {area.name:<40} {format_id(area.value):>6} / {format_id(area.weight):>6}"
                f"  {format_id(area.percent)}%"
            )
        for code, ok in result.eligibility.passed.items():
            self.stdout.write(
                f"{code.upper()}: {'memenuhi syarat' if ok else 'belum memenuhi'}"
            )
            for failure in result.eligibility.failures_for(code):
                self.stdout.write(
                    f"  - {failure.message} (kurang {format_id(failure.gap)})"
                )
