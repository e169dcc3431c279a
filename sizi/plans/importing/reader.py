"""Choose the reader for an uploaded decree by its content (placeholder, being written)."""

from __future__ import annotations

from sizi.plans.importing.parsed import ParsedPlan, ParseIssue


def parse_decree(data: bytes, filename: str, *, year: int | None = None) -> ParsedPlan:
    """Read a decree file into a ParsedPlan; never raises (check ``plan.errors``)."""
    return ParsedPlan(errors=[ParseIssue("", "Pembaca belum tersedia.")])
