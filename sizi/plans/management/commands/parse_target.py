"""Show how a target-time text ("target waktu") is read: parse_target "TEXT" [--year] [--json]."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sizi.plans.target_time import format_date, parse_target_time


class Command(BaseCommand):
    help = "Baca teks target waktu (mis. 'Oktober minggu ke-2 tahun 2025') menjadi periode."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "text", help="Teks target waktu seperti tertulis di Lampiran."
        )
        parser.add_argument(
            "--year",
            type=int,
            default=None,
            help="Tahun rencana aksi (bila teks tanpa tahun).",
        )
        parser.add_argument(
            "--json", action="store_true", help="Cetak hasil sebagai JSON."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        target = parse_target_time(options["text"], year=options["year"])
        if options["json"]:
            self.stdout.write(
                json.dumps(target.to_dict(), ensure_ascii=False, indent=2)
            )
            return
        self.stdout.write(f"«{target.raw}» → {target.describe()}")
        if len(target.periods) > 1:
            for start, end in target.periods:
                span = (
                    format_date(start)
                    if start == end
                    else f"{format_date(start)} – {format_date(end)}"
                )
                self.stdout.write(f"  • {span}")
        if target.convention:
            self.stdout.write(f"Ketentuan: {target.convention}")
