"""Read the decree as plain text: the Lampiran is a tab-separated table (the seed's form)."""

from __future__ import annotations

from sizi.plans.importing.cleaning import clean_text
from sizi.plans.importing.decree_fields import Line, check_decree, read_decree_fields
from sizi.plans.importing.parsed import ParsedPlan, ParseIssue
from sizi.plans.importing.table import (
    COLUMNS,
    STANDARD,
    Break,
    Row,
    area_header,
    build_areas,
    fit_row,
    header_layout,
    is_header_row,
    is_number_row,
    is_page_number,
    is_signature_line,
)

MISSING_TABLE = (
    "Tabel Lampiran tidak ditemukan: harus ada baris judul kolom "
    + " | ".join(COLUMNS)
    + " (dipisah tab)."
)


def _cells(line: str) -> list[str]:
    return line.split("\t")


def read_text(text: str, *, year: int | None = None) -> ParsedPlan:
    """Read a plain-text decree; ``year`` overrides the decree's own year for targets."""
    plan = ParsedPlan(source_format="text")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start = next(
        (
            i
            for i, line in enumerate(lines)
            if header_layout(_cells(line)) or is_header_row([line])
        ),
        None,
    )
    if start is None:
        plan.decree = read_decree_fields(
            [Line(f"baris {i}", t) for i, t in enumerate(lines, 1)]
        )
        plan.warnings = check_decree(plan.decree)
        plan.errors.append(ParseIssue("", MISSING_TABLE))
        return plan
    layout = header_layout(_cells(lines[start])) or STANDARD
    end = start
    for index in range(start + 1, len(lines)):
        if is_signature_line(_cells(lines[index])):
            break
        if "\t" in lines[index]:
            end = index
    outside = [
        Line(f"baris {i + 1}", t) for i, t in enumerate(lines) if i < start or i > end
    ]
    plan.decree = read_decree_fields(outside)
    plan.warnings = check_decree(plan.decree)

    if layout.others:
        plan.warnings.append(
            ParseIssue(
                f"baris {start + 1}",
                "Kolom di luar enam kolom Lampiran diabaikan: "
                + ", ".join(f"«{name}»" for name in layout.others)
                + ".",
            )
        )
    events: list[Row | Break] = []
    for index in range(start, end + 1):
        line, location = lines[index], f"baris {index + 1}"
        if not line.strip():
            continue
        cells = _cells(line)
        if (
            header_layout(cells)
            or is_header_row([line])
            or is_number_row(cells)
            or is_number_row(line.split())
        ):
            events.append(Break(location))
            continue
        if len(cells) == 1:
            if is_page_number(line):
                continue
            if area_header((line, "", "", "", "", "")):
                events.append(Row((line, "", "", "", "", ""), location, location))
            else:
                plan.warnings.append(
                    ParseIssue(
                        location,
                        f"Teks di luar kolom tabel diabaikan: «{clean_text(line)[:80]}».",
                    )
                )
            continue
        six, issue = fit_row(cells, layout, location)
        if six is None:
            plan.errors.append(issue)  # type: ignore[arg-type]
            continue
        if issue is not None:
            plan.warnings.append(issue)
        events.append(Row(six, location, location))

    decree_year = year if year is not None else plan.decree.plan_year
    areas, warnings, errors = build_areas(events, year=decree_year)
    plan.areas = areas
    plan.warnings.extend(warnings)
    plan.errors.extend(errors)
    return plan
