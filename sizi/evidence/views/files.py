"""File downloads and the submission pack, streamed with safe headers."""

from __future__ import annotations

import tempfile

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from sizi.core.http import AuthenticatedHttpRequest
from sizi.evidence import permissions
from sizi.evidence.forms import PackForm
from sizi.evidence.models import EvidenceRevision
from sizi.evidence.pack import pack_filename, write_pack
from sizi.evidence.views.context import page_context
from sizi.units import permissions as unit_permissions


def _attachment(response: FileResponse) -> FileResponse:
    """Set the headers that keep a downloaded file from running in the site's origin."""
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def evidence_download(
    request: AuthenticatedHttpRequest, code: str, pk: int, number: int
) -> HttpResponseBase:
    """Stream one revision's file as an attachment, after the unit check."""
    access, evidence = permissions.get_evidence_for_user(request.user, code, pk)
    revision = get_object_or_404(EvidenceRevision, evidence=evidence, number=number)
    try:
        source = default_storage.open(revision.file.name, "rb")
    except FileNotFoundError as exc:
        raise Http404("Berkas tidak ditemukan di penyimpanan.") from exc
    response = FileResponse(
        source,
        as_attachment=True,
        filename=revision.original_name,
        content_type=revision.content_type,
    )
    return _attachment(response)


@login_required
def evidence_pack(request: AuthenticatedHttpRequest, code: str) -> HttpResponseBase:
    """Offer (GET) or build and stream (with ?tahun=) the submission pack of a year."""
    access = unit_permissions.get_unit_for_user(request.user, code)
    form = PackForm(request.GET or None, unit=access.unit)
    if not form.is_valid():
        return TemplateResponse(
            request, "evidence/evidence_pack.html", page_context(access, form=form)
        )
    year = form.cleaned_data["year"]
    # A temporary file on disk, deleted when the response closes it: the pack
    # never sits in memory, whatever its size.
    out = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    write_pack(access.unit, year, out)
    out.seek(0)
    response = FileResponse(
        out,
        as_attachment=True,
        filename=pack_filename(access.unit, year),
        content_type="application/zip",
    )
    return _attachment(response)
