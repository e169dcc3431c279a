"""Read the decree as plain text: the Lampiran is a tab-separated table (the seed's form)."""

from __future__ import annotations

from sizi.plans.importing.cleaning import clean_text
from sizi.plans.importing.decree_fields import Line, check_decree, read_decree_fields
from sizi.plans.importing.parsed import ParsedPlan, ParseIssue
from sizi.plans.importing.table import (
    COLUMNS,
    Break,
    Row,
    area_header,
    build_areas,
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
            if is_header_row(_cells(line)) or is_header_row([line])
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

    events: list[Row | Break] = []
    for index in range(start, end + 1):
        line, location = lines[index], f"baris {index + 1}"
        if not line.strip():
            continue
        cells = _cells(line)
        if (
            is_header_row(cells)
            or is_header_row([line])
            or is_number_row(cells)
            or is_number_row(line.split())
        ):
            events.append(Break(location))
            continue
        if len(cells) == 1:
            area = area_header((line, "", "", "", "", ""))
            if is_page_number(line):
                continue
            if area:
                events.append(Row((line, "", "", "", "", ""), location, location))
            else:
                plan.warnings.append(
                    ParseIssue(
                        location,
                        f"Teks di luar kolom tabel diabaikan: «{clean_text(line)[:80]}».",
                    )
                )
            continue
        if len(cells) > 6:
            if any(c.strip() for c in cells[6:]):
                plan.errors.append(
                    ParseIssue(
                        location, f"Baris punya {len(cells)} kolom; seharusnya 6."
                    )
                )
                continue
            cells = cells[:6]
        if len(cells) < 6:
            if area_header(tuple(cells + [""] * (6 - len(cells)))) is None:
                plan.warnings.append(
                    ParseIssue(
                        location,
                        f"Baris hanya punya {len(cells)} kolom; sisanya dianggap kosong.",
                    )
                )
            cells = cells + [""] * (6 - len(cells))
        events.append(Row(tuple(cells), location, location))  # type: ignore[arg-type]

    decree_year = year if year is not None else plan.decree.plan_year
    areas, warnings, errors = build_areas(events, year=decree_year)
    plan.areas = areas
    plan.warnings.extend(warnings)
    plan.errors.extend(errors)
    return plan
