"""The context every evidence page shares: the unit, the access and the rights."""

from __future__ import annotations

from typing import Any

from sizi.evidence import permissions
from sizi.evidence.permissions import EvidenceRights
from sizi.units.permissions import UnitAccess


def page_context(
    access: UnitAccess, rights: EvidenceRights | None = None, **extra: Any
) -> dict[str, Any]:
    """Return a page context with the unit, the access and `rights` (the unit's
    evidence rights unless an item's are given)."""
    return {
        "access": access,
        "unit": access.unit,
        "rights": rights if rights is not None else permissions.rights_for(access),
        **extra,
    }
