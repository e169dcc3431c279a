"""What the LKE reads from the public channels (lke imports this; nothing here imports lke).

`r5ii_inputs(unit, year)` returns the three inputs of question R.5.ii
("Persentase penanganan pengaduan masyarakat") keyed by the instrument's input
codes, counted over the complaints the unit received in that year. See
`sizi.cases.complaints.recap` for the rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sizi.cases.complaints.recap import recap_for
from sizi.units.models import Unit

R5II_QUESTION = "R.5.ii.-"


@dataclass(frozen=True)
class ComplaintInputs:
    """The R.5.ii inputs of one unit and year."""

    question: str
    year: int
    pengaduan_harus: int
    pengaduan_diproses: int
    pengaduan_selesai: int
    source: str

    def as_inputs(self) -> dict[str, int]:
        """The values keyed by the instrument's input codes."""
        return {
            "pengaduan_harus": self.pengaduan_harus,
            "pengaduan_diproses": self.pengaduan_diproses,
            "pengaduan_selesai": self.pengaduan_selesai,
        }


def r5ii_inputs(unit: Unit, year: int) -> ComplaintInputs:
    """The R.5.ii numbers of `unit` for complaints received in `year`."""
    recap = recap_for(unit, date(year, 1, 1), date(year, 12, 31))
    return ComplaintInputs(
        question=R5II_QUESTION,
        year=year,
        pengaduan_harus=recap.must_follow_up,
        pengaduan_diproses=recap.in_progress,
        pengaduan_selesai=recap.followed_up,
        source=f"Rekap pengaduan masyarakat SIZI tahun {year}",
    )
