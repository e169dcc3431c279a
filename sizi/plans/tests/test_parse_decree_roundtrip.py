"""An exported plan (DOCX, XLSX) reads back to the tree of the decree it came from."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sizi.plans.export import export_plan
from sizi.plans.importing import parse_decree
from sizi.plans.models import ActionPlan


def _tree(value: Any) -> Any:
    """The parsed areas without row locations (they differ between formats)."""
    if isinstance(value, dict):
        return {k: _tree(v) for k, v in value.items() if k != "location"}
    if isinstance(value, list):
        return [_tree(v) for v in value]
    return value


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_export_reads_back_to_the_seed_tree(
    seed_plan: ActionPlan, seed_decree_path: Path, fmt: str
) -> None:
    original = parse_decree(seed_decree_path.read_bytes(), "seed.txt", year=2025)
    exported = export_plan(seed_plan, fmt)
    again = parse_decree(exported.data, exported.filename, year=2025)
    assert again.errors == [], again.errors
    assert again.summary()["indicators"] == 70
    got, want = _tree(again.to_dict()["areas"]), _tree(original.to_dict()["areas"])
    for area in got + want:  # the export prints area titles in capitals
        area["title"] = area["title"].upper()
    assert got == want
    decree, expected = again.decree, original.decree
    assert (decree.number, decree.year, decree.signed_on, decree.signatory) == (
        expected.number,
        expected.year,
        expected.signed_on,
        expected.signatory,
    )
