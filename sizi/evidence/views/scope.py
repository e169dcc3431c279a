"""The first steps every evidence view shares: the item in the unit, the rights."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from sizi.evidence.models import Evidence
from sizi.units import permissions
from sizi.units.permissions import UnitAccess


def rights(access: UnitAccess) -> dict[str, bool]:
    """Return what the templates may offer: contribute, verify, manage."""
    return {
        "can_contribute": permissions.can_contribute(access),
        "can_verify": permissions.can_verify_evidence(access),
        "can_manage": permissions.can_manage_unit(access),
    }


def context(access: UnitAccess, **extra: Any) -> dict[str, Any]:
    """Return a page context with the unit, the access and the rights."""
    return {"access": access, "unit": access.unit, **rights(access), **extra}


def evidence_in_unit(access: UnitAccess, pk: int) -> Evidence:
    """Return an evidence item of the accessed unit; 404 for any other unit's."""
    return get_object_or_404(
        Evidence.objects.select_related("unit"), unit=access.unit, pk=pk
    )
