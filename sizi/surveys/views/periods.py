"""Survey periods of a unit (placeholder list until the coordinator pages land)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse

from sizi.core.http import AuthenticatedHttpRequest
from sizi.units import permissions


@login_required
def period_list(request: AuthenticatedHttpRequest, code: str) -> TemplateResponse:
    """List the unit's survey periods."""
    access = permissions.get_unit_for_user(request.user, code)
    return TemplateResponse(
        request,
        "surveys/period_list.html",
        {"access": access, "unit": access.unit},
    )
