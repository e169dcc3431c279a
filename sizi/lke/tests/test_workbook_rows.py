"""The pure row classifier of the workbook reader: one typed event per row."""

from __future__ import annotations

from typing import Any

import pytest

from sizi.lke.instrument import load_instrument
from sizi.lke.workbook.matching import Matcher, norm, strip_number
from sizi.lke.workbook.rows import (
    AreaStart,
    ComponentStart,
    InputLine,
    PartStart,
    QuestionLine,
    RowCells,
    SubAreaStart,
    classify,
)

MATCHER = Matcher(load_instrument())


def cells(text: str, **extra: Any) -> RowCells:
    ntext = norm(text)
    values: dict[str, Any] = {
        "text": text,
        "ntext": ntext,
        "bare": strip_number(ntext),
        "code": "",
        "answer": None,
        "typed_answer": None,
        "answer_cell": "K9",
        "text_cell": "F9",
    }
    values.update(extra)
    return RowCells(**values)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (cells("A. Pengungkit", component="a"), ComponentStart(hasil=False)),
        (cells("Hasil"), ComponentStart(hasil=True)),
        (cells("Total nilai pengungkit"), None),
    ],
)
def test_component_rows_and_totals(row, expected):
    assert classify(row, MATCHER) == expected


def test_hierarchy_rows_become_their_events():
    assert isinstance(classify(cells("I. Pemenuhan"), MATCHER), PartStart)
    area = classify(cells("Manajemen Perubahan", level_area="1"), MATCHER)
    assert isinstance(area, AreaStart) and area.number == 1
    sub = classify(cells("Penyusunan Tim Kerja", level_sub="i"), MATCHER)
    assert isinstance(sub, SubAreaStart) and sub.numeral == "i"


def test_a_jumlah_row_is_an_input_line_and_other_text_a_question():
    line = classify(cells("Jumlah pegawai", answer_type=norm("Jumlah")), MATCHER)
    assert isinstance(line, InputLine) and line.typed
    coded = classify(cells("Jumlah pegawai", code="P.1:a"), MATCHER)
    assert isinstance(coded, InputLine) and not coded.typed
    question = classify(cells("a. Apakah unit telah membentuk tim?"), MATCHER)
    assert isinstance(question, QuestionLine)
