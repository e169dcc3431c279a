"""The official Lampiran III layout of PermenPANRB 90/2021, as units fill it.

A title block ("LAMPIRAN III …", unit and year) sits above the header row; the
header has "Penilaian" merged over the hierarchy columns, then Bobot,
Penjelasan, Pilihan Jawaban (the answer type, usually hidden) and, per layer,
Jawaban, Nilai, %, Catatan and two unlabelled columns (bukti dukung, link). The
hierarchy is a staircase: each level's code (A., I., 1., i., a., "-") sits in
its own column and its text in the next, so the column of the code gives the
level. A one-layer file has one "Jawaban" group on sheet "LKE ZI"; the
multi-layer working file has sheet "Jawaban" with one group per layer
("Jawaban Unit", "Jawaban TPI", …).

This module holds the layout shared by the writer (`official_writing`) and the
reader (`official_reading`); it is pure.
"""

from __future__ import annotations

import re

from sizi.lke.workbook.matching import norm

ONE_LAYER_SHEET = "LKE ZI"
MULTI_LAYER_SHEET = "Jawaban"
TITLE = "LEMBAR KERJA EVALUASI ZONA INTEGRITAS MENUJU WBK/WBBM"
HEADER_ROW = 8
HIERARCHY_COLUMNS = 8  # A..H: codes and texts of the staircase
COL_WEIGHT = HIERARCHY_COLUMNS + 1  # I
COL_CRITERIA = HIERARCHY_COLUMNS + 2  # J
COL_TYPE = HIERARCHY_COLUMNS + 3  # K (hidden)
FIRST_GROUP = HIERARCHY_COLUMNS + 4  # L
GROUP_WIDTH = 6  # Jawaban, Nilai, %, Catatan, bukti, link
FINAL_TOTAL = "NILAI EVALUASI ZONA INTEGRITAS"

#: Layer codes (as `sizi.lke.models.Layer` values) and the word of each
#: answer column's label that names it, most specific first.
LAYER_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("national", ("tpn", "nasional", "kemenpan", "menpan")),
    ("preliminary", ("pendahuluan", "provinsi", "wilayah")),
    ("internal", ("tpi", "kementerian", "pusat", "inspektorat")),
    ("self", ("unit", "mandiri", "satker", "sendiri")),
)
#: How each layer's answer column is labelled in an exported multi-layer file.
LAYER_LABELS = {
    "self": "Jawaban Unit",
    "preliminary": "Jawaban Penilaian Pendahuluan",
    "internal": "Jawaban TPI",
    "national": "Jawaban TPN",
}

CODE_TOKEN = re.compile(r"^(?:[A-Z]|[IVX]{1,4}|[0-9]{1,2}|[ivx]{1,4}|[a-z])[.)]?$|^-$")


def layer_of_label(label: str) -> str | None:
    """Return the layer an answer column's header names ("Jawaban TPI" -> internal)."""
    words = set(norm(label).split())
    for layer, keys in LAYER_WORDS:
        if words & set(keys):
            return layer
    return None


def is_code(value: object) -> bool:
    """Whether a hierarchy cell holds a level code ("A.", "iv", "a)", "-")."""
    return isinstance(value, str | int) and bool(CODE_TOKEN.match(str(value).strip()))


def type_key(label: str) -> str:
    """Normalise an answer-type label for comparison ("A / B / C" -> "a/b/c")."""
    return re.sub(r"\s+", "", str(label or "").lower())
