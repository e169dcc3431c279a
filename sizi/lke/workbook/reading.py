"""Read a filled "LKE ZI" workbook: find questions by hierarchy and text.

`import_workbook` opens the workbook safely, finds the sheet and its header,
reads each row's cells once (`RowCells`), lets `rows.classify` turn the row
into a typed event and hands the event to `_Builder`, which keeps the place
in the hierarchy (part, area, sub-area, the percentage question being filled)
and collects answers, Hasil inputs, notes and errors with their cells.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from sizi.core.archives import ArchiveLimits, UnsafeArchive, inspect_zip
from sizi.core.numbers import MAX_LENGTH, NumberError, parse_number
from sizi.lke.instrument import HasilItemSpec, InstrumentSpec, QuestionSpec
from sizi.lke.instrument.display import answer_text
from sizi.lke.scoring import AnswerInput
from sizi.lke.workbook.layout import (
    COLUMNS,
    SHEET,
    CellError,
    WorkbookImport,
    fmt_decimal,
)
from sizi.lke.workbook.matching import (
    Matcher,
    match_input,
    norm,
    read_letter,
    strip_number,
)
from sizi.lke.workbook.rows import (
    AreaStart,
    ComponentStart,
    Event,
    InputLine,
    PartStart,
    QuestionLine,
    RowCells,
    SubAreaStart,
    classify,
)

# The official LKE sheet unpacks to well under 1 MB; anything near these limits
# is not an LKE workbook, and openpyxl would hold every cell of it in memory.
WORKBOOK_LIMITS = ArchiveLimits(
    max_entries=200, max_uncompressed=8 * 1024 * 1024, max_ratio=100
)
UNREADABLE = "Berkas bukan workbook Excel (.xlsx) yang dapat dibaca."


def find_header(ws: Worksheet) -> tuple[int, dict[str, int]] | None:
    """Return the header row and the column of each known title, if found."""
    wanted = {norm(label): key for key, label, _w in COLUMNS}
    wanted.update(
        {
            "komponen": "text",
            "pertanyaan": "text",
            "uraian": "text",
            "kode sizi": "code",
        }
    )
    for row in ws.iter_rows(min_row=1, max_row=40):
        found: dict[str, int] = {}
        for cell in row:
            key = wanted.get(norm(cell.value))
            if key and key not in found:
                found[key] = cell.column
        if "answer" in found and "text" in found:
            return row[0].row, found
    return None


def cached_sheet(data: bytes, title: str) -> Worksheet | None:
    """Return the sheet with the values its formulas had when last saved, if any.

    A workbook saved by Excel or LibreOffice keeps each formula's last value; one
    written by a library (openpyxl) does not, and its formulas stay unreadable.
    """
    try:
        return load_workbook(io.BytesIO(data), data_only=True)[title]
    except Exception:  # noqa: BLE001 - the formulas are then reported as unreadable
        return None


class _Sheet:
    """The sheet found, its header's columns and the cached formula values."""

    def __init__(
        self, ws: Worksheet, header_row: int, cols: dict[str, int], data: bytes
    ) -> None:
        self.ws = ws
        self.header_row = header_row
        self.cols = cols
        self.cached = cached_sheet(data, ws.title)

    def _value(self, row: tuple[Cell, ...], key: str) -> Any:
        i = self.cols.get(key)
        return row[i - 1].value if i is not None and i - 1 < len(row) else None

    def _text(self, row: tuple[Cell, ...], key: str) -> str:
        value = self._value(row, key)
        return str(value).strip() if value is not None else ""

    def _ref(self, row_no: int, key: str) -> str:
        return f"{get_column_letter(self.cols[key])}{row_no}"

    def _answer(self, row: tuple[Cell, ...]) -> Any:
        """The answer cell's value; for a formula, the value it was last saved with."""
        value = self._value(row, "answer")
        if isinstance(value, str) and value.startswith("=") and self.cached is not None:
            saved = self.cached.cell(row[0].row, self.cols["answer"]).value
            if saved is not None:
                return saved
        return value

    def rows(self) -> list[RowCells]:
        """Return the cells of every row below the header that has text."""
        found = []
        for row in self.ws.iter_rows(min_row=self.header_row + 1):
            text = self._value(row, "text")
            if text is None or not str(text).strip():
                continue
            row_no, ntext = row[0].row, norm(text)
            found.append(
                RowCells(
                    text=str(text),
                    ntext=ntext,
                    bare=strip_number(ntext),
                    code=str(self._value(row, "code") or "").strip(),
                    answer=self._answer(row),
                    typed_answer=self._value(row, "answer"),
                    answer_cell=self._ref(row_no, "answer"),
                    text_cell=self._ref(row_no, "text"),
                    component=norm(self._value(row, "component")),
                    answer_type=norm(self._value(row, "type")),
                    level_area=str(self._value(row, "area") or "").strip(),
                    level_sub=norm(self._value(row, "sub")),
                    letter=norm(self._value(row, "item")),
                    note=self._text(row, "note"),
                    evidence=self._text(row, "evidence"),
                    link=self._text(row, "link"),
                )
            )
        return found


def _open_sheet(data: bytes) -> _Sheet | str:
    """Return the LKE sheet of an uploaded workbook, or the message refusing it."""
    try:
        if not data.startswith(b"PK"):
            raise UnsafeArchive(UNREADABLE)
        inspect_zip(data, name="workbook", size=len(data), limits=WORKBOOK_LIMITS)
    except UnsafeArchive as exc:
        return UNREADABLE if "rusak" in str(exc) else str(exc)
    try:
        wb = load_workbook(io.BytesIO(data), data_only=False, read_only=False)
    except Exception:  # noqa: BLE001 - any unreadable upload is a user error
        return UNREADABLE
    ws = wb[SHEET] if SHEET in wb.sheetnames else None
    header = find_header(ws) if ws is not None else None
    if ws is None or header is None:
        for candidate in wb.worksheets:
            header = find_header(candidate)
            if header:
                ws = candidate
                break
    if ws is None or header is None:
        return (
            f"Lembar '{SHEET}' dengan kolom 'Komponen / Pertanyaan' dan 'Jawaban' "
            "tidak ditemukan."
        )
    return _Sheet(ws, header[0], header[1], data)


def import_workbook(data: bytes, spec: InstrumentSpec) -> WorkbookImport:
    """Read the answers, Hasil inputs and notes of a filled "LKE ZI" workbook."""
    sheet = _open_sheet(data)
    if isinstance(sheet, str):
        return WorkbookImport(errors=[CellError("", "", sheet)])
    matcher = Matcher(spec)
    builder = _Builder(spec, matcher)
    for cells in sheet.rows():
        event = classify(cells, matcher)
        if event is not None:
            builder.add(event)
    return builder.finish()


class _Builder:
    """Keep the place in the sheet's hierarchy and collect what the rows say."""

    def __init__(self, spec: InstrumentSpec, matcher: Matcher) -> None:
        self.spec = spec
        self.matcher = matcher
        self.result = WorkbookImport()
        self.part: str | None = None
        self.area: int | None = None
        self.sub: str | None = None
        self.in_hasil = False
        self.percent: QuestionSpec | None = None  # the percentage question above
        self.inputs: dict[str, dict[str, Decimal]] = {}
        self.seen: dict[str, str] = {}  # question code -> answer cell
        self.typed: dict[str, tuple[str, str]] = {}  # percentage typed directly

    def error(self, cell: str, code: str, message: str) -> None:
        self.result.errors.append(CellError(cell, code, message))

    def add(self, event: Event) -> None:
        if isinstance(event, ComponentStart):
            self.component_start(event)
        elif self.in_hasil:
            self.hasil_line(event.cells)
        elif isinstance(event, PartStart):
            self.part_start(event)
        elif isinstance(event, AreaStart):
            self.area_start(event)
        elif isinstance(event, SubAreaStart):
            self.sub_area_start(event)
        elif isinstance(event, InputLine):
            self.input_line(event)
        else:
            self.question_line(event)

    # -- one method per event
    def component_start(self, event: ComponentStart) -> None:
        self.in_hasil = event.hasil
        self.part = self.area = self.sub = None
        self.percent = None

    def part_start(self, event: PartStart) -> None:
        self.part, self.area, self.sub, self.percent = event.part, None, None, None

    def area_start(self, event: AreaStart) -> None:
        self.area = event.number
        self.sub, self.percent = None, None

    def sub_area_start(self, event: SubAreaStart) -> None:
        self.sub = event.numeral or self.matcher.sub_numeral(
            event.name, self.part, self.area
        )
        self.percent = None

    def hasil_line(self, cells: RowCells) -> None:
        item = next(
            (i for i in self.spec.hasil_items if i.code == cells.code), None
        ) or self.matcher.hasil_by_text.get(cells.bare)
        if item is None:
            return
        self.result.cells[item.code] = cells.answer_cell
        _read_hasil(self.result, item, cells.answer, cells.answer_cell)
        self.note(item.code, cells)

    def input_line(self, event: InputLine) -> None:
        question, cells = self.percent, event.cells
        if question is None:
            if not event.typed:  # only coded "P.1:a": read it as a question
                self.question_line(QuestionLine(cells))
            return
        input_spec = match_input(question, cells.code, cells.ntext)
        if input_spec is None:
            self.error(
                cells.text_cell,
                question.code,
                f"Baris masukan '{cells.text}' tidak dikenal untuk {question.code}.",
            )
            return
        if cells.is_blank_answer:
            return
        raw = cells.answer
        try:
            number = parse_number(raw, where=input_spec.label)
        except NumberError as exc:
            self.error(cells.answer_cell, question.code, exc.messages[0])
            return
        if number is None or number < 0:
            self.error(
                cells.answer_cell,
                question.code,
                f"{input_spec.label}: '{_shown(raw)}' bukan angka tidak negatif.",
            )
            return
        if number != number.to_integral_value():
            # A Jumlah is a count; SIZI stores whole numbers only.
            self.error(
                cells.answer_cell,
                question.code,
                f"{input_spec.label}: '{_shown(raw)}' bukan bilangan bulat.",
            )
            return
        self.inputs.setdefault(question.code, {})[input_spec.code] = number

    def question_line(self, event: QuestionLine) -> None:
        cells = event.cells
        q = self.matcher.question(
            cells.code, cells.text, cells.letter, self.part, self.area, self.sub
        )
        if q is None:
            if cells.code or cells.letter:
                self.error(
                    cells.text_cell,
                    cells.code,
                    f"Pertanyaan '{cells.text[:80]}' tidak dikenal di instrumen "
                    f"{self.spec.code}.",
                )
            return
        if q.code in self.seen:
            self.error(
                cells.text_cell,
                q.code,
                f"{q.code} muncul dua kali (juga di {self.seen[q.code]}).",
            )
            return
        self.seen[q.code] = cells.answer_cell
        self.result.cells[q.code] = cells.answer_cell
        self.note(q.code, cells)
        if q.formula is not None:
            self.percent_question(q, cells)
        else:
            self.percent = None
            self.choice(q, cells)

    # -- helpers
    def percent_question(self, q: QuestionSpec, cells: RowCells) -> None:
        self.percent = q
        direct = cells.typed_answer
        if (
            direct is not None
            and not str(direct).startswith("=")
            and str(direct).strip()
        ):
            self.typed[q.code] = (cells.answer_cell, str(direct))

    def choice(self, q: QuestionSpec, cells: RowCells) -> None:
        if cells.is_blank_answer:
            return
        raw = cells.answer
        letter = read_letter(raw, [o.letter for o in q.options])
        if letter is None:
            allowed = "/".join(answer_text(o.letter) or "" for o in q.options)
            self.error(
                cells.answer_cell,
                q.code,
                f"Jawaban '{raw}' untuk {q.code} tidak dapat dibaca (pilihan: {allowed}).",
            )
            return
        self.result.answers[q.code] = AnswerInput(letter)

    def note(self, code: str, cells: RowCells) -> None:
        if cells.note:
            self.result.notes[code] = cells.note
        bukti = "\n".join(x for x in (cells.evidence, cells.link) if x)
        if bukti:
            self.result.evidence_text[code] = bukti

    def finish(self) -> WorkbookImport:
        result = self.result
        for code, values in self.inputs.items():
            result.answers[code] = AnswerInput(inputs=values)
        for code, (cell, raw) in self.typed.items():
            if code not in self.inputs:
                labels = ", ".join(i.label for i in self.spec.question(code).inputs)
                self.error(
                    cell,
                    code,
                    f"Persentase {code} ('{raw}') ditulis langsung; isi baris Jumlah di "
                    f"bawahnya ({labels}) agar nilainya dapat dihitung.",
                )
        result.missing = [
            q.code for q in self.spec.questions if q.code not in self.seen
        ]
        return result


def _shown(raw: Any) -> str:
    """Return a cell's value as quoted in a message, cut to a readable length."""
    text = str(raw)
    return text if len(text) <= MAX_LENGTH else text[:MAX_LENGTH] + "…"


def _read_hasil(
    result: WorkbookImport, item: HasilItemSpec, raw: Any, cell: str
) -> None:
    if raw is None or str(raw).strip() == "":
        result.hasil[item.key] = None
        return
    if item.options:
        letter = read_letter(raw, [o.letter for o in item.options])
        if letter is None:
            result.errors.append(
                CellError(
                    cell,
                    item.code,
                    f"{item.name}: pilihan '{raw}' tidak dapat dibaca (A–E).",
                )
            )
            return
        result.hasil[item.key] = letter
        return
    scale = item.scale_max or Decimal(1)
    try:
        number = parse_number(raw, where=item.name, min_value=0, max_value=scale)
    except NumberError:
        number = None
    if number is None:
        result.errors.append(
            CellError(
                cell,
                item.code,
                f"{item.name}: nilai '{_shown(raw)}' harus angka 0–{fmt_decimal(scale)}.",
            )
        )
        return
    result.hasil[item.key] = number
