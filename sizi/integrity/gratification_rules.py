"""Effective-dated gratification rules: which rule set applies, its clocks, its thresholds.

Django-free. The data lives in ``rules/gratification.yaml``: each rule set
(Peraturan KPK 2/2019, its amendment 1/2026, …) with the days it is in force,
its statutory deadlines in working days and its not-to-report thresholds. The
rule set in force on the day a gratification was received applies to it.

Working days come from a calendar function passed in (``add_days(start, n)``,
the n-th working day after ``start``), so this module stays pure and testable.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml

RULES_FILE = Path(__file__).resolve().parent / "rules" / "gratification.yaml"

AddDays = Callable[[date, int], date]

# What a deadline is counted from.
BASIS_LABELS = {
    "received": "sejak gratifikasi diterima",
    "reported": "sejak laporan diterima UPG",
    "completion_requested": "sejak UPG meminta kelengkapan",
}


class NoRuleInForce(LookupError):
    """No rule set covers the given day."""


@dataclass(frozen=True)
class Deadline:
    key: str
    label: str
    days: int
    basis: str
    note: str

    @property
    def basis_label(self) -> str:
        return BASIS_LABELS[self.basis]


@dataclass(frozen=True)
class Exemption:
    """A kind of gift that need not be reported up to a value (or at all)."""

    key: str
    label: str
    events: tuple[str, ...]
    relations: tuple[str, ...]
    non_money_only: bool
    per_giver_max: Decimal | None
    per_year_max: Decimal | None
    note: str

    def matches(self, *, event: str, relation: str, is_money: bool) -> bool:
        if self.events and event not in self.events:
            return False
        if self.relations and relation not in self.relations:
            return False
        return not (self.non_money_only and is_money)


@dataclass(frozen=True)
class RuleSet:
    key: str
    title: str
    source: str
    effective_from: date
    effective_to: date | None
    deadlines: tuple[Deadline, ...]
    exemptions: tuple[Exemption, ...]
    notes: tuple[str, ...]

    def in_force_on(self, day: date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )

    def deadline(self, key: str) -> Deadline:
        for item in self.deadlines:
            if item.key == key:
                return item
        raise KeyError(key)


@dataclass(frozen=True)
class DueDate:
    deadline: Deadline
    start: date
    due: date


@dataclass(frozen=True)
class ValueNote:
    """How a reported value compares with a threshold that may apply to it."""

    exemption: Exemption
    under_limit: bool

    @property
    def message(self) -> str:
        limit = self.exemption.per_giver_max
        if limit is None:
            return (
                f"{self.exemption.label}: tidak wajib dilaporkan. "
                "Laporan tetap diterima dan dicatat."
            )
        amount = rupiah(limit)
        if self.under_limit:
            text = (
                f"{self.exemption.label}: nilai tidak lebih dari {amount} per pemberi, "
                "sehingga tidak wajib dilaporkan"
            )
            if self.exemption.per_year_max is not None:
                text += (
                    f" (selama jumlah dari pemberi yang sama dalam setahun tidak lebih"
                    f" dari {rupiah(self.exemption.per_year_max)})"
                )
            return text + ". Laporan tetap diterima dan dicatat."
        return (
            f"{self.exemption.label}: nilai melebihi {amount} per pemberi, "
            "sehingga wajib dilaporkan."
        )


def rupiah(value: Decimal) -> str:
    """Return "Rp1.500.000" (Indonesian grouping, no decimals)."""
    return "Rp" + f"{int(value):,}".replace(",", ".")


def _amount(raw: Any) -> Decimal | None:
    return None if raw is None else Decimal(int(raw))


def _rule_set(raw: dict[str, Any]) -> RuleSet:
    return RuleSet(
        key=str(raw["key"]),
        title=str(raw["title"]),
        source=str(raw["source"]),
        effective_from=raw["effective_from"],
        effective_to=raw.get("effective_to"),
        deadlines=tuple(
            Deadline(
                key=str(d["key"]),
                label=str(d["label"]),
                days=int(d["days"]),
                basis=str(d["basis"]),
                note=str(d.get("note", "")),
            )
            for d in raw["deadlines"]
        ),
        exemptions=tuple(
            Exemption(
                key=str(e["key"]),
                label=str(e["label"]),
                events=tuple(e.get("events", ())),
                relations=tuple(e.get("relations", ())),
                non_money_only=bool(e.get("non_money_only", False)),
                per_giver_max=_amount(e.get("per_giver_max")),
                per_year_max=_amount(e.get("per_year_max")),
                note=str(e.get("note", "")),
            )
            for e in raw.get("exemptions", ())
        ),
        notes=tuple(str(n) for n in raw.get("notes", ())),
    )


def parse_rule_sets(text: str) -> tuple[RuleSet, ...]:
    """Parse the YAML text into rule sets, checking that their periods do not overlap."""
    data = yaml.safe_load(text)
    sets = tuple(
        sorted(
            (_rule_set(raw) for raw in data["rule_sets"]),
            key=lambda r: r.effective_from,
        )
    )
    for earlier, later in zip(sets, sets[1:], strict=False):
        if earlier.effective_to is None or earlier.effective_to >= later.effective_from:
            raise ValueError(f"{earlier.key} overlaps {later.key}")
    for rule in sets:
        for deadline in rule.deadlines:
            if deadline.basis not in BASIS_LABELS:
                raise ValueError(f"unknown basis {deadline.basis!r} in {rule.key}")
    return sets


@cache
def rule_sets() -> tuple[RuleSet, ...]:
    """Return every rule set of the data file, oldest first."""
    return parse_rule_sets(RULES_FILE.read_text(encoding="utf-8"))


@cache
def value_bands() -> tuple[Decimal, ...]:
    """Return the upper bounds of the value bands of the UPG report, ascending."""
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    return tuple(sorted(Decimal(int(v)) for v in data["value_bands"]))


def band_labels(bounds: Sequence[Decimal]) -> list[str]:
    """Return the labels of the bands cut at `bounds` ("≤ Rp1.000.000", …, "> Rp10.000.000")."""
    labels = []
    lower: Decimal | None = None
    for bound in bounds:
        if lower is None:
            labels.append(f"≤ {rupiah(bound)}")
        else:
            labels.append(f"> {rupiah(lower)} s.d. {rupiah(bound)}")
        lower = bound
    if lower is not None:
        labels.append(f"> {rupiah(lower)}")
    return labels


def band_index(value: Decimal, bounds: Sequence[Decimal]) -> int:
    """Return the index of the band `value` falls in."""
    for index, bound in enumerate(bounds):
        if value <= bound:
            return index
    return len(bounds)


def rule_in_force(received: date, sets: Sequence[RuleSet] | None = None) -> RuleSet:
    """Return the rule set in force on the day of receipt."""
    for rule in sets if sets is not None else rule_sets():
        if rule.in_force_on(received):
            return rule
    raise NoRuleInForce(f"Tidak ada aturan gratifikasi yang berlaku pada {received}.")


def due_dates(
    rule: RuleSet,
    *,
    add_days: AddDays,
    received: date,
    reported: date | None = None,
    completion_requested: date | None = None,
) -> list[DueDate]:
    """Return each deadline whose starting event is known, with its due date."""
    starts = {
        "received": received,
        "reported": reported,
        "completion_requested": completion_requested,
    }
    result = []
    for deadline in rule.deadlines:
        start = starts[deadline.basis]
        if start is not None:
            result.append(DueDate(deadline, start, add_days(start, deadline.days)))
    return result


def explain_value(
    rule: RuleSet, *, event: str, relation: str, is_money: bool, value: Decimal | None
) -> list[ValueNote]:
    """Return the thresholds that may apply to a gift, and whether it is under them."""
    notes = []
    for exemption in rule.exemptions:
        if not exemption.matches(event=event, relation=relation, is_money=is_money):
            continue
        limit = exemption.per_giver_max
        under = limit is None or (value is not None and value <= limit)
        notes.append(ValueNote(exemption, under))
    return notes
