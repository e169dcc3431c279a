"""One Indonesian vocabulary and one date/time format in the source (issue 11).

Scans every template and the Python string literals that can reach a user
(messages, form labels, errors, command output, document headers: every string
that is prose, docstrings, tests and migrations left out) for the deny-list of
`sizi/core/tests/vocabulary.py`, and every date format for the house style:
"15 Desember 2025", "14.30". Branches merged later are held to the same list.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from sizi.core.tests.vocabulary import problems_in_text, visible_text

ROOT = Path(__file__).resolve().parents[3]
SIZI = ROOT / "sizi"

#: Python strings that keep a denied term on purpose: (path, the literal).
ALLOWED_STRINGS = {
    # OAuth scopes sent to the identity provider, not shown.
    ("sizi/settings.py", "openid email profile"),
}

#: Date formats a template or `date_format()` may use (Django format strings).
HOUSE_FORMATS = {"j F Y", "j F Y, H.i", "H.i", "F Y", "j F", "Y"}
#: Machine formats, allowed only inside an attribute or a query string.
MACHINE_FORMATS = {"c", "Y-m-d"}
#: Modules whose strftime() writes data for machines, not for people.
MACHINE_STRFTIME = {
    "sizi/core/audit_chain.py",  # canonical UTC time inside the audit hash
    "sizi/surveys/importing/table.py",  # spreadsheet cells normalised for parsing
    "sizi/plans/importing/xlsx_reader.py",  # decree cells read back by the parser
    "sizi/evidence/pack.py",  # a file name stamp (YYYYMMDD)
}

_TEMPLATE_COMMENT = re.compile(r"\{#.*?#\}|\{% comment %\}.*?\{% endcomment %\}", re.S)
_TEMPLATE_CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_DATE_ARG = re.compile(r"\|(?:date|time):(?:\"([^\"]*)\"|'([^']*)')")


def _templates() -> Iterator[Path]:
    for base in [ROOT / "templates", *SIZI.glob("*/templates")]:
        for path in sorted(base.rglob("*")):
            if path.suffix in {".html", ".txt"}:
                yield path


def _python_modules() -> Iterator[Path]:
    for path in sorted(SIZI.rglob("*.py")):
        parts = path.relative_to(SIZI).parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield path


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def template_text(source: str) -> str:
    """The literal text of a template; each tag or variable becomes a mark "¤"."""
    source = _TEMPLATE_COMMENT.sub(" ", source)
    return visible_text(_TEMPLATE_CODE.sub(" ¤ ", source))


def _docstring_ids(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(
            node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
        ):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
            ):
                ids.add(id(body[0].value))
    return ids


def prose_strings(source: str) -> Iterator[tuple[int, str]]:
    """(line, text) of each string literal that reads as words for a person.

    Identifiers, keys and paths (no space, lower case) and docstrings are code.
    """
    tree = ast.parse(source)
    docstrings = _docstring_ids(tree)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
            continue
        text = node.value
        if id(node) in docstrings or text.isidentifier() and not text[:1].isupper():
            continue
        if " " in text.strip() or text[:1].isupper():
            yield node.lineno, text


def test_the_helpers_catch_what_they_are_for():
    assert problems_in_text("Unggah workbook LKE")
    assert problems_in_text("Snapshot #1")
    assert problems_in_text("Email: a@b.id")
    assert problems_in_text("mekanise kerja baru")
    assert problems_in_text("Diajukan diajukan 1 Desember 2025")
    assert not problems_in_text("penangan penangan.wbs; kata-kata; Surel: a@b.id")
    text = template_text('<p title="Snapshot">{{ s }} {{ s }}</p>{# workbook #}')
    assert problems_in_text(text) and "workbook" not in text
    assert not problems_in_text(template_text("Diajukan {{ when }} diajukan"))
    lines = [
        t for _, t in prose_strings('"""Doc workbook."""\nx = ("a_b", "Workbook")')
    ]
    assert lines == ["Workbook"]


def test_templates_use_one_vocabulary():
    found = []
    for path in _templates():
        text = template_text(path.read_text(encoding="utf-8"))
        found += [f"{_rel(path)}: {p}" for p in problems_in_text(text)]

    assert found == []


def test_python_strings_that_reach_users_use_one_vocabulary():
    found = []
    for path in _python_modules():
        rel = _rel(path)
        for line, text in prose_strings(path.read_text(encoding="utf-8")):
            if (rel, text) in ALLOWED_STRINGS:
                continue
            found += [f"{rel}:{line}: {p}" for p in problems_in_text(text)]

    assert found == []


def test_templates_format_dates_and_times_in_house_style():
    found = []
    for path in _templates():
        source = path.read_text(encoding="utf-8")
        for match in _DATE_ARG.finditer(source):
            fmt = match.group(1) if match.group(1) is not None else match.group(2)
            if fmt in HOUSE_FORMATS:
                continue
            # A machine format is fine where no one reads it: value="…", ?start=…
            before = source[: match.start()]
            opening = before.rfind("{{")
            in_attribute = re.search(r"""(=["']?|[?&;][a-z_]+=)$""", before[:opening])
            if fmt in MACHINE_FORMATS and in_attribute:
                continue
            line = source.count("\n", 0, match.start()) + 1
            found.append(f"{_rel(path)}:{line}: {match.group(0)}")

    assert found == []


def _format_calls(tree: ast.AST) -> Iterator[tuple[str, int, str]]:
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name not in {"date_format", "time_format", "strftime"}:
            continue
        args = list(node.args) + [k.value for k in node.keywords if k.arg == "format"]
        for arg in args:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                yield name, node.lineno, arg.value


def test_python_formats_dates_and_times_in_house_style():
    found = []
    for path in _python_modules():
        rel = _rel(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name, line, fmt in _format_calls(tree):
            if name == "strftime":
                if rel not in MACHINE_STRFTIME:
                    found.append(f"{rel}:{line}: strftime({fmt!r}) shown to users")
            elif fmt not in HOUSE_FORMATS and fmt not in {
                "DATE_FORMAT",
                "DATETIME_FORMAT",
                "TIME_FORMAT",
            }:
                found.append(f"{rel}:{line}: {name}(…, {fmt!r})")

    assert found == []


def _date_specs(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Yield each f-string field written with a strftime spec: f"{day:%d-%m-%Y}"."""
    for node in ast.walk(tree):
        if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            spec = "".join(
                part.value
                for part in ast.walk(node.format_spec)
                if isinstance(part, ast.Constant) and isinstance(part.value, str)
            )
            # "%Y%m%d" stamps a file name (rekap-pengaduan-20260101-…).
            if "%" in spec and spec != "%Y%m%d":
                yield node.lineno, spec


def test_python_f_strings_format_dates_in_house_style():
    """f"{due:%d-%m-%Y}" reached PPID notices, reminders and monev names."""
    found = [
        f"{_rel(path)}:{line}: f-string date {spec!r} shown to users"
        for path in _python_modules()
        if _rel(path) not in MACHINE_STRFTIME
        for line, spec in _date_specs(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert found == []
