"""File downloads and the submission pack, streamed with safe headers."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse, Http404
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from sizi.core import jobs
from sizi.core.http import AuthenticatedHttpRequest
from sizi.evidence import permissions, tasks
from sizi.evidence.forms import PackForm
from sizi.evidence.models import EvidenceRevision
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
@require_http_methods(["GET", "POST"])
def evidence_pack(request: AuthenticatedHttpRequest, code: str) -> HttpResponseBase:
    """Offer (GET) or start (POST) the submission pack of a year.

    The pack is built by a background job straight into storage; the answer
    is its progress panel (htmx) or its page, and the file waits under
    "Unduhan saya".
    """
    access = unit_permissions.get_unit_for_user(request.user, code)
    form = PackForm(
        request.POST if request.method == "POST" else None, unit=access.unit
    )
    if not form.is_valid():
        return TemplateResponse(
            request,
            "evidence/evidence_pack.html",
            page_context(access, form=form),
            status=422 if request.method == "POST" else 200,
        )
    year = form.cleaned_data["year"]
    with transaction.atomic():
        job = jobs.start_job(
            tasks.evidence_pack_task,
            by=request.user,
            unit=access.unit,
            kind="evidence.pack",
            title=f"Paket bukti {year} · {access.unit.name}",
            params={"unit": access.unit.pk, "year": year},
        )
    if request.htmx:
        return TemplateResponse(request, "units/downloads.html#job", {"job": job})
    return redirect(job)
