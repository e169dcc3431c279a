"""The apps import each other only leftwards, in the order of the ZI process."""

from __future__ import annotations

import ast
from pathlib import Path

ORDER = ["core", "units", "plans", "evidence", "surveys", "lke"]
PACKAGE = Path(__file__).resolve().parents[2]


def _runtime_imports(node: ast.AST) -> list[str]:
    """Return imported module names, skipping `if TYPE_CHECKING:` blocks."""
    if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
        return [name for child in node.orelse for name in _runtime_imports(child)]
    if isinstance(node, ast.ImportFrom):
        return [node.module] if node.module else []
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    return [
        name for child in ast.iter_child_nodes(node) for name in _runtime_imports(child)
    ]


def _imported_apps(path: Path) -> set[str]:
    names = _runtime_imports(ast.parse(path.read_text(encoding="utf-8")))
    return {n.split(".")[1] for n in names if n.startswith("sizi.")}


def test_no_app_imports_an_app_to_its_right():
    violations = []
    for position, app in enumerate(ORDER):
        forbidden = set(ORDER[position + 1 :])
        for path in (PACKAGE / app).rglob("*.py"):
            if "tests" in path.parts or "migrations" in path.parts:
                continue
            wrong = _imported_apps(path) & forbidden
            if wrong:
                violations.append(
                    f"{path.relative_to(PACKAGE)} imports {sorted(wrong)}"
                )

    checked = sum(1 for app in ORDER for _ in (PACKAGE / app).rglob("*.py"))
    assert checked > 50
    assert violations == []
