"""The template context every LKE page of one assessment shares."""

from __future__ import annotations

from typing import Any

from sizi.lke.models import Assessment, Layer
from sizi.lke.permissions import rights_for
from sizi.units.permissions import UnitAccess


def layer_context(
    access: UnitAccess,
    assessment: Assessment,
    layer: str | None,
    *,
    tpi: bool = False,
) -> dict[str, Any]:
    """Return the unit, the assessment, the user's write layer and the page's rights."""
    return {
        "access": access,
        "unit": access.unit,
        "assessment": assessment,
        "layer": layer,
        "layer_label": Layer(layer).label if layer else "",
        "rights": rights_for(access, assessment, layer, tpi=tpi),
    }
