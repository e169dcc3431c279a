"""Shared lookups of the LKE views: the assessment, layer rights."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from sizi.core.http import AuthenticatedHttpRequest
from sizi.lke import services
from sizi.lke.models import (
    Assessment,
    Layer,
)
from sizi.units import permissions
from sizi.units.permissions import UnitAccess


def _required(layer: str | None) -> str:
    """Return the layer the user writes, or refuse with 403."""
    permissions.require(layer is not None)
    return str(layer)


def _assessment(access: UnitAccess, year: int) -> Assessment:
    assessment = (
        Assessment.objects.select_related("unit__level", "unit__parent", "instrument")
        .filter(unit=access.unit, year=year)
        .first()
    )
    if assessment is None:
        raise Http404("Penilaian LKE tahun ini belum dibuat.")
    return assessment


def write_layer(
    request: AuthenticatedHttpRequest, access: UnitAccess, assessment: Assessment
) -> str | None:
    """Return the layer this user fills now: the highest open layer they may write."""
    writable = [
        layer
        for layer in Layer.ordered()
        if layer in services.open_layers(assessment)
        and permissions.can_write_layer(request.user, access, layer)
    ]
    return writable[-1] if writable else None


def _can_review(
    request: AuthenticatedHttpRequest, access: UnitAccess, assessment: Assessment
) -> str | None:
    layer = write_layer(request, access, assessment)
    return layer if layer in {Layer.PRELIMINARY, Layer.INTERNAL} else None


def _nav_context(
    request: AuthenticatedHttpRequest, access: UnitAccess, assessment: Assessment
) -> dict[str, Any]:
    """Return what the LKE sub-menu needs: whether the upload link leads anywhere."""
    return {"can_upload": write_layer(request, access, assessment) is not None}


def layer_context(
    access: UnitAccess, assessment: Assessment, layer: str | None
) -> dict[str, Any]:
    """Return the template context every LKE page of one assessment shares."""
    return {
        "access": access,
        "unit": access.unit,
        "assessment": assessment,
        "layer": layer,
        "layer_label": Layer(layer).label if layer else "",
        "is_review_layer": layer in {Layer.PRELIMINARY, Layer.INTERNAL},
        "can_upload": layer is not None,
    }
