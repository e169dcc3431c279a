"""Build what a workbook says from the events of its rows (`rows.classify*`).

`Builder` keeps the place in the hierarchy (part, area, sub-area, the weighted
sub-group, the percentage question being filled) and collects answers, Hasil
inputs, notes, links, the file's own saved totals, warnings (rows SIZI does not
know, answer-type slips, typed subtotals that disagree with their breakdown)
and errors with their cells. Errors make the import write nothing; warnings
are shown in the preview.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sizi.core.numbers import MAX_LENGTH, NumberError, parse_number
from sizi.lke.instrument import HasilItemSpec, InstrumentSpec, QuestionSpec
from sizi.lke.instrument.display import answer_text
from sizi.lke.scoring import AnswerInput
from sizi.lke.workbook.layout import CellError, Slip, WorkbookImport, fmt_decimal
from sizi.lke.workbook.matching import Matcher, match_input, read_letter
from sizi.lke.workbook.official import type_key
from sizi.lke.workbook.rows import (
    AreaStart,
    ComponentStart,
    Event,
    GroupStart,
    InputLine,
    PartStart,
    QuestionLine,
    RowCells,
    SubAreaStart,
    TotalLine,
)


class Builder:
    """Keep the place in the sheet's hierarchy and collect what the rows say."""

    def __init__(
        self,
        spec: InstrumentSpec,
        matcher: Matcher,
        result: WorkbookImport,
        *,
        official: bool = False,
    ) -> None:
        self.spec = spec
        self.matcher = matcher
        self.result = result
        self.official = official
        self.ended = False  # after the final total: the signature block
        self.group = ""  # the weighted sub-group heading (official)
        self.level = -1  # the staircase level of the percentage question above
        # question code -> (cell, typed total or None for a formula) of a derived row
        self.subtotals: dict[str, tuple[str, Decimal | None]] = {}
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

    def warn(self, cell: str, code: str, message: str) -> None:
        self.result.warnings.append(CellError(cell, code, message))

    def keep_saved(self, key: str, cells: RowCells) -> None:
        """Keep the value the file saved in a roll-up row's Nilai cell."""
        value = cells.saved
        if isinstance(value, int | float) and not isinstance(value, bool):
            try:
                number = parse_number(value, where="Nilai")
            except NumberError:
                return
            if number is not None:
                self.result.saved[key] = number

    def add(self, event: Event) -> None:
        if self.ended:
            return
        if isinstance(event, TotalLine):
            self.keep_saved("total", event.cells)
            self.ended = True
        elif isinstance(event, ComponentStart):
            self.component_start(event)
            if self.official and event.cells is not None:
                self.keep_saved("hasil" if event.hasil else "pengungkit", event.cells)
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
        elif isinstance(event, GroupStart):
            if self.percent is None or event.cells.level <= self.level:
                self.group, self.percent = event.cells.bare, None
            # else: a blank Jumlah row of the percentage item above
        else:
            self.question_line(event)

    # -- one method per event
    def component_start(self, event: ComponentStart) -> None:
        self.in_hasil = event.hasil
        self.part = self.area = self.sub = None
        self.percent = None

    def part_start(self, event: PartStart) -> None:
        self.part, self.area, self.sub, self.percent = event.part, None, None, None
        if self.official:
            self.keep_saved(event.part, event.cells)

    def area_start(self, event: AreaStart) -> None:
        self.area = event.number or None
        self.sub, self.percent, self.group = None, None, ""
        if self.official and not event.number:
            self.warn(
                event.cells.text_cell,
                "",
                f"Area '{event.cells.text[:80]}' tidak dikenal; barisnya dilewati.",
            )

    def sub_area_start(self, event: SubAreaStart) -> None:
        self.sub = event.numeral or self.matcher.sub_numeral(
            event.name, self.part, self.area
        )
        self.percent, self.group = None, ""
        if not self.official:
            return
        sub = next(
            (
                s
                for s in self.spec.sub_areas
                if s.numeral == self.sub
                and s.part == self.part
                and self.spec.area(s.area).number == self.area
            ),
            None,
        )
        if sub is None:
            self.warn(
                event.cells.text_cell,
                "",
                f"Sub-area '{event.cells.text[:80]}' tidak dikenal di instrumen "
                f"{self.spec.code}; barisnya dilewati.",
            )
            return
        self.keep_saved(sub.code, event.cells)

    def hasil_line(self, cells: RowCells) -> None:
        item = next(
            (i for i in self.spec.hasil_items if i.code == cells.code), None
        ) or self.matcher.hasil_by_text.get(cells.bare)
        if item is None:
            if self.official and (cells.answer_type or not cells.is_blank_answer):
                self.warn(
                    cells.text_cell,
                    "",
                    f"Baris '{cells.text[:80]}' tidak dikenal di komponen hasil; "
                    "dilewati.",
                )
            elif self.official:
                self.keep_saved(cells.bare, cells)
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
        if self.official and self.derived(question, cells, input_spec):
            return
        if input_spec is None and self.official:
            self.warn(
                cells.text_cell,
                question.code,
                f"Baris masukan '{cells.text[:80]}' tidak dikenal untuk "
                f"{question.code}; dilewati.",
            )
            return
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

    def derived(self, q: QuestionSpec, cells: RowCells, found: Any) -> bool:
        """Whether a Jumlah row is the derived total of a ratio's denominator.

        Kept to reconcile in `finish` (formula: nothing to do; typed: it must
        equal the sum of its breakdown), never read as an input.
        """
        f = q.formula
        if f is None or f.kind != "ratio" or len(f.denominator) < 2:
            return False
        words = set(cells.bare.split())
        if found is not None and not ({"harus", "total"} & words):
            return False
        if found is not None and found.code not in f.denominator:
            labels = {w for i in q.inputs for w in i.label.lower().split()}
            if "harus" in labels:
                return False
        typed = cells.typed_answer
        formula = isinstance(typed, str) and typed.startswith("=")
        number = None
        if not formula and not cells.is_blank_answer:
            try:
                number = parse_number(cells.answer, where=cells.text[:40])
            except NumberError as exc:
                self.error(cells.answer_cell, q.code, exc.messages[0])
                return True
        self.subtotals[q.code] = (cells.answer_cell, number)
        return True

    def question_line(self, event: QuestionLine) -> None:
        cells = event.cells
        if self.official and self.percent is not None and cells.level > self.level:
            # A row one step below a percentage item is one of its Jumlah rows,
            # even where the Pilihan Jawaban column does not say so.
            self.input_line(InputLine(True, cells))
            return
        if self.official:  # by the hierarchy and the text, never by letters
            text = f"{self.group}: {cells.text}" if self.group else cells.text
            q = self.matcher.question("", text, "", self.part, self.area, self.sub)
            q = q or self.matcher.question(
                "", cells.text, "", self.part, self.area, self.sub
            )
        else:
            q = self.matcher.question(
                cells.code, cells.text, cells.letter, self.part, self.area, self.sub
            )
        if q is None and self.official:
            self.warn(
                cells.text_cell,
                "",
                f"Baris '{cells.text[:80]}' tidak dikenal di instrumen "
                f"{self.spec.code}; dilewati.",
            )
            return
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
        if self.official:
            self.check_type(q, cells)
        if q.formula is not None:
            self.percent_question(q, cells)
        else:
            self.percent = None
            self.choice(q, cells)

    # -- helpers
    def check_type(self, q: QuestionSpec, cells: RowCells) -> None:
        """Report a Pilihan Jawaban label that is not the question's answer type."""
        expected = self.spec.answer_types[q.answer_type].label
        if not cells.raw_type or type_key(cells.raw_type) == type_key(expected):
            return
        message = (
            f"Jenis jawaban {q.code} tertulis '{cells.raw_type}', menurut instrumen "
            f"'{expected}'; SIZI memakai '{expected}'."
        )
        self.warn(cells.text_cell, q.code, message)
        self.result.slips.append(Slip("answer_type", q.code, cells.text_cell, message))

    def percent_question(self, q: QuestionSpec, cells: RowCells) -> None:
        self.percent, self.level = q, cells.level
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
        if cells.links:
            self.result.links[code] = list(cells.links)
        if cells.note:
            self.result.notes[code] = cells.note
        bukti = "\n".join(x for x in (cells.evidence, cells.link) if x)
        if bukti:
            self.result.evidence_text[code] = bukti

    def reconcile(self) -> None:
        """Compare each typed derived total with the sum of its breakdown."""
        for code, (cell, typed) in self.subtotals.items():
            f = self.spec.question(code).formula
            given = self.inputs.get(code, {})
            if typed is None or f is None or not all(c in given for c in f.denominator):
                continue
            summed = sum((given[c] for c in f.denominator), Decimal(0))
            if summed != typed:
                message = (
                    f"{code}: jumlah yang diketik ({fmt_decimal(typed)}) tidak sama "
                    f"dengan jumlah rinciannya ({fmt_decimal(summed)}); SIZI memakai "
                    "jumlah rinciannya."
                )
                self.warn(cell, code, message)
                self.result.slips.append(Slip("typed_subtotal", code, cell, message))

    def finish(self) -> WorkbookImport:
        result = self.result
        self.reconcile()
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
