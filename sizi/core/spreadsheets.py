"""Writing people's text into spreadsheets without turning it into formulas.

openpyxl stores any string that starts with "=" as a formula, so a title such as
`=HYPERLINK("http://…"&A1)` typed by a user would run in the reviewer's Excel.
Every export writes user text through `text_value()` (write-only sheets) or
`set_text()` (normal sheets); the exports' own formulas are written directly.
"""

from __future__ import annotations

from typing import Any

from openpyxl.cell.cell import Cell, WriteOnlyCell
from openpyxl.worksheet.worksheet import Worksheet


def set_text(cell: Cell, value: Any) -> Cell:
    """Put `value` into `cell`; a string is always stored as text, never a formula."""
    cell.value = value
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"
    return cell


def text_value(sheet: Worksheet, value: Any) -> Any:
    """Return `value` for `sheet.append()` on a write-only sheet, kept as text."""
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value
