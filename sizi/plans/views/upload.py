"""Importing a decree through the browser: upload, preview, then save."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from sizi.core.http import AuthenticatedHttpRequest
from sizi.plans import permissions, services
from sizi.plans.forms import SURE_LABEL, ImportConfirmForm, ImportUploadForm
from sizi.plans.import_previews import discard_preview, preview_name
from sizi.plans.importing import parse_decree
from sizi.plans.importing.corrections import apply_corrections
from sizi.plans.target_time import WEEK_CONVENTION
from sizi.units import permissions as unit_permissions


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


@login_required
def plan_import(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Upload a decree and show a preview of what it contains and would change."""
    access = unit_permissions.get_unit_for_user(request.user, code)
    unit_permissions.require(permissions.can_edit_plan(access))
    unit = access.unit
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"access": access, "unit": unit, "form": form}
    if request.method != "POST" or not form.is_valid():
        return TemplateResponse(request, "plans/plan_import.html", context)
    upload = form.cleaned_data["file"]
    data = upload.read()
    filename = Path(upload.name).name
    token = hashlib.sha256(data).hexdigest()
    parsed = parse_decree(data, filename, year=form.cleaned_data.get("year"))
    year = (
        form.cleaned_data.get("year") or parsed.decree.plan_year or parsed.decree.year
    )
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
    if not default_storage.exists(name):
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
@require_POST
def plan_import_confirm(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Save a previewed import (the uploaded file is read again and re-checked)."""
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
