"""Read a filled LKE workbook into one layer of a unit's assessment (all or nothing)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sizi.lke.management.commands._lookup import (
    add_layer,
    add_unit_year,
    find_assessment,
)
from sizi.lke.services.workbook import import_assessment
from sizi.units.models import User


class Command(BaseCommand):
    help = "Impor workbook LKE terisi ke satu lapisan penilaian; tidak ada yang ditulis bila ada galat."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="workbook .xlsx")
        add_unit_year(parser)
        add_layer(parser, default="self")
        parser.add_argument("--dry-run", action="store_true", help="hanya pratinjau")
        parser.add_argument("--as-user", help="nama pengguna pelaku (untuk log audit)")
        parser.add_argument("--json", action="store_true", help="keluaran JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        assessment = find_assessment(options["unit"], options["year"])
        try:
            data = Path(options["path"]).read_bytes()
        except OSError as exc:
            raise CommandError(f"{options['path']}: {exc.strerror}") from exc
        user = None
        if options["as_user"]:
            user = User.objects.filter(username=options["as_user"]).first()
            if user is None:
                raise CommandError(f"Pengguna '{options['as_user']}' tidak ada.")
        report = import_assessment(
            assessment,
            data,
            layer=options["layer"],
            by=user,
            dry_run=options["dry_run"],
        )
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "ok": report.ok,
                        "errors": report.errors,
                        "changes": [
                            {"code": c, "before": b, "after": a}
                            for c, b, a in report.changes
                        ],
                        "unchanged": report.unchanged,
                        "hasil_changes": [
                            {"code": c, "before": b, "after": a}
                            for c, b, a in report.hasil_changes
                        ],
                        "missing": report.missing,
                        "dry_run": options["dry_run"],
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
            if not report.ok:
                raise CommandError("Impor gagal; tidak ada yang disimpan.")
            return
        if not report.ok:
            for error in report.errors:
                self.stderr.write(error)
            raise CommandError("Impor gagal; tidak ada yang disimpan.")
        verb = "akan berubah" if options["dry_run"] else "berubah"
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(report.changes)} jawaban {verb}, {report.unchanged} sama."
            )
        )
        for code, before, after in report.changes:
            self.stdout.write(f"  {code}: {before or '—'} → {after or '—'}")
        if report.hasil_changes:
            self.stdout.write(
                f"{len(report.hasil_changes)} isian komponen hasil {verb}:"
            )
        for code, before, after in report.hasil_changes:
            self.stdout.write(f"  {code}: {before or '—'} → {after or '—'}")
        if report.missing:
            self.stderr.write(
                f"Tidak ditemukan di workbook ({len(report.missing)}; jawaban "
                f"lamanya tetap): {', '.join(report.missing)}"
            )
