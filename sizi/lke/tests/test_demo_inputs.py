"""The demo's numeric LKE answers read as a unit's would.

The demo once filled every input with 8, 9, 10 in turn: "Jumlah sasaran kinerja:
8; yang tercapai 100% atau lebih: 9" in the audit log and ratios above 100%.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from sizi.lke.demo import DEMO_INPUTS

INSTRUMENT = Path(__file__).parents[1] / "instruments" / "permenpanrb-90-2021.yaml"


def _numeric_questions(node: Any) -> list[dict[str, Any]]:
    found = []
    if isinstance(node, dict):
        if node.get("inputs"):
            found.append(node)
        for value in node.values():
            found += _numeric_questions(value)
    elif isinstance(node, list):
        for item in node:
            found += _numeric_questions(item)
    return found


def test_every_numeric_input_has_a_demo_value_and_no_part_exceeds_its_whole():
    questions = _numeric_questions(yaml.safe_load(INSTRUMENT.read_text("utf-8")))
    assert len(questions) >= 8
    for q in questions:
        for spec in q["inputs"]:
            assert spec["code"] in DEMO_INPUTS, spec["code"]
        formula = q["formula"]
        if formula["kind"] == "ratio":
            part = sum(DEMO_INPUTS[c] for c in formula["numerator"])
            whole = sum(DEMO_INPUTS[c] for c in formula["denominator"])
            assert 0 < part <= whole, q["code"]
        elif formula["kind"] == "decrease":
            assert DEMO_INPUTS[formula["current"]] <= DEMO_INPUTS[formula["previous"]]
