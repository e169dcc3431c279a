"""Import of a Google Forms / spreadsheet export: upload → columns → preview → confirm."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse

from sizi.core.http import AuthenticatedHttpRequest


@login_required
def import_upload(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    """Step 1: upload the export file."""
    raise Http404


@login_required
def import_mapping(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    """Step 2: map the file's columns to the instrument's questions."""
    raise Http404


@login_required
def import_preview(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    """Step 3: preview the rows that will be added."""
    raise Http404


@login_required
def import_confirm(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    """Step 4: add the rows in one transaction."""
    raise Http404
