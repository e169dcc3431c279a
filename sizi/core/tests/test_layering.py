"""The apps import each other only leftwards, in the order of the ZI process.

The rule covers test modules too: a test module of app X imports X, apps to
its left and the root conftest's fixtures (a journey through several apps
lives in the tests of the rightmost app it touches). Apps of the order that do
not exist yet are skipped.
"""

from __future__ import annotations

import ast
from pathlib import Path

ORDER = [
    "core",
    "units",
    "plans",
    "evidence",
    "surveys",
    "cases",
    "integrity",
    "lke",
    "api",
]
PACKAGE = Path(__file__).resolve().parents[2]
# Test modules allowed one step outside the rule, with the reason.
TEST_EXCEPTIONS = {
    # The audit log records users and units, whose models live in units.
    "core/tests/test_audit.py": {"units"},
    "core/tests/test_audit_chain.py": {"units"},
}


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


def _violations(*, tests: bool) -> tuple[list[str], int]:
    violations = []
    checked = 0
    for position, app in enumerate(ORDER):
        if not (PACKAGE / app).is_dir():
            continue
        forbidden = set(ORDER[position + 1 :])
        for path in (PACKAGE / app).rglob("*.py"):
            if "migrations" in path.parts or ("tests" in path.parts) != tests:
                continue
            checked += 1
            name = path.relative_to(PACKAGE).as_posix()
            wrong = _imported_apps(path) & forbidden - TEST_EXCEPTIONS.get(name, set())
            if wrong:
                violations.append(f"{name} imports {sorted(wrong)}")
    return violations, checked


def test_no_app_imports_an_app_to_its_right():
    violations, checked = _violations(tests=False)
    assert checked > 50
    assert violations == []


def test_no_test_module_imports_an_app_to_its_right():
    violations, checked = _violations(tests=True)
    assert checked > 50
    assert violations == []


def test_the_rule_finds_a_rightward_import(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "from sizi.lke.models import Assessment\n"
        "if TYPE_CHECKING:\n    from sizi.api import x\n",
        encoding="utf-8",
    )
    assert _imported_apps(module) == {"lke"}
