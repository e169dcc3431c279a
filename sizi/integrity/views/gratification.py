"""Gratification (UPG) pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template.response import TemplateResponse

from sizi.core.http import AuthenticatedHttpRequest
from sizi.units import permissions


@login_required
def home(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The integrity registers of a unit."""
    access = permissions.get_unit_for_user(request.user, code)
    return TemplateResponse(
        request, "integrity/home.html", {"access": access, "unit": access.unit}
    )
