"""LHKPN / LHKASN compliance figures (pure): who must report, who has, the share.

The LKE's R.5.iii items are min(1, reported ÷ required) per report type
(zi-rules Appendix A, §1.6). With nobody required the share is undefined
(``None``): zi-rules §8.4 leaves 0 ÷ 0 open, so the caller decides.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Figures:
    required: int
    reported: int

    @property
    def ratio(self) -> Decimal | None:
        """Return min(1, reported ÷ required), 4 decimals; None when nobody is required."""
        if self.required == 0:
            return None
        value = min(Decimal(1), Decimal(self.reported) / Decimal(self.required))
        return value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)

    @property
    def percent(self) -> Decimal | None:
        ratio = self.ratio
        if ratio is None:
            return None
        return (ratio * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def complete(self) -> bool:
        return self.reported >= self.required


def figures(rows: Iterable[tuple[str, bool]], obligation: str) -> Figures:
    """Count the rows (obligation, has reported) owing `obligation`."""
    owing = [reported for kind, reported in rows if kind == obligation]
    return Figures(required=len(owing), reported=sum(1 for r in owing if r))
