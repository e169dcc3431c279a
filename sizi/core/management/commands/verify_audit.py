"""Walk the audit log's hash chain and report the first broken link."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sizi.core.audit import verify_log


class Command(BaseCommand):
    help = (
        "Periksa rantai hash log audit dari awal sampai akhir; sebutkan tautan "
        "pertama yang rusak (kode keluar 1 bila ada). Hasilnya dicatat di log audit."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="keluaran JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_log()
        broken = report.broken
        if options["json"]:
            payload = {
                "intact": report.intact,
                "checked": report.checked,
                "last_seq": report.last_seq,
                "last_hash": report.last_hash,
                "broken": None
                if broken is None
                else {
                    "event_id": broken.event_id,
                    "seq": broken.seq,
                    "problem": broken.problem,
                    "message": broken.message,
                },
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
        elif broken is None:
            self.stdout.write(
                f"Rantai audit utuh: {report.checked} peristiwa diperiksa; "
                f"urutan terakhir {report.last_seq}, hash {report.last_hash}."
            )
        else:
            where = f"peristiwa #{broken.event_id}" if broken.event_id else "ujung"
            self.stderr.write(
                f"Rantai audit RUSAK pada {where} (urutan {broken.seq}): "
                f"{broken.message} [{broken.problem}]"
            )
            self.stdout.write(f"{report.checked} peristiwa utuh sebelum kerusakan.")
        if broken is not None:
            sys.exit(1)
