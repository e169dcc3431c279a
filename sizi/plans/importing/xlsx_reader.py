"""Read the decree as XLSX: the Lampiran's six columns anywhere on a sheet.

* The header row is found by its texts (NO, KOMPONEN, INDIKATOR, LANGKAH AKSI,
  BUKTI FISIK, TARGET WAKTU), in any row and any columns, on the first sheet
  that has it; the six columns are taken from where those labels are.
* Rows below it are table rows until a signature line ("Ditetapkan di",
  "pada tanggal", "ttd", "Salinan sesuai ...", or an upper-case "KETUA ...",
  "KEPALA ...", "SEKRETARIS ..." first cell); a repeated header or number row
  is a page break. Merged cells are read as empty (carried down).
* Decree fields come from the text above the header and below the table, from
  other sheets' text, and from label/value pairs in two adjacent cells on any
  other sheet (labels: Nomor, Tahun, Tentang/Judul, Tanggal, Tempat/Ditetapkan
  di, Penandatangan/Nama, Jabatan, Dasar hukum/Mengingat — one row per legal
  basis item, the label may be left empty on the following rows). Label/value
  pairs win over the text.
* Dates typed as Excel dates in TARGET WAKTU are read as that day.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

from sizi.core.numbers import NumberError, parse_count
from sizi.plans.importing.assembly import Six, finish_plan
from sizi.plans.importing.cleaning import clean_text
from sizi.plans.importing.decree_fields import (
    Line,
    read_decree_fields,
    settle_plan_year,
)
from sizi.plans.importing.parsed import ParsedDecree, ParsedPlan, ParseIssue
from sizi.plans.importing.table import (
    COLUMNS,
    Break,
    Row,
    canonical_label,
    is_header_row,
    is_number_row,
    is_signature_line,
    normalize_label,
)
from sizi.plans.target_time import MONTH_NAMES, Kind, parse_target_time

MAX_ROWS = 5000  # the seed's Lampiran has about 100 rows
MAX_COLUMNS = 40
_KEYS = {
    "NOMOR": "number", "NOMOR KEPUTUSAN": "number", "NO KEPUTUSAN": "number",
    "TAHUN": "year", "TENTANG": "title", "JUDUL": "title",
    "TAHUN RENCANA": "plan_year", "TAHUN RENCANA AKSI": "plan_year",
    "TANGGAL": "signed_on", "TANGGAL DITETAPKAN": "signed_on", "DITETAPKAN TANGGAL": "signed_on",
    "TANGGAL PENETAPAN": "signed_on",
    "TEMPAT": "place", "DITETAPKAN DI": "place", "TEMPAT PENETAPAN": "place",
    "PENANDATANGAN": "signatory", "NAMA PENANDATANGAN": "signatory", "NAMA": "signatory",
    "JABATAN": "signatory_title", "JABATAN PENANDATANGAN": "signatory_title",
    "DASAR HUKUM": "legal_basis", "MENGINGAT": "legal_basis",
}  # fmt: skip


def _six(cells: list[str], columns: list[int]) -> Six:
    """Return the six Lampiran cells of a row (a missing cell is empty)."""
    no, comp, ind, step, evidence, target = (
        cells[i] if i < len(cells) else "" for i in columns
    )
    return no, comp, ind, step, evidence, target


def _year(value: str) -> int | None:
    """Return a decree sheet's year cell as a year; None for anything else (the
    year is then read from the title or asked for, as for an empty cell)."""
    if not value.isdigit():
        return None
    try:
        return parse_count(value, where="Tahun", max_value=9999)
    except NumberError:
        return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _cell_text(cell: Any) -> str:
    """A cell's text; a date shown without its day ("Okt-25") is that month."""
    value = cell.value
    if isinstance(value, datetime | date):
        shown = re.sub(r'"[^"]*"|\[[^]]*]', "", str(cell.number_format or "")).lower()
        if "m" in shown and "d" not in shown and "h" not in shown:
            return f"{MONTH_NAMES[value.month - 1]} {value.year}"
    return _text(value)


def _row_lines(cells: list[str], location: str) -> list[Line]:
    """Text lines of a sheet row outside the table (an empty row is one blank line)."""
    texts = [t for c in cells if c.strip() for t in c.split("\n")]
    return [Line(location, t) for t in texts] or [Line(location, "")]


def _find_header(rows: list[list[str]]) -> tuple[int, list[int]] | None:
    for r, cells in enumerate(rows):
        labels = [canonical_label(c) for c in cells]
        if not all(col in labels for col in COLUMNS):
            continue
        columns = [labels.index(col) for col in COLUMNS]
        if columns == sorted(columns) or is_header_row([c for c in cells if c]):
            return r, columns
    return None


def _key_values(rows: list[list[str]], decree: ParsedDecree) -> set[str]:
    """Apply label/value pairs to the decree; return the fields they set."""
    current = ""
    seen: set[str] = set()
    basis: list[str] = []
    for cells in rows:
        filled = [(i, c.strip()) for i, c in enumerate(cells) if c.strip()]
        if not filled:
            current = ""
            continue
        key = normalize_label(filled[0][1]).rstrip(" :")
        field = _KEYS.get(key)
        value = filled[1][1] if len(filled) > 1 else ""
        if (
            field is None
            and current == "legal_basis"
            and len(cells) > 1
            and not cells[0].strip()
        ):
            basis.append(clean_text(filled[0][1]))
            continue
        current = field or ""
        if not field or not value:
            continue
        value = clean_text(value)
        seen.add(field)
        if field == "legal_basis":
            basis.append(value)
        elif field in ("year", "plan_year"):
            year = _year(value)
            if year is not None:
                setattr(decree, field, year)
        elif field == "signed_on":
            read = parse_target_time(value, year=None)
            if read.kind == Kind.DATE and not read.needs_review:
                decree.signed_on = read.start
        elif field == "number":
            match = re.match(
                r"^(?P<n>\S+?)\s+TAHUN\s+(?P<y>\d{4})$", value, re.IGNORECASE
            )
            if match:
                decree.number, decree.year = match.group("n"), int(match.group("y"))
            else:
                decree.number = value
        else:
            setattr(decree, field, value)
    if basis:
        decree.legal_basis = basis
    return seen


def read_xlsx(data: bytes, *, year: int | None = None) -> ParsedPlan:
    """Read an XLSX decree (``data`` must be a readable workbook; the caller catches errors)."""
    plan = ParsedPlan(source_format="xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    lines: list[Line] = []
    events: list[Row | Break] = []
    key_value_rows: list[list[str]] = []
    found = False
    for sheet in workbook.worksheets:
        rows = [
            [_cell_text(cell) for cell in row]
            for row in sheet.iter_rows(
                max_row=min(sheet.max_row, MAX_ROWS),
                max_col=min(sheet.max_column, MAX_COLUMNS),
            )
        ]
        if sheet.max_row > MAX_ROWS or sheet.max_column > MAX_COLUMNS:
            plan.warnings.append(
                ParseIssue(
                    f"lembar «{sheet.title}»",
                    f"Hanya {MAX_ROWS} baris dan {MAX_COLUMNS} kolom pertama yang dibaca.",
                )
            )
        prefix = f"lembar «{sheet.title}» " if len(workbook.worksheets) > 1 else ""
        header = None if found else _find_header(rows)
        if header is None:
            key_value_rows.extend(rows)
            key_value_rows.append([])
            for r, cells in enumerate(rows, start=1):
                lines.extend(_row_lines(cells, f"{prefix}baris {r}"))
            continue
        found = True
        header_row, columns = header
        titled = {
            i for i, c in enumerate(rows[header_row]) if c.strip() and i not in columns
        }
        if titled:
            names = ", ".join(
                f"«{clean_text(rows[header_row][i])}»" for i in sorted(titled)
            )
            plan.warnings.append(
                ParseIssue(
                    f"{prefix}baris {header_row + 1}",
                    f"Kolom di luar enam kolom Lampiran diabaikan: {names}.",
                )
            )
        for r, cells in enumerate(rows[:header_row], start=1):
            lines.extend(_row_lines(cells, f"{prefix}baris {r}"))
        ended = False
        for r, cells in enumerate(rows[header_row + 1 :], start=header_row + 2):
            location = f"{prefix}baris {r}"
            if not ended:
                ended = is_signature_line(cells)
            if ended:
                lines.extend(_row_lines(cells, location))
                continue
            six = _six(cells, columns)
            if is_header_row(six) or is_number_row(six) or is_number_row(cells):
                events.append(Break(location))
                continue
            outside = [
                c
                for i, c in enumerate(cells)
                if i not in columns and i not in titled and c.strip()
            ]
            if outside:
                plan.warnings.append(
                    ParseIssue(location, "Isi di luar enam kolom tabel diabaikan.")
                )
            target_cell = f"{prefix}sel {get_column_letter(columns[5] + 1)}{r}"
            events.append(Row(six, location, target_cell))
    plan.decree = read_decree_fields(lines)
    fields = _key_values(key_value_rows, plan.decree)
    if "plan_year" not in fields and fields & {"title", "year", "number"}:
        plan.decree.plan_year = None
        settle_plan_year(plan.decree)
    return finish_plan(plan, events, found=found, where="di lembar kerja", year=year)
