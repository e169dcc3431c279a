"""The official LKE ZI workbook, both ways, on plain data.

``export_workbook(spec, answers, hasil, ...) -> bytes`` writes the sheet "LKE ZI"
in the layout of the KemenPANRB workbook (hierarchy columns, Bobot, Penjelasan,
Pilihan Jawaban, Jawaban, Nilai, %, Catatan, bukti dukung, link) with LIVE
formulas, so Excel/LibreOffice recompute the same totals as ``sizi.lke.scoring``.

``export_official(spec, [LayerBook, …]) -> bytes`` writes the Lampiran III
layout of PermenPANRB 90/2021 itself (staircase hierarchy; one layer on "LKE
ZI", several side by side on "Jawaban"), see `official`.

``import_workbook(data, spec, layer=None) -> WorkbookImport`` reads either layout; a filled workbook in
that layout. Questions are found by their place in the hierarchy and their text
(the Kode column helps when present), never by fixed rows; every answer that
cannot be read is reported with its cell.
"""

from sizi.lke.workbook.layout import (
    COL,
    COLUMNS,
    SHEET,
    AnswerColumn,
    CellError,
    EvidenceRef,
    Slip,
    WorkbookImport,
)
from sizi.lke.workbook.official_writing import LayerBook, export_official
from sizi.lke.workbook.reading import import_workbook
from sizi.lke.workbook.writing import export_workbook

__all__ = [
    "COL",
    "COLUMNS",
    "SHEET",
    "AnswerColumn",
    "CellError",
    "EvidenceRef",
    "LayerBook",
    "Slip",
    "WorkbookImport",
    "export_official",
    "export_workbook",
    "import_workbook",
]
