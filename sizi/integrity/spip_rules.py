"""SPIP risk rules (pure): scales, the risk-level matrix and the five unsur, from data.

``rules/spip.yaml`` holds the 5×5 likelihood × impact matrix and the unsur of
PP 60/2008. The matrix is checked when read: every cell names a known level.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

RULES_FILE = Path(__file__).resolve().parent / "rules" / "spip.yaml"


@dataclass(frozen=True)
class Level:
    key: str
    label: str
    colour: str
    rank: int


@dataclass(frozen=True)
class Element:
    key: str
    label: str
    sub: tuple[str, ...]


@dataclass(frozen=True)
class RiskRules:
    source: str
    likelihood: tuple[tuple[int, str], ...]
    impact: tuple[tuple[int, str], ...]
    levels: tuple[Level, ...]
    matrix: dict[int, tuple[str, ...]]
    elements: tuple[Element, ...]

    def level(self, likelihood: int, impact: int) -> Level:
        """Return the risk level of a likelihood × impact pair."""
        if likelihood not in self.matrix or not 1 <= impact <= len(self.impact):
            raise ValueError(f"Skor di luar matriks: {likelihood} × {impact}")
        key = self.matrix[likelihood][impact - 1]
        return next(level for level in self.levels if level.key == key)

    def element_label(self, key: str) -> str:
        return next((e.label for e in self.elements if e.key == key), key)


def parse_rules(data: dict[str, Any]) -> RiskRules:
    """Build the rules from parsed YAML, refusing an incomplete or unknown matrix."""
    levels = tuple(
        Level(str(r["key"]), str(r["label"]), str(r["colour"]), rank)
        for rank, r in enumerate(data["levels"])
    )
    known = {level.key for level in levels}
    likelihood = tuple((int(r["value"]), str(r["label"])) for r in data["likelihood"])
    impact = tuple((int(r["value"]), str(r["label"])) for r in data["impact"])
    matrix = {int(k): tuple(str(c) for c in v) for k, v in data["matrix"].items()}
    if set(matrix) != {value for value, _ in likelihood}:
        raise ValueError("The matrix needs one row per likelihood value.")
    for row in matrix.values():
        if len(row) != len(impact) or not set(row) <= known:
            raise ValueError("Each matrix row needs one known level per impact value.")
    return RiskRules(
        source=str(data.get("source", "")),
        likelihood=likelihood,
        impact=impact,
        levels=levels,
        matrix=matrix,
        elements=tuple(
            Element(str(e["key"]), str(e["label"]), tuple(str(s) for s in e["sub"]))
            for e in data["elements"]
        ),
    )


@cache
def risk_rules() -> RiskRules:
    """Return the SPIP rules of the data file."""
    return parse_rules(yaml.safe_load(RULES_FILE.read_text(encoding="utf-8")))
