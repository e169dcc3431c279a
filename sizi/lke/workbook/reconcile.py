"""Set a workbook's own saved totals beside SIZI's and explain each known difference.

A filled template keeps the values its formulas had when it was last saved;
SIZI scores the answers it read with the rules of `docs/lke-scoring.md`. Where
the two differ, each sub-area's difference is put down to one of the known
causes (section 5 of that page):

- ``lhkpn``: the template's roll-up of the weighted LHKPN/LHKASN sub-groups
  averages the weighted LHKPN sub-total with the raw LHKPN percentage, so the
  sub-area is LHKPN × its weight and LHKASN is ignored;
- ``typed_subtotal``: a denominator total was typed and disagrees with the sum of
  its breakdown rows, which SIZI uses;
- ``answer_type``: the hidden Pilihan Jawaban label is not the question's answer
  type, so the template converted the answer with the wrong table;
- ``blank``: the template's AVERAGE leaves unanswered questions out; SIZI counts
  them 0;
- ``unexplained``: none of these (shown as such, never hidden).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sizi.lke.instrument import InstrumentSpec
from sizi.lke.scoring.results import Score
from sizi.lke.workbook.layout import WorkbookImport, fmt_decimal

TOLERANCE = Decimal("0.005")
TOTALS = (
    ("total", "Nilai evaluasi"),
    ("pengungkit", "Pengungkit"),
    ("pemenuhan", "Pemenuhan"),
    ("reform", "Reform"),
    ("hasil", "Hasil"),
)
CAUSES = {
    "lhkpn": "rumus templat untuk LHKPN/LHKASN hanya menghitung LHKPN (×2) dan "
    "mengabaikan LHKASN; SIZI menjumlahkan 1 × %LHKPN + 1 × %LHKASN",
    "typed_subtotal": "jumlah penyebut diketik dan tidak sama dengan jumlah "
    "rinciannya; SIZI memakai jumlah rinciannya",
    "answer_type": "label Pilihan Jawaban (kolom tersembunyi) salah, sehingga "
    "templat memakai tabel nilai yang salah; SIZI memakai jenis jawaban instrumen",
    "blank": "templat tidak menghitung pertanyaan yang belum dijawab (AVERAGE); "
    "SIZI menghitungnya 0",
    "unexplained": "selisih ini belum dapat dijelaskan; periksa rumus lembar kerja",
}


@dataclass(frozen=True)
class TotalRow:
    key: str
    label: str
    saved: Decimal | None  # None: the workbook has no saved value here
    sizi: Decimal

    @property
    def differs(self) -> bool:
        return self.saved is not None and abs(self.saved - self.sizi) > TOLERANCE


@dataclass(frozen=True)
class Difference:
    """One sub-area whose saved value differs from SIZI's, with its cause."""

    code: str  # sub-area code, "R.5.iii"
    name: str
    saved: Decimal
    sizi: Decimal
    cause: str  # a key of CAUSES

    @property
    def message(self) -> str:
        return (
            f"{self.code} {self.name}: lembar kerja {fmt_decimal(round(self.saved, 2))}, "
            f"SIZI {fmt_decimal(round(self.sizi, 2))} — {CAUSES[self.cause]}."
        )


@dataclass(frozen=True)
class Reconciliation:
    totals: tuple[TotalRow, ...]
    differences: tuple[Difference, ...]

    @property
    def has_saved(self) -> bool:
        return any(t.saved is not None for t in self.totals)


def reconcile(
    spec: InstrumentSpec, parsed: WorkbookImport, result: Score
) -> Reconciliation:
    """Compare the workbook's saved totals with SIZI's and explain the differences."""
    sizi = {
        "total": result.total,
        "pengungkit": result.pengungkit,
        "pemenuhan": result.pemenuhan,
        "reform": result.reform,
        "hasil": result.hasil,
    }
    totals = tuple(
        TotalRow(key, label, parsed.saved.get(key), sizi[key]) for key, label in TOTALS
    )
    slips = {s.code: s.kind for s in parsed.slips}
    differences = []
    for sub in result.sub_areas:
        saved = parsed.saved.get(sub.code)
        if saved is None or abs(saved - sub.value) <= TOLERANCE:
            continue
        codes = [q.code for q in spec.questions if q.sub_area == sub.code]
        cause = next((slips[c] for c in codes if c in slips), "")
        if not cause:
            cause = _lhkpn(spec, sub.code, saved, result) or (
                "blank"
                if any(result.questions[c].value is None for c in codes)
                else "unexplained"
            )
        differences.append(Difference(sub.code, sub.name, saved, sub.value, cause))
    return Reconciliation(totals, tuple(differences))


def _lhkpn(spec: InstrumentSpec, sub_code: str, saved: Decimal, result: Score) -> str:
    """Return "lhkpn" when the saved value is the template's LHKPN roll-up slip."""
    grouped = [q for q in spec.questions if q.sub_area == sub_code and q.group]
    if len(grouped) < 2:
        return ""
    first = result.questions[grouped[0].code].value or Decimal(0)
    weight = next(s.weight for s in spec.sub_areas if s.code == sub_code)
    slip = (first * grouped[0].weight + first) / 2 * weight
    return "lhkpn" if abs(slip - saved) <= TOLERANCE else ""
