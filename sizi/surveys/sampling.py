"""Minimum samples: Krejcie & Morgan (SKM, zi-rules §3.5) and the 30-respondent rule (pure).

S = λ²·N·P·Q / (d²·(N − 1) + λ²·P·Q) with λ² = 3,841, P = Q = 0,5, d = 0,05,
rounded half-up, which reproduces the published 1970 table (N = 100 → 80,
1 000 → 278, 10 000 → 370, 1 000 000 → 384). IPAK/IPKP add a minimum of 30
respondents per unit (P90). With a population per layanan the unit's minimum
is allocated in proportion (rounded up, at least one per layanan).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import TypeVar

from sizi.surveys.instruments.definition import Instrument

CHI_SQUARE = Decimal("3.841")
P = Q = Decimal("0.5")
MARGIN = Decimal("0.05")

K = TypeVar("K")


def krejcie_morgan(population: int) -> int:
    """Return the minimum sample for a population of `population` (0 for none)."""
    if population <= 0:
        return 0
    n = Decimal(population)
    top = CHI_SQUARE * n * P * Q
    bottom = MARGIN * MARGIN * (n - 1) + CHI_SQUARE * P * Q
    return min(population, int((top / bottom).quantize(Decimal(1), ROUND_HALF_UP)))


@dataclass(frozen=True)
class SampleTarget:
    """What a period must reach: Krejcie-Morgan (if N known) and the rule's minimum."""

    population: int | None
    krejcie_morgan: int | None
    regulatory_minimum: int

    @property
    def required(self) -> int:
        return max(self.krejcie_morgan or 0, self.regulatory_minimum)

    def reached(self, respondents: int) -> bool:
        return respondents >= self.required if self.required else True


def sample_target(instrument: Instrument, population: int | None) -> SampleTarget:
    """Return the minimum sample of a period of `instrument` with population N."""
    return SampleTarget(
        population=population,
        krejcie_morgan=krejcie_morgan(population) if population else None,
        regulatory_minimum=instrument.minimum_respondents,
    )


def allocate(required: int, populations: Mapping[K, int]) -> dict[K, int]:
    """Allocate `required` respondents to strata in proportion to their populations."""
    total = sum(populations.values())
    if total <= 0:
        return dict.fromkeys(populations, 0)
    shares = {}
    for key, size in populations.items():
        share = (Decimal(required) * Decimal(size) / Decimal(total)).quantize(
            Decimal(1), ROUND_CEILING
        )
        shares[key] = min(size, max(1, int(share))) if size > 0 else 0
    return shares
