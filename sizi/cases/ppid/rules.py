"""The PPID rules as data (`sizi/cases/data/ppid.yaml`): clocks and exception grounds."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "ppid.yaml"


@dataclass(frozen=True)
class PpidRules:
    source: str
    answer_days: int
    extension_days: int
    objection_window_days: int
    objection_answer_days: int
    commission_window_days: int
    exception_grounds: dict[str, str]

    def ground_choices(self) -> list[tuple[str, str]]:
        return list(self.exception_grounds.items())


@cache
def rules() -> PpidRules:
    """Read the rules once per process."""
    with DATA_FILE.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    clocks = data["clocks"]
    return PpidRules(
        source=str(data["source"]),
        answer_days=int(clocks["answer_days"]),
        extension_days=int(clocks["extension_days"]),
        objection_window_days=int(clocks["objection_window_days"]),
        objection_answer_days=int(clocks["objection_answer_days"]),
        commission_window_days=int(clocks["commission_window_days"]),
        exception_grounds={
            str(k): str(v) for k, v in data["exception_grounds"].items()
        },
    )
