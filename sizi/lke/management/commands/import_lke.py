"""Read a filled LKE workbook into one layer of a unit's assessment (all or nothing)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sizi.lke.management.commands._lookup import add_layer, add_unit_year
from sizi.lke.services.workbook import ImportReport, import_into
from sizi.units.models import Unit, User


class Command(BaseCommand):
    help = (
        "Impor lembar kerja LKE terisi (format SIZI atau Lampiran III, satu atau beberapa "
        "lapisan) ke satu lapisan penilaian; tidak ada yang ditulis bila ada galat. "
        "Penilaian tahun itu dibuat bila belum ada."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="lembar kerja LKE (.xlsx)")
        add_unit_year(parser)
        add_layer(parser, default="self")
        parser.add_argument("--dry-run", action="store_true", help="hanya pratinjau")
        parser.add_argument(
            "--force",
            action="store_true",
            help="impor walau unit/tahun yang tertera di lembar kerja berbeda",
        )
        parser.add_argument("--as-user", help="nama pengguna pelaku (untuk log audit)")
        parser.add_argument("--json", action="store_true", help="keluaran JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"Unit '{options['unit']}' tidak ada.")
        try:
            data = Path(options["path"]).read_bytes()
        except OSError as exc:
            raise CommandError(f"{options['path']}: {exc.strerror}") from exc
        user = None
        if options["as_user"]:
            user = User.objects.filter(username=options["as_user"]).first()
            if user is None:
                raise CommandError(f"Pengguna '{options['as_user']}' tidak ada.")
        report = import_into(
            unit,
            options["year"],
            data,
            layer=options["layer"],
            by=user,
            dry_run=options["dry_run"],
            force=options["force"],
        )
        if options["json"]:
            self.stdout.write(
                json.dumps(_as_json(report, options), ensure_ascii=False, indent=2)
            )
        else:
            self._print(report, options)
        if report.errors:
            raise CommandError("Impor gagal; tidak ada yang disimpan.")
        if report.confirm_needed and not options["dry_run"]:
            raise CommandError(
                "Unit atau tahun di lembar kerja berbeda dengan tujuan impor; tidak ada "
                "yang disimpan. Ulangi dengan --force bila memang disengaja."
            )

    def _print(self, report: ImportReport, options: dict[str, Any]) -> None:
        for error in report.errors:
            self.stderr.write(error)
        if report.errors:
            return
        dry = options["dry_run"]
        if report.created:
            verb = "akan dibuat" if dry else "dibuat"
            self.stdout.write(
                f"Penilaian LKE {options['year']} untuk unit '{options['unit']}' belum "
                f"ada: {verb}."
            )
        for column in report.columns:
            target = f"→ lapisan {report.layer}" if column.chosen else "(tidak dibaca)"
            self.stdout.write(f"Kolom {column.column} '{column.label}' {target}")
        for line in report.mismatch:
            self.stderr.write(f"Perhatian: {line}")
        verb = "akan berubah" if dry else "berubah"
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
        if report.links_new or report.links_reused:
            self.stdout.write(
                f"Tautan bukti: {report.links_new} baru, {report.links_reused} sudah ada."
            )
        if report.reconciliation is not None:
            for row in report.reconciliation.totals:
                saved = "—" if row.saved is None else f"{row.saved:.2f}"
                self.stdout.write(
                    f"{row.label}: lembar kerja {saved}, SIZI {row.sizi:.2f}"
                )
            for diff in report.reconciliation.differences:
                self.stdout.write(f"  {diff.message}")
        for warning in report.warnings:
            self.stderr.write(f"Peringatan: {warning}")
        if report.missing:
            self.stderr.write(
                f"Tidak ditemukan di lembar kerja ({len(report.missing)}; jawaban "
                f"lamanya tetap): {', '.join(report.missing)}"
            )


def _as_json(report: ImportReport, options: dict[str, Any]) -> dict[str, Any]:
    rec = report.reconciliation
    return {
        "ok": report.ok,
        "errors": report.errors,
        "warnings": report.warnings,
        "created": report.created,
        "layout": report.layout,
        "columns": [
            {"label": c.label, "column": c.column, "layer": c.layer, "chosen": c.chosen}
            for c in report.columns
        ],
        "mismatch": report.mismatch,
        "changes": [{"code": c, "before": b, "after": a} for c, b, a in report.changes],
        "unchanged": report.unchanged,
        "hasil_changes": [
            {"code": c, "before": b, "after": a} for c, b, a in report.hasil_changes
        ],
        "links": {"new": report.links_new, "reused": report.links_reused},
        "totals": [
            {
                "key": t.key,
                "saved": None if t.saved is None else str(t.saved),
                "sizi": str(t.sizi),
            }
            for t in (rec.totals if rec else ())
        ],
        "differences": [
            {
                "code": d.code,
                "cause": d.cause,
                "saved": str(d.saved),
                "sizi": str(d.sizi),
            }
            for d in (rec.differences if rec else ())
        ],
        "missing": report.missing,
        "dry_run": options["dry_run"],
    }
