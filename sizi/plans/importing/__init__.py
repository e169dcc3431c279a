"""Read a Rencana Aksi decree (text, DOCX, XLSX, PDF) into a ParsedPlan; no database access.

Entry point: ``parse_decree(data, filename, *, year=None) -> ParsedPlan`` (never raises;
check ``plan.errors``). The tree is defined in ``sizi.plans.importing.parsed``.
"""

from sizi.plans.importing.parsed import (
    LKE_AREAS,
    ParsedArea,
    ParsedComponent,
    ParsedDecree,
    ParsedIndicator,
    ParsedPlan,
    ParseIssue,
)
from sizi.plans.importing.reader import parse_decree, parse_pages

__all__ = [
    "LKE_AREAS",
    "ParseIssue",
    "ParsedArea",
    "ParsedComponent",
    "ParsedDecree",
    "ParsedIndicator",
    "ParsedPlan",
    "parse_decree",
    "parse_pages",
]
