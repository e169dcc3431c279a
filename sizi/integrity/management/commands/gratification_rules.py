"""Print the gratification rule set in force for a gratification received on DATE."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.formats import date_format

from sizi.core.workdays import current_calendar
from sizi.integrity import gratification_rules as rules


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(
            f"«{text}» bukan tanggal; tulis TTTT-BB-HH, mis. 2026-01-20."
        ) from exc


def _thresholds(rule: rules.RuleSet) -> list[dict[str, Any]]:
    return [
        {
            "key": e.key,
            "label": e.label,
            "per_giver_max": int(e.per_giver_max) if e.per_giver_max else None,
            "per_year_max": int(e.per_year_max) if e.per_year_max else None,
            "non_money_only": e.non_money_only,
            "note": e.note,
        }
        for e in rule.exemptions
    ]


def _deadlines(rule: rules.RuleSet, received: date) -> list[dict[str, Any]]:
    due = rules.due_dates(
        rule,
        add_days=current_calendar().add,
        received=received,
        reported=received,
        completion_requested=received,
    )
    return [
        {
            "key": d.deadline.key,
            "label": d.deadline.label,
            "working_days": d.deadline.days,
            "counted": d.deadline.basis_label,
            "due": d.due.isoformat(),
            "note": d.deadline.note,
        }
        for d in due
    ]


def describe(received: date) -> dict[str, Any]:
    """Return the rule set in force on `received` with each deadline's due date.

    Every deadline is counted from DATE, as if its starting event (receipt, the
    UPG's receipt of the report, the request to complete) happened on DATE.
    """
    try:
        rule = rules.rule_in_force(received)
    except rules.NoRuleInForce as exc:
        raise CommandError(str(exc)) from exc
    return {
        "received_on": received.isoformat(),
        "rule_set": rule.key,
        "title": rule.title,
        "source": rule.source,
        "effective_from": rule.effective_from.isoformat(),
        "effective_to": rule.effective_to.isoformat() if rule.effective_to else None,
        "thresholds": _thresholds(rule),
        "deadlines": _deadlines(rule, received),
        "notes": list(rule.notes),
    }


def _day(iso: str) -> str:
    return date_format(date.fromisoformat(iso), "j F Y")


def _text(data: dict[str, Any]) -> str:
    until = _day(data["effective_to"]) if data["effective_to"] else "sekarang"
    lines = [
        f"Gratifikasi diterima {_day(data['received_on'])}",
        f"Aturan berlaku: {data['title']}",
        f"Sumber: {data['source']}",
        f"Berlaku: {_day(data['effective_from'])} s.d. {until}",
        "",
        "Batas tidak wajib lapor:",
    ]
    for item in data["thresholds"]:
        limit = (
            rules.rupiah(Decimal(item["per_giver_max"])) + " per pemberi"
            if item["per_giver_max"]
            else "tanpa batas nilai"
        )
        if item["per_year_max"]:
            limit += f", {rules.rupiah(Decimal(item['per_year_max']))} per tahun"
        lines.append(f"  - {item['label']}: {limit}")
    lines += ["", "Batas waktu (hari kerja, dihitung dari tanggal di atas):"]
    for item in data["deadlines"]:
        lines.append(
            f"  - {item['label']}: {item['working_days']} hari kerja "
            f"{item['counted']} → {_day(item['due'])}"
        )
    if data["notes"]:
        lines += ["", "Catatan data:", *(f"  - {n}" for n in data["notes"])]
    return "\n".join(lines)


class Command(BaseCommand):
    help = (
        "Tampilkan aturan gratifikasi yang berlaku untuk gratifikasi yang diterima "
        "pada DATE: sumber hukum, batas nilai dan batas waktu beserta tanggalnya."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("date", help="tanggal diterima, TTTT-BB-HH")
        parser.add_argument("--json", action="store_true", help="keluaran JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        data = describe(_date(options["date"]))
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(_text(data))
