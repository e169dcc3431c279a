"""The proposal conditions of P5/2024 (syarat pengusulan), read from their data file.

Django-free: `load_conditions` reads the YAML; `evaluate` turns the facts a
service found in SIZI's data into rows: met, failed, or to be confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

RULES_PATH = Path(__file__).resolve().parent.parent / "rules" / "proposal-p5-2024.yaml"
CHECKS = frozenset({"thresholds", "prerequisite", "zi_age", "lhkpn", "confirm"})


@dataclass(frozen=True)
class Condition:
    code: str
    text: str
    applies: str  # "wbk", "wbbm" or "both"
    check: str


@dataclass(frozen=True)
class ConditionRow:
    """One condition as shown before a proposal."""

    code: str
    text: str
    state: str  # "met", "failed", "confirm"
    detail: str = ""

    @property
    def state_label(self) -> str:
        return {
            "met": "terpenuhi",
            "failed": "belum terpenuhi",
            "confirm": "perlu dikonfirmasi",
        }[self.state]


@dataclass(frozen=True)
class ConditionSet:
    source: str
    conditions: tuple[Condition, ...]


def load_conditions(path: Path = RULES_PATH) -> ConditionSet:
    """Read and validate the conditions file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    conditions = []
    for raw in data["conditions"]:
        condition = Condition(
            str(raw["code"]), str(raw["text"]), str(raw["applies"]), str(raw["check"])
        )
        if condition.check not in CHECKS or condition.applies not in {
            "wbk",
            "wbbm",
            "both",
        }:
            raise ValueError(f"Syarat pengusulan tidak sah: {condition.code}")
        conditions.append(condition)
    return ConditionSet(str(data["source"]), tuple(conditions))


def evaluate(
    rules: ConditionSet,
    predicate: str,
    facts: dict[str, tuple[bool | None, str]],
) -> list[ConditionRow]:
    """Return the rows of ``predicate``'s conditions; a fact of None is to confirm."""
    rows = []
    for condition in rules.conditions:
        if condition.applies not in {predicate, "both"}:
            continue
        passed, detail = facts.get(condition.check, (None, ""))
        if condition.check == "confirm" or passed is None:
            state = "confirm"
        else:
            state = "met" if passed else "failed"
        rows.append(ConditionRow(condition.code, condition.text, state, detail))
    return rows
