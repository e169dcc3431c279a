"""The steps every table reader (text, Word, Excel) shares once rows are read.

A reader turns its format into table events (rows and breaks) and decree lines;
this module fits a row to the six Lampiran columns, recording what it says on
the parsed plan, and finishes the plan: decree checks, the "no table" error, or
the areas built from the events.
"""

from __future__ import annotations

from sizi.plans.importing.decree_fields import check_decree
from sizi.plans.importing.parsed import ParsedPlan, ParseIssue
from sizi.plans.importing.table import COLUMNS, Break, Layout, Row, build_areas, fit_row

Six = tuple[str, str, str, str, str, str]


def missing_table(where: str) -> str:
    """Say that the Lampiran header was not found (``where``: how columns are kept)."""
    return (
        "Tabel Lampiran tidak ditemukan: harus ada baris judul kolom "
        + " | ".join(COLUMNS)
        + f" ({where})."
    )


def fit_row_into(
    plan: ParsedPlan, cells: list[str], layout: Layout, location: str
) -> Six | None:
    """Fit a row to the layout and record its warning or error on `plan`;
    return its six cells, or None when the row is refused."""
    six, issue = fit_row(cells, layout, location)
    if six is None:
        if issue is not None:
            plan.errors.append(issue)
        return None
    if issue is not None:
        plan.warnings.append(issue)
    return six


def finish_plan(
    plan: ParsedPlan,
    events: list[Row | Break],
    *,
    found: bool,
    where: str,
    year: int | None,
) -> ParsedPlan:
    """Check the decree read into `plan` and build its areas from `events`;
    without a Lampiran table (`found` false) say so, naming `where` columns are."""
    plan.warnings = check_decree(plan.decree) + plan.warnings
    if not found:
        plan.errors.append(ParseIssue("", missing_table(where)))
        return plan
    areas, warnings, errors = build_areas(
        events, year=year if year is not None else plan.decree.plan_year
    )
    plan.areas = areas
    plan.warnings.extend(warnings)
    plan.errors.extend(errors)
    return plan
