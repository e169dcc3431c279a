"""The official workbook: download, upload with a preview, apply."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from sizi.core.http import AuthenticatedHttpRequest
from sizi.lke.forms import WorkbookApplyForm, WorkbookUploadForm
from sizi.lke.models import (
    Assessment,
    Layer,
)
from sizi.lke.permissions import get_assessment_for_user, required_layer, write_layer
from sizi.lke.services import previews
from sizi.lke.services.workbook import export_assessment, import_assessment
from sizi.lke.views.context import layer_context


@login_required
def workbook_export(
    request: AuthenticatedHttpRequest, code: str, year: int
) -> HttpResponse:
    """Download the assessment as the official LKE workbook (.xlsx, live formulas)."""
    access, assessment = get_assessment_for_user(request.user, code, year)
    layer = request.GET.get("lapisan") or None
    if layer not in {None, *Layer.values}:
        raise Http404("Lapisan tidak dikenal.")
    data = export_assessment(assessment, layer)
    response = HttpResponse(
        data,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="LKE-{access.unit.code}-{year}.xlsx"'
    )
    # A unit's answers stay out of shared and browser caches, as evidence files do.
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def workbook_import(
    request: AuthenticatedHttpRequest, code: str, year: int
) -> HttpResponse:
    """Upload a filled LKE workbook into the user's layer: preview first, then apply."""
    access, assessment = get_assessment_for_user(request.user, code, year)
    layer = write_layer(request.user, access, assessment)
    form = WorkbookUploadForm(request.POST or None, request.FILES or None)
    report, token = None, ""
    if request.method == "POST":
        layer = required_layer(layer)
        apply_form = WorkbookApplyForm(request.POST)
        if "token" in request.POST and apply_form.is_valid():
            data = _pending_upload(
                request, apply_form.cleaned_data["token"], assessment, layer
            )
            if data is None:
                messages.error(request, "Pratinjau kedaluwarsa; unggah berkasnya lagi.")
                return redirect("lke:import", code, year)
            report = import_assessment(assessment, data, layer=layer, by=request.user)
            if report.ok:
                messages.success(request, _imported_message(report))
                return redirect("lke:score", code, year)
        elif form.is_valid():
            data = form.cleaned_data["file"].read()
            apply = form.cleaned_data["apply"]
            report = import_assessment(
                assessment, data, layer=layer, by=request.user, dry_run=not apply
            )
            if apply and report.ok:
                messages.success(request, _imported_message(report))
                return redirect("lke:score", code, year)
            if report.ok:
                token = _keep_upload(request, data, assessment, layer)
    return TemplateResponse(
        request,
        "lke/workbook_import.html",
        {
            **layer_context(access, assessment, layer),
            "form": form,
            "report": report,
            "token": token,
        },
    )


def _imported_message(report: Any) -> str:
    text = f"Workbook diimpor: {len(report.changes)} jawaban berubah"
    if report.hasil_changes:
        text += f", {len(report.hasil_changes)} isian komponen hasil berubah"
    return text + "."


PENDING_KEY = "lke_pending_imports"


def _keep_upload(
    request: AuthenticatedHttpRequest, data: bytes, assessment: Assessment, layer: str
) -> str:
    """Keep a previewed workbook until the user applies it; return its token."""
    token, name = previews.keep_preview(data)
    pending = dict(request.session.get(PENDING_KEY, {}))
    pending[token] = {"name": name, "assessment": assessment.pk, "layer": layer}
    request.session[PENDING_KEY] = pending
    return token


def _pending_upload(
    request: AuthenticatedHttpRequest, token: str, assessment: Assessment, layer: str
) -> bytes | None:
    """Return (and forget) the previewed workbook of this user, assessment and layer.

    The token is spent either way: the preview file goes now, applied or not.
    """
    pending = dict(request.session.get(PENDING_KEY, {}))
    entry = pending.pop(token, None)
    request.session[PENDING_KEY] = pending
    if entry is None:
        return None
    if (entry["assessment"], entry["layer"]) != (assessment.pk, layer):
        previews.discard_preview(entry["name"])
        return None
    return previews.take_preview(entry["name"])
