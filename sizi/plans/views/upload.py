"""Importing a decree through the browser: upload, preview, then save.

Text, DOCX and XLSX are read inside the upload request (well under a second).
A PDF is kept in the preview store and read by a background job
(``plans.import_read``: pdfplumber, and Tesseract for scanned pages, with its
progress per page); its page polls the job and shows the preview built from the
pages the job kept. Saving builds the plan from those same pages plus the
corrections typed in the preview: OCR never runs twice for one upload.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRefresh

from sizi.core.http import AuthenticatedHttpRequest
from sizi.core.jobs import start_job
from sizi.core.models import Job
from sizi.plans import permissions, services, tasks
from sizi.plans.forms import SURE_LABEL, ImportConfirmForm, ImportUploadForm
from sizi.plans.import_previews import discard_preview, load_pages, preview_name
from sizi.plans.importing import ParsedPlan, parse_decree, parse_pages
from sizi.plans.importing.corrections import apply_corrections
from sizi.plans.target_time import WEEK_CONVENTION
from sizi.units import permissions as unit_permissions
from sizi.units.downloads import get_job_for_user
from sizi.units.models import Unit

READ_KIND = "plans.import_read"
RECENT_READS = timedelta(hours=24)  # previews are purged after a day


def _flagged(parsed: Any) -> dict[str, list[dict[str, Any]]]:
    """Return the indicators whose target needs a look, and the retroactive ones.

    "review": the target was not read (needs_review); "retroactive": the target
    ended before the decree was signed (informational only).
    """
    signed_on = parsed.decree.signed_on
    groups: dict[str, list[dict[str, Any]]] = {"review": [], "retroactive": []}
    for area in parsed.areas:
        for comp in area.components:
            for ind in comp.indicators:
                target = ind.target
                row = {"area": area, "indicator": ind, "target": target}
                if target.needs_review:
                    groups["review"].append(row)
                if signed_on and target.end and target.is_retroactive(signed_on):
                    groups["retroactive"].append(row)
    return groups


CORRECTION_PREFIX = "koreksi-"


def _corrections(request: AuthenticatedHttpRequest) -> dict[str, str]:
    """The texts typed over uncertain OCR cells in the preview, by item key."""
    return {
        key.removeprefix(CORRECTION_PREFIX): request.POST.get(key, "")
        for key in request.POST
        if key.startswith(CORRECTION_PREFIX)
    }


def _is_pdf(data: bytes) -> bool:
    return data.startswith(b"%PDF-")


def _recent_reads(request: AuthenticatedHttpRequest, unit: Unit) -> list[Job]:
    """The person's PDF readings of this unit still worth opening (newest first)."""
    since = timezone.now() - RECENT_READS
    return list(
        Job.objects.for_user(request.user).filter(
            kind=READ_KIND, unit=unit, created_at__gte=since
        )[:5]
    )


@login_required
def plan_import(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Upload a decree and show a preview of what it contains and would change.

    A PDF is read by a background job: the answer leads to its page.
    """
    access = unit_permissions.get_unit_for_user(request.user, code)
    unit_permissions.require(permissions.can_edit_plan(access))
    unit = access.unit
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"access": access, "unit": unit, "form": form}
    if request.method != "POST" or not form.is_valid():
        context["recent_reads"] = _recent_reads(request, unit)
        return TemplateResponse(request, "plans/plan_import.html", context)
    upload = form.cleaned_data["file"]
    data = upload.read()
    filename = Path(upload.name).name
    token = hashlib.sha256(data).hexdigest()
    given_year = form.cleaned_data.get("year")
    if _is_pdf(data):
        name = preview_name(unit, token, filename)
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(data))
        job = start_job(
            tasks.read_decree_task,
            by=request.user,
            unit=unit,
            kind=READ_KIND,
            title=f"Membaca keputusan {filename} ({unit.name})"[:200],
            params={
                "name": name,
                "token": token,
                "filename": filename,
                "year": given_year,
            },
        )
        # "Unduhan saya" links the finished reading back to its preview.
        job.params["open_url"] = reverse(
            "plans:plan_import_read", kwargs={"code": code, "pk": job.pk}
        )
        job.params["open_label"] = "Buka pratinjau impor"
        job.save(update_fields=["params"])
        return redirect("plans:plan_import_read", code=code, pk=job.pk)
    parsed = parse_decree(data, filename, year=given_year)
    return _preview(request, context, parsed, data, filename, token, given_year)


def _preview(
    request: AuthenticatedHttpRequest,
    context: dict[str, Any],
    parsed: ParsedPlan,
    data: bytes | None,
    filename: str,
    token: str,
    given_year: int | None,
) -> TemplateResponse:
    """Render the preview of a parsed decree (``data`` is stored if given)."""
    unit = context["unit"]
    form = context["form"]
    year = given_year or parsed.decree.plan_year or parsed.decree.year
    context.update(
        parsed=parsed,
        counts=parsed.summary(),
        flagged=_flagged(parsed),
        has_week_targets=any(
            ind.target.kind == "week"
            for area in parsed.areas
            for comp in area.components
            for ind in comp.indicators
        ),
        year=year,
        filename=filename,
        week_convention=WEEK_CONVENTION,
        correction_prefix=CORRECTION_PREFIX,
    )
    if parsed.errors or not year:
        if not year and not parsed.errors:  # an unreadable file needs no year
            form.add_error(
                "year", "Tahun rencana aksi tidak terbaca dari berkas; isi kolom Tahun."
            )
        return TemplateResponse(request, "plans/plan_import.html", context, status=422)
    mismatch = services.decree_mismatches(parsed, unit=unit, year=year)
    context["mismatch"] = mismatch
    name = preview_name(unit, token, filename)
    if data is not None and not default_storage.exists(name):
        default_storage.save(name, ContentFile(data))
    try:
        context["dry_run"] = services.import_plan(
            parsed,
            unit=unit,
            year=year,
            by=request.user,
            filename=filename,
            sha256=token,
            dry_run=True,
        )
    except ValidationError as exc:
        context["save_errors"] = exc.messages
        return TemplateResponse(request, "plans/plan_import.html", context, status=422)
    # With something to check first (another unit or year, uncertain OCR cells)
    # the form is shown once, below the content, so its fields can carry ids.
    once = bool(mismatch or parsed.uncertain)
    context["confirm"] = ImportConfirmForm(
        initial={"token": token, "filename": filename, "year": year},
        auto_id="import-%s" if once else False,
        ask_sure=bool(mismatch),
    )
    context["confirm_once"] = once
    return TemplateResponse(request, "plans/plan_import.html", context)


@login_required
@require_GET
def plan_import_read(
    request: AuthenticatedHttpRequest, code: str, pk: UUID
) -> HttpResponse:
    """A PDF being read in the background: progress, then its preview.

    htmx polls the progress panel; once the job has finished the page reloads
    and shows the preview (or why the file could not be read).
    """
    access = unit_permissions.get_unit_for_user(request.user, code)
    unit_permissions.require(permissions.can_edit_plan(access))
    unit = access.unit
    job = get_job_for_user(request.user, pk)
    if job.kind != READ_KIND or job.unit_id != unit.pk:
        raise Http404("Pratinjau tidak ditemukan.")
    if request.htmx:
        if job.is_finished:
            return HttpResponseClientRefresh()
        return TemplateResponse(
            request, "plans/plan_import.html#read_job", {"job": job, "unit": unit}
        )
    params = job.params
    filename = str(params.get("filename", ""))
    context: dict[str, Any] = {
        "access": access,
        "unit": unit,
        "form": ImportUploadForm(),
        "job": job,
        "reading": filename,
    }
    if job.status != Job.Status.DONE:
        return TemplateResponse(request, "plans/plan_import.html", context)
    name = str(params.get("name", ""))
    pages = load_pages(name) if default_storage.exists(name) else None
    if pages is None:
        context["read_gone"] = True
        return TemplateResponse(request, "plans/plan_import.html", context)
    given_year = params.get("year")
    parsed = parse_pages(pages, year=given_year)
    token = str(params.get("token", ""))
    return _preview(request, context, parsed, None, filename, token, given_year)


@login_required
@require_POST
def plan_import_confirm(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Save a previewed import (re-checked; a PDF from the pages its job kept)."""
    access = unit_permissions.get_unit_for_user(request.user, code)
    unit_permissions.require(permissions.can_edit_plan(access))
    unit = access.unit
    form = ImportConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Pratinjau tidak sah; unggah ulang berkasnya.")
        return redirect("plans:plan_import", code=code)
    token, filename, year = (
        form.cleaned_data[k] for k in ("token", "filename", "year")
    )
    name = preview_name(unit, token, filename)
    if not default_storage.exists(name):
        messages.error(
            request, "Berkas pratinjau tidak ditemukan lagi; unggah ulang berkasnya."
        )
        return redirect("plans:plan_import", code=code)
    with default_storage.open(name, "rb") as handle:
        data = handle.read()
    if hashlib.sha256(data).hexdigest() != token:
        discard_preview(name)
        messages.error(
            request, "Isi berkas berubah sejak pratinjau; unggah ulang berkasnya."
        )
        return redirect("plans:plan_import", code=code)
    if _is_pdf(data):
        pages = load_pages(name)
        if pages is None:
            discard_preview(name)
            messages.error(
                request,
                "Hasil bacaan PDF ini tidak ditemukan lagi; unggah ulang berkasnya.",
            )
            return redirect("plans:plan_import", code=code)
        parsed = parse_pages(pages, year=year)
    else:
        parsed = parse_decree(data, filename, year=year)
    apply_corrections(parsed, _corrections(request), year=year)
    mismatch = services.decree_mismatches(parsed, unit=unit, year=year)
    if mismatch and not form.cleaned_data.get("sure"):
        discard_preview(name)
        messages.error(
            request,
            "Keputusan ini menyebut unit atau tahun lain; centang "
            f"“{SURE_LABEL}” bila memang benar. Unggah ulang berkasnya.",
        )
        return redirect("plans:plan_import", code=code)
    try:
        result = services.import_plan(
            parsed,
            unit=unit,
            year=year,
            by=request.user,
            filename=filename,
            sha256=token,
            confirmed=mismatch,
        )
    except ValidationError as exc:
        discard_preview(name)
        for message in exc.messages:
            messages.error(request, message)
        return redirect("plans:plan_import", code=code)
    discard_preview(name)
    if result.changed:
        messages.success(request, f"Rencana aksi {year} tersimpan.")
    else:
        messages.info(
            request,
            "Berkas ini sama dengan rencana aksi yang tersimpan; tidak ada perubahan.",
        )
    return redirect("plans:plan_detail", code=code, year=year)


@login_required
@require_POST
def plan_import_cancel(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Drop a preview: delete the uploaded file kept for it and save nothing."""
    access = unit_permissions.get_unit_for_user(request.user, code)
    unit_permissions.require(permissions.can_edit_plan(access))
    form = ImportConfirmForm(request.POST)
    if form.is_valid():
        token, filename = form.cleaned_data["token"], form.cleaned_data["filename"]
        discard_preview(preview_name(access.unit, token, filename))
    messages.info(request, "Impor dibatalkan; berkas pratinjau dihapus.")
    return redirect("plans:plan_import", code=code)
