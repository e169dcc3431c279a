"""The shape of the code under ``sizi/``: function lengths, module sizes, ignores.

Run on demand (never as a test)::

    .venv/bin/python benchmarks/code_shape.py            # all of sizi/
    .venv/bin/python benchmarks/code_shape.py units plans  # some apps only

Prints the median and 90th percentile of function length (lines from ``def`` to the
function's last line, decorators excluded) over non-test, non-migration modules,
the largest module (lines, tests and migrations included, then non-test), the number of
``# type: ignore`` comments and the number of function-level imports (an
``import`` statement inside a function body, ``TYPE_CHECKING`` blocks are at
module level and not counted).
"""

from __future__ import annotations

import argparse
import ast
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "sizi"


def _is_code(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    return (
        "tests" not in parts
        and "migrations" not in parts
        and not path.name.startswith("test_")
    )


def _functions(tree: ast.AST) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    return [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
    ]


def _function_imports(func: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Import statements in this function's own body (not in nested functions)."""
    count = 0
    stack: list[ast.AST] = list(func.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            count += 1
        elif not isinstance(
            node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
        ):
            stack.extend(ast.iter_child_nodes(node))
    return count


def _percentile(values: list[int], fraction: float) -> int:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def measure(apps: list[str]) -> dict[str, object]:
    roots = [ROOT / app for app in apps] if apps else [ROOT]
    paths = sorted({p for root in roots for p in root.rglob("*.py")})
    lengths: list[int] = []
    ignores = 0
    function_imports = 0
    largest = (0, "")
    largest_code = (0, "")
    for path in paths:
        text = path.read_text(encoding="utf-8")
        ignores += text.count("# type: ignore")
        lines = len(text.splitlines())
        if lines > largest[0]:
            largest = (lines, str(path.relative_to(ROOT.parent)))
        if not _is_code(path):
            continue
        if lines > largest_code[0]:
            largest_code = (lines, str(path.relative_to(ROOT.parent)))
        tree = ast.parse(text, filename=str(path))
        for func in _functions(tree):
            end = func.end_lineno or func.lineno
            lengths.append(end - func.lineno + 1)
            function_imports += _function_imports(func)
    return {
        "scope": " ".join(f"sizi/{a}" for a in apps) if apps else "sizi",
        "modules": len(paths),
        "functions": len(lengths),
        "median": statistics.median(lengths) if lengths else 0,
        "p90": _percentile(lengths, 0.9) if lengths else 0,
        "longest": max(lengths) if lengths else 0,
        "largest_module": f"{largest[1]} ({largest[0]} lines)",
        "largest_code_module": f"{largest_code[1]} ({largest_code[0]} lines)",
        "type_ignores": ignores,
        "function_imports": function_imports,
    }


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "apps", nargs="*", help="apps under sizi/ (default: all of sizi/)"
    )
    figures = measure(parser.parse_args(argv).apps)
    labels = {
        "scope": "scope",
        "modules": "Python modules",
        "functions": "functions (non-test, non-migration)",
        "median": "function length, median (lines)",
        "p90": "function length, p90 (lines)",
        "longest": "longest function (lines)",
        "largest_module": "largest module",
        "largest_code_module": "largest non-test module",
        "type_ignores": "# type: ignore comments",
        "function_imports": "function-level imports (non-test)",
    }
    for key, label in labels.items():
        print(f"{label:40} {figures[key]}")


if __name__ == "__main__":
    main(sys.argv[1:])
