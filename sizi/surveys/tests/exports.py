"""Generated Google-Forms-style exports of survey answers, as CSV or XLSX bytes."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import openpyxl

from sizi.surveys.instruments.definition import Instrument

DEMOGRAPHIC_HEADERS = [
    "Jenis Kelamin",
    "Usia",
    "Pendidikan Terakhir",
    "Pekerjaan Utama",
]


def header(instrument: Instrument) -> list[str]:
    """Google Forms writes "Timestamp", then each question's title as typed."""
    return [
        "Timestamp",
        *DEMOGRAPHIC_HEADERS,
        "Jenis layanan yang diterima",
        *[f"{n}. {q.text}" for n, q in enumerate(instrument.questions, start=1)],
        "Saran dan masukan",
    ]


def row(
    instrument: Instrument,
    values: Sequence[int],
    *,
    service: str = "Layanan informasi publik",
    when: str = "2025/03/14 10:22:05 AM GMT+7",
    demographics: Sequence[str] = ("Perempuan", "34", "S1", "Wiraswasta"),
    suggestion: str = "",
) -> list[str]:
    labels = [q.label_for(v) for q, v in zip(instrument.questions, values, strict=True)]
    return [when, *demographics, service, *labels, suggestion]


def export_rows(instrument: Instrument, n: int = 6) -> list[list[str]]:
    patterns = [
        [4] * 9,
        [3] * 9,
        [3, 4, 3, 4, 3, 4, 3, 4, 2],
        [2] * 9,
        [4, 3] * 4 + [3],
        [3] * 9,
    ]
    width = len(instrument.questions)
    return [
        row(instrument, (patterns[i % len(patterns)] * 2)[:width]) for i in range(n)
    ]


def to_csv(rows: Sequence[Sequence[str]], delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(rows: Sequence[Sequence[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for r in rows:
        sheet.append(list(r))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def google_forms_csv(instrument: Instrument, n: int = 6) -> bytes:
    return to_csv([header(instrument), *export_rows(instrument, n)])
