"""The apps import each other only leftwards, in the order of the ZI process."""

from __future__ import annotations

import ast
from pathlib import Path

ORDER = ["core", "units", "plans", "evidence", "lke"]
PACKAGE = Path(__file__).resolve().parents[2] / "sizi"


def _imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {n.split(".")[1] for n in names if n.startswith("sizi.") and n.count(".") >= 1}


def test_no_app_imports_an_app_to_its_right():
    violations = []
    for position, app in enumerate(ORDER):
        forbidden = set(ORDER[position + 1 :])
        for path in (PACKAGE / app).rglob("*.py"):
            if "tests" in path.parts or "migrations" in path.parts:
                continue
            wrong = _imported_apps(path) & forbidden
            if wrong:
                violations.append(f"{path.relative_to(PACKAGE)} imports {sorted(wrong)}")

    assert violations == []
