"""The periodic UPG report's recap: counts and values by type, value band and status.

Django-free: it takes plain rows and returns plain tables, so the same recap
feeds the page, the PDF and the XLSX.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sizi.integrity.gratification_rules import band_index, band_labels


@dataclass(frozen=True)
class RecapInput:
    kind: str
    gift_type: str
    status: str
    value: Decimal


@dataclass(frozen=True)
class RecapRow:
    label: str
    count: int
    value: Decimal


@dataclass(frozen=True)
class Recap:
    title: str
    period: str
    by_kind: list[RecapRow]
    by_type: list[RecapRow]
    by_band: list[RecapRow]
    by_status: list[RecapRow]
    total: RecapRow


def _table(
    rows: Sequence[RecapInput], labels: Sequence[tuple[str, str]], key: str
) -> list[RecapRow]:
    result = []
    for code, label in labels:
        chosen = [r for r in rows if getattr(r, key) == code]
        result.append(
            RecapRow(label, len(chosen), sum((r.value for r in chosen), Decimal(0)))
        )
    return result


def build_recap(
    rows: Iterable[RecapInput],
    *,
    title: str,
    period: str,
    kinds: Sequence[tuple[str, str]],
    types: Sequence[tuple[str, str]],
    statuses: Sequence[tuple[str, str]],
    bounds: Sequence[Decimal],
) -> Recap:
    """Return the recap of `rows`; every category appears, with zero when empty."""
    rows = list(rows)
    labels = band_labels(bounds)
    bands = [RecapRow(label, 0, Decimal(0)) for label in labels]
    for row in rows:
        index = band_index(row.value, bounds)
        band = bands[index]
        bands[index] = RecapRow(band.label, band.count + 1, band.value + row.value)
    return Recap(
        title=title,
        period=period,
        by_kind=_table(rows, kinds, "kind"),
        by_type=_table(rows, types, "gift_type"),
        by_band=bands,
        by_status=_table(rows, statuses, "status"),
        total=RecapRow("Jumlah", len(rows), sum((r.value for r in rows), Decimal(0))),
    )
