"""docs/background-jobs.md lists every kind of background job the code starts."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
# A job kind is an app label and a name: kind="plans.export" in a start_job call,
# or a key of integrity's BUILDERS ("integrity.upg_report": ...).
KIND = re.compile(r'(?:kind=|^\s+)"([a-z]+\.[a-z_]+)"(?:[,)\s]|: _)', re.MULTILINE)


def _kinds_in_code() -> set[str]:
    kinds: set[str] = set()
    for path in (ROOT / "sizi").rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        # start_job itself, or an app's helper around it (start_document,
        # start_monev_report…)
        if re.search(r"start_\w*(?:job|document|report)\(", text):
            kinds.update(KIND.findall(text))
    return kinds


def test_every_job_kind_is_documented() -> None:
    kinds = _kinds_in_code()
    documented = set(
        re.findall(
            r"^\| `([a-z]+\.[a-z_]+)` \|",
            (ROOT / "docs" / "background-jobs.md").read_text(encoding="utf-8"),
            re.MULTILINE,
        )
    )

    assert {
        "plans.export",
        "surveys.report",
        "integrity.conflict_map",
        "plans.monev_report",
        "evidence.monev_report",
    } <= kinds
    assert kinds - documented == set()
