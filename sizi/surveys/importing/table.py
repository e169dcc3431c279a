"""Read CSV or XLSX bytes into a table of text cells (first sheet for XLSX)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

from sizi.surveys.importing import ImportProblem

MAX_ROWS = 20000
MAX_COLUMNS = 120
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Table:
    """Rows of text cells; `rows[i]` is spreadsheet row i + 1."""

    rows: tuple[tuple[str, ...], ...]
    kind: str

    def cell(self, row: int, column: int) -> str:
        """Return the cell at 1-based `row` and 0-based `column` ("" beyond the row)."""
        cells = self.rows[row - 1]
        return cells[column] if column < len(cells) else ""


def column_letter(index: int) -> str:
    """Return the spreadsheet letter of a 0-based column index (0 → A)."""
    return str(get_column_letter(index + 1))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _checked(rows: list[tuple[str, ...]], kind: str) -> Table:
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows:
        raise ImportProblem(["Berkas kosong: tidak ada baris."])
    if len(rows) > MAX_ROWS:
        raise ImportProblem(
            [f"Berkas berisi {len(rows)} baris; paling banyak {MAX_ROWS}."]
        )
    widest = max(len(r) for r in rows)
    if widest > MAX_COLUMNS:
        raise ImportProblem(
            [f"Berkas berisi {widest} kolom; paling banyak {MAX_COLUMNS}."]
        )
    return Table(tuple(rows), kind)


def read_csv(data: bytes) -> Table:
    """Read a CSV export (UTF-8 with or without BOM, else Windows-1252; , ; or tab)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="strict") if _cp1252(data) else ""
        if not text:
            raise ImportProblem(["Berkas CSV bukan teks UTF-8 yang sah."]) from None
    if "\x00" in text:
        raise ImportProblem(["Berkas bukan CSV teks (berisi karakter biner)."])
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, ",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        rows = [tuple(cell.strip() for cell in row) for row in reader]
    except csv.Error as error:
        raise ImportProblem([f"Berkas CSV rusak: {error}."]) from error
    return _checked(rows, "csv")


def _cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def read_xlsx(data: bytes) -> Table:
    """Read the first sheet of an XLSX workbook (values, not formulas)."""
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise ImportProblem(
            ["Berkas XLSX tidak dapat dibaca (rusak atau bukan XLSX)."]
        ) from error
    try:
        sheet = book.worksheets[0]
        rows = []
        for n, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            if n > MAX_ROWS + 1:
                raise ImportProblem(
                    [f"Lembar kerja berisi lebih dari {MAX_ROWS} baris."]
                )
            rows.append(tuple(_text(v) for v in row[: MAX_COLUMNS + 1]))
    finally:
        book.close()
    return _checked(rows, "xlsx")


def read_table(name: str, data: bytes) -> Table:
    """Read `data` as XLSX when its content is a ZIP container, else as CSV."""
    if data.startswith(ZIP_MAGIC):
        return read_xlsx(data)
    if name.lower().endswith((".xlsx", ".xls")):
        raise ImportProblem([f"Isi berkas «{name}» bukan lembar kerja XLSX."])
    return read_csv(data)
