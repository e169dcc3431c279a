"""Read the decree as plain text: the Lampiran is a tab-separated table (the seed's form).

CSV exports of the table (``;`` or ``,`` as separator, quoted cells) are read the
same way; the separator is the one of the first line that is the table header.
"""

from __future__ import annotations

import csv
import io

from sizi.plans.importing.assembly import fit_row_into, missing_table
from sizi.plans.importing.cleaning import clean_text
from sizi.plans.importing.decree_fields import Line, check_decree, read_decree_fields
from sizi.plans.importing.parsed import ParsedPlan, ParseIssue
from sizi.plans.importing.table import (
    STANDARD,
    Break,
    Layout,
    Row,
    area_header,
    build_areas,
    header_layout,
    is_header_row,
    is_number_row,
    is_page_number,
    is_signature_line,
)

MISSING_TABLE = missing_table("dipisah tab, titik koma, atau koma")
NO_SEPARATOR = (
    "Judul kolom tabel Lampiran ada di baris ini, tetapi kolomnya tidak dipisah tab "
    "(mungkin hasil salin dari PDF dengan spasi). Simpan tabel sebagai teks dengan tab, "
    "CSV, DOCX, atau XLSX."
)
SEPARATORS = ("\t", ";", ",")

Record = tuple[int, list[str]]  # (first line number, cells)


def _find_header(lines: list[str]) -> tuple[int, str] | None:
    """Return (line index, separator) of the first table header line."""
    for index, line in enumerate(lines):
        if "KOMPONEN" not in line.upper():
            continue
        for separator in SEPARATORS:
            if separator in line and header_layout(line.split(separator)):
                return index, separator
        if is_header_row([line]):
            return index, ""
    return None


def _records(lines: list[str], start: int, separator: str) -> list[Record]:
    """Split the lines from ``start`` into cells (CSV quoting for ``;`` and ``,``)."""
    if separator == "\t":
        return [(i + 1, line.split("\t")) for i, line in enumerate(lines) if i >= start]
    records: list[Record] = []
    reader = csv.reader(io.StringIO("\n".join(lines[start:])), delimiter=separator)
    first = start + 1
    for row in reader:
        records.append((first, row if row else [""]))
        first = start + reader.line_num + 1
    return records


def read_text(text: str, *, year: int | None = None) -> ParsedPlan:
    """Read a plain-text decree; ``year`` overrides the decree's own year for targets."""
    plan = ParsedPlan(source_format="text")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    found = _find_header(lines)
    if found is None or not found[1]:
        plan.decree = read_decree_fields(
            [Line(f"baris {i}", t) for i, t in enumerate(lines, 1)]
        )
        plan.warnings = check_decree(plan.decree)
        if found is None:
            plan.errors.append(ParseIssue("", MISSING_TABLE))
        else:
            plan.errors.append(ParseIssue(f"baris {found[0] + 1}", NO_SEPARATOR))
        return plan
    start, separator = found
    try:
        records = _records(lines, start, separator)
    except csv.Error as exc:
        plan.errors.append(
            ParseIssue("tabel Lampiran", f"CSV tidak dapat dibaca: {exc}.")
        )
        return plan
    layout = header_layout(records[0][1]) or STANDARD
    end = 0  # records[0] is the header
    for position, (_number, cells) in enumerate(records[1:], start=1):
        if is_signature_line(cells):
            break
        if len(cells) > 1:
            end = position
    last_line = records[end + 1][0] - 1 if end + 1 < len(records) else len(lines)
    outside = [
        Line(f"baris {i + 1}", t)
        for i, t in enumerate(lines)
        if i < start or i >= last_line
    ]
    plan.decree = read_decree_fields(outside)
    plan.warnings = check_decree(plan.decree)
    if issue := layout.ignored_columns(f"baris {start + 1}"):
        plan.warnings.append(issue)
    plan.areas, warnings, errors = build_areas(
        _events(records[: end + 1], layout, plan),
        year=year if year is not None else plan.decree.plan_year,
    )
    plan.warnings.extend(warnings)
    plan.errors.extend(errors)
    return plan


def _events(
    records: list[Record], layout: Layout, plan: ParsedPlan
) -> list[Row | Break]:
    """Turn the table's records into rows and page breaks; report odd lines."""
    events: list[Row | Break] = []
    for number, cells in records:
        location = f"baris {number}"
        line = " ".join(cells)
        if not line.strip():
            continue
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
        six = fit_row_into(plan, cells, layout, location)
        if six is None:
            continue
        events.append(Row(six, location, location))
    return events
