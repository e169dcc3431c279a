"""Turn the data rows of an export into `ResponseInput`s, naming every bad cell.

An answer is its label as the instrument writes it (case and spacing do not
matter, aliases count) or the scale value as a number; anything else is
refused with the row, the column and the labels that are known. A row that
repeats the header (two exports pasted together) is refused too. Blank rows are
skipped. Naive timestamps are Asia/Jakarta.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from sizi.core.numbers import NumberError, parse_count
from sizi.surveys.importing import ImportProblem
from sizi.surveys.importing.columns import EXTRA, SERVICE, SUBMITTED, SUGGESTION, Layout
from sizi.surveys.importing.table import Table
from sizi.surveys.instruments.definition import Instrument, Question, normalise_label
from sizi.surveys.submission import ResponseInput

JAKARTA = ZoneInfo("Asia/Jakarta")
MAX_PROBLEMS = 50
MAX_TEXT = 2000
_GMT = re.compile(r"\s*(?:GMT|UTC)\s*([+-])(\d{1,2})(?::?(\d{2}))?\s*$", re.IGNORECASE)
_FORMATS = (
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %I:%M:%S %p",
    "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H.%M.%S", "%d/%m/%Y %H:%M", "%d/%m/%Y %H.%M",
    "%d-%m-%Y %H:%M:%S", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%Y/%m/%d",
)  # fmt: skip


@dataclass(frozen=True)
class RowContext:
    """What the rows are checked against beyond the instrument (the unit's data)."""

    services: Mapping[str, int] = field(default_factory=dict)
    default_service: int | None = None
    extra_options: Mapping[str, Sequence[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class ReadRows:
    rows: tuple[ResponseInput, ...]
    blank_rows: int


def service_lookup(services: Sequence[tuple[int, str, str]]) -> dict[str, int]:
    """Return {normalised name or code: id} for (id, code, name) of the unit's layanan."""
    lookup: dict[str, int] = {}
    for pk, code, name in services:
        lookup[normalise_label(code)] = pk
        lookup[normalise_label(name)] = pk
    return lookup


def parse_timestamp(text: str) -> datetime | None:
    """Return an aware datetime for the usual export formats, or None."""
    offset = None
    gmt = _GMT.search(text)
    if gmt:
        sign = 1 if gmt.group(1) == "+" else -1
        minutes = int(gmt.group(2)) * 60 + int(gmt.group(3) or 0)
        offset = timezone(sign * timedelta(minutes=minutes))
        text = text[: gmt.start()]
    text = " ".join(text.split())
    for fmt in _FORMATS:
        try:
            moment = datetime.strptime(text, fmt)  # noqa: DTZ007 (zone set below)
        except ValueError:
            continue
        return moment.replace(tzinfo=offset or JAKARTA)
    return None


class _Row:
    """One data row being read; collects its problems."""

    def __init__(self, table: Table, layout: Layout, number: int) -> None:
        self.table, self.layout, self.number = table, layout, number
        self.problems: list[str] = []

    def cell(self, target: str) -> str:
        column = self.layout.column_for(target)
        return self.table.cell(self.number, column.index).strip() if column else ""

    def fail(self, target: str, message: str) -> None:
        column = self.layout.column_for(target)
        where = f", kolom {column.letter} «{column.header[:60]}»" if column else ""
        self.problems.append(f"Baris {self.number}{where}: {message}")


def _scale_number(text: str, instrument: Instrument) -> int | None:
    """Return an answer written as its scale value ("3", "3,0"), or None."""
    try:
        number = parse_count(text, max_value=instrument.scale_max)
    except NumberError:
        return None
    return number if number is not None and number >= instrument.scale_min else None


def _years(text: str) -> int | None:
    try:
        return parse_count(text, max_value=150)
    except NumberError:
        return None


def _answer(row: _Row, question: Question, instrument: Instrument) -> int | None:
    text = row.cell(question.code)
    if not text:
        row.fail(question.code, f"{question.code} {question.name} belum dijawab.")
        return None
    value = question.value_for(text)
    if value is None:
        value = _scale_number(text, instrument)
    if value is None:
        known = ", ".join(o.label for o in question.options)
        row.fail(
            question.code,
            f"jawaban «{text[:60]}» tidak dikenal untuk {question.code} {question.name} "
            f"(yang dikenal: {known}, atau angka {instrument.scale_min}–{instrument.scale_max}).",
        )
    return value


def _demographics(row: _Row, instrument: Instrument) -> dict[str, str]:
    values = {}
    for demographic in instrument.demographics:
        text = row.cell(demographic.code)
        choice = demographic.choice_for(text) if text else None
        years = _years(text) if text and choice is None else None
        if years is not None:
            choice = demographic.choice_for_age(years)
        if text and choice is None:
            known = ", ".join(c.label for c in demographic.choices)
            row.fail(
                demographic.code,
                f"{demographic.label} «{text[:60]}» tidak dikenal (yang dikenal: {known}).",
            )
        values[demographic.code] = choice.code if choice else ""
    return values


def _service(row: _Row, context: RowContext) -> int | None:
    text = row.cell(SERVICE)
    if not text:
        return context.default_service
    found = context.services.get(normalise_label(text))
    if found is None:
        row.fail(SERVICE, f"jenis layanan «{text[:60]}» bukan layanan unit ini.")
    return found


def _submitted(row: _Row) -> datetime | None:
    text = row.cell(SUBMITTED)
    if not text:
        return None
    moment = parse_timestamp(text)
    if moment is None:
        row.fail(
            SUBMITTED,
            f"waktu «{text[:40]}» tidak dapat dibaca (contoh: 14/03/2025 10.22).",
        )
    return moment


def _extras(row: _Row, context: RowContext) -> dict[str, str]:
    answers = {}
    for target in row.layout.targets():
        if not target.startswith(EXTRA):
            continue
        code = target.removeprefix(EXTRA)
        text = row.cell(target)[:MAX_TEXT]
        options = context.extra_options.get(code) or ()
        if text and options:
            match = [o for o in options if normalise_label(o) == normalise_label(text)]
            if not match:
                row.fail(target, f"jawaban «{text[:60]}» bukan salah satu pilihan.")
                continue
            text = match[0]
        if text:
            answers[code] = text
    return answers


def _is_header_again(table: Table, layout: Layout, number: int) -> bool:
    header = table.rows[layout.header_row - 1]
    row = table.rows[number - 1]
    mapped = [c for c in layout.columns if c.target and c.header]
    same = sum(
        1
        for c in mapped
        if normalise_label(table.cell(number, c.index)) == normalise_label(c.header)
    )
    return bool(mapped) and (row == header or same * 2 >= len(mapped))


def _read_row(
    table: Table,
    layout: Layout,
    number: int,
    instrument: Instrument,
    context: RowContext,
) -> tuple[ResponseInput | None, list[str]]:
    row = _Row(table, layout, number)
    answers = {}
    for question in instrument.questions:
        value = _answer(row, question, instrument)
        if value is not None:
            answers[question.code] = value
    data = ResponseInput(
        answers=answers,
        service_type_id=_service(row, context),
        suggestion=row.cell(SUGGESTION)[:MAX_TEXT],
        extra_answers=_extras(row, context),
        submitted_at=_submitted(row),
        source_row=number,
        **_demographics(row, instrument),
    )
    return (None if row.problems else data), row.problems


def read_rows(
    table: Table, layout: Layout, instrument: Instrument, context: RowContext
) -> ReadRows:
    """Return every data row as a ResponseInput; raise ImportProblem naming each bad cell."""
    rows: list[ResponseInput] = []
    problems: list[str] = []
    blank = 0
    for number in range(layout.header_row + 1, len(table.rows) + 1):
        if not any(table.rows[number - 1]):
            blank += 1
            continue
        if _is_header_again(table, layout, number):
            problems.append(
                f"Baris {number}: baris judul ganda (sama dengan baris judul di baris "
                f"{layout.header_row}); hapus baris ini lalu unggah lagi."
            )
            continue
        data, row_problems = _read_row(table, layout, number, instrument, context)
        problems += row_problems
        if data is not None:
            rows.append(data)
    if problems:
        shown = problems[:MAX_PROBLEMS]
        if len(problems) > MAX_PROBLEMS:
            shown.append(f"… dan {len(problems) - MAX_PROBLEMS} masalah lain.")
        raise ImportProblem(shown)
    if not rows:
        raise ImportProblem(["Berkas tidak berisi baris jawaban di bawah baris judul."])
    return ReadRows(tuple(rows), blank)
