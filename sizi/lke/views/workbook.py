"""The LKE workbook: download (SIZI's or the official layout), upload with a preview, apply."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from sizi.core.http import AuthenticatedHttpRequest
from sizi.core.jobs import start_job
from sizi.core.models import Job
from sizi.lke import tasks
from sizi.lke.forms import WorkbookApplyForm, WorkbookNewYearForm, WorkbookUploadForm
from sizi.lke.models import Layer
from sizi.lke.permissions import (
    get_assessment_for_user,
    required_layer,
    rights_for,
    write_layer,
)
from sizi.lke.services import previews
from sizi.lke.services.workbook import (
    ImportReport,
    export_assessment,
    import_assessment,
    import_into,
)
from sizi.lke.views.answering import _start_years
from sizi.lke.views.context import layer_context
from sizi.units import permissions
from sizi.units.downloads import get_job_for_user
from sizi.units.models import Unit

ALL_LAYERS = "semua"
IMPORT_JOBS = {"lke.import_preview", "lke.import_apply"}


def _export_choice(
    assessment: Any, query: Any
) -> tuple[str | None, str, list[str] | None]:
    """Return (layer, layout, layers) asked for by ``format`` and ``lapisan``."""
    layer = query.get("lapisan") or None
    official = query.get("format") == "resmi"
    if layer not in {None, *Layer.values} and not (official and layer == ALL_LAYERS):
        raise Http404("Lapisan tidak dikenal.")
    layers = None
    if layer == ALL_LAYERS:
        layers = [
            x.value
            for x in Layer.ordered()
            if assessment.answers.filter(layer=x.value).exists()
        ] or [Layer.SELF.value]
        layer = None
    return layer, "official" if official else "sizi", layers


@login_required
def workbook_export(
    request: AuthenticatedHttpRequest, code: str, year: int
) -> HttpResponse:
    """Download the assessment as a workbook (.xlsx, live formulas).

    ``?format=resmi`` gives the official Lampiran III layout; with
    ``lapisan=semua`` its multi-layer working file (every layer present).
    A POST prepares the same file as a background job ("Unduhan saya").
    """
    access, assessment = get_assessment_for_user(request.user, code, year)
    query = request.POST if request.method == "POST" else request.GET
    layer, layout, layers = _export_choice(assessment, query)
    if request.method == "POST":
        kind = "resmi" if layout == "official" else "SIZI"
        job = start_job(
            tasks.export_workbook,
            by=request.user,
            unit=access.unit,
            kind="lke.workbook_export",
            title=f"Lembar kerja LKE {access.unit.name} {year} (format {kind})",
            params={
                "assessment": assessment.pk,
                "layer": layer,
                "layout": layout,
                "layers": layers,
            },
        )
        return redirect("units:job_detail", job.pk)
    data = export_assessment(assessment, layer, layout=layout, layers=layers)
    response = HttpResponse(
        data,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    suffix = "-resmi" if layout == "official" else ""
    response["Content-Disposition"] = (
        f'attachment; filename="LKE-{access.unit.code}-{year}{suffix}.xlsx"'
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
        target = f"a:{assessment.pk}:{layer}"
        if "token" in request.POST and apply_form.is_valid():
            data = _pending_upload(request, apply_form.cleaned_data["token"], target)
            if data is None:
                messages.error(request, "Pratinjau kedaluwarsa; unggah berkasnya lagi.")
                return redirect("lke:import", code, year)
            force = apply_form.cleaned_data["force"]
            if apply_form.cleaned_data["background"]:
                return _start_apply(request, access.unit, year, layer, data, force)
            report = import_assessment(
                assessment, data, layer=layer, by=request.user, force=force
            )
            if report.ok:
                messages.success(request, _imported_message(report))
                return redirect("lke:score", code, year)
            if report.confirm_needed:
                token = _keep_upload(request, data, target)
        elif form.is_valid() and form.cleaned_data["background"]:
            data = form.cleaned_data["file"].read()
            return _start_preview(request, access.unit, year, layer, data, target)
        elif form.is_valid():
            data = form.cleaned_data["file"].read()
            apply = form.cleaned_data["apply"]
            report = import_assessment(
                assessment, data, layer=layer, by=request.user, dry_run=not apply
            )
            if apply and report.ok:
                messages.success(request, _imported_message(report))
                return redirect("lke:score", code, year)
            if not report.errors:
                token = _keep_upload(request, data, target)
    return TemplateResponse(
        request,
        "lke/workbook_import.html",
        {
            **layer_context(access, assessment, layer),
            "form": form,
            "report": report,
            "token": token,
            "apply_form": WorkbookApplyForm(),
        },
    )


@login_required
def workbook_import_new(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Upload last year's workbook into a year not started yet: the import starts it."""
    access = permissions.get_unit_for_user(request.user, code)
    rights = rights_for(access, None, None)
    permissions.require(rights.can_manage)
    form = WorkbookNewYearForm(
        request.POST or None, request.FILES or None, years=_start_years(access)
    )
    report: ImportReport | None = None
    token, year = "", 0
    if request.method == "POST":
        apply_form = WorkbookApplyForm(request.POST)
        if "token" in request.POST and apply_form.is_valid():
            pending = _pending_new(
                request, apply_form.cleaned_data["token"], access.unit.pk
            )
            if pending is None:
                messages.error(request, "Pratinjau kedaluwarsa; unggah berkasnya lagi.")
                return redirect("lke:import_new", code)
            year, data = pending
            force = apply_form.cleaned_data["force"]
            if apply_form.cleaned_data["background"]:
                return _start_apply(
                    request, access.unit, year, Layer.SELF.value, data, force
                )
        elif form.is_valid() and form.cleaned_data["background"]:
            year, data = form.cleaned_data["year"], form.cleaned_data["file"].read()
            target = f"u:{access.unit.pk}:{year}"
            return _start_preview(
                request, access.unit, year, Layer.SELF.value, data, target
            )
        elif form.is_valid():
            year, data = form.cleaned_data["year"], form.cleaned_data["file"].read()
            force = None  # a preview
        else:
            data = b""
        if data:
            report = import_into(
                access.unit,
                year,
                data,
                layer=Layer.SELF.value,
                by=request.user,
                dry_run=force is None,
                force=bool(force),
            )
            if force is not None and report.ok:
                messages.success(request, _imported_message(report))
                return redirect("lke:score", code, year)
            if not report.errors:
                token = _keep_upload(request, data, f"u:{access.unit.pk}:{year}")
    return TemplateResponse(
        request,
        "lke/workbook_import_new.html",
        {
            "access": access,
            "unit": access.unit,
            "rights": rights,
            "form": form,
            "report": report,
            "token": token,
            "year": year,
            "apply_form": WorkbookApplyForm(),
        },
    )


def _start_preview(
    request: AuthenticatedHttpRequest,
    unit: Unit,
    year: int,
    layer: str,
    data: bytes,
    target: str,
) -> HttpResponse:
    """Keep the upload and parse it as a background job; go to its page."""
    token = _keep_upload(request, data, target)
    name = request.session[PENDING_KEY][token]["name"]
    apply_url = (
        reverse("lke:import", args=[unit.code, year])
        if target.startswith("a:")
        else reverse("lke:import_new", args=[unit.code])
    )
    job = start_job(
        tasks.preview_import,
        by=request.user,
        unit=unit,
        kind="lke.import_preview",
        title=f"Pratinjau impor lembar kerja LKE {unit.name} {year}",
        params={
            "name": name,
            "unit": unit.pk,
            "year": year,
            "layer": layer,
            "token": token,
            "apply_url": apply_url,
        },
    )
    return redirect("lke:import_job", unit.code, job.pk)


def _start_apply(
    request: AuthenticatedHttpRequest,
    unit: Unit,
    year: int,
    layer: str,
    data: bytes,
    force: bool,
) -> HttpResponse:
    """Apply a previewed workbook as a background job; go to its page."""
    _token, name = previews.keep_preview(data)
    job = start_job(
        tasks.apply_import,
        by=request.user,
        unit=unit,
        kind="lke.import_apply",
        title=f"Impor lembar kerja LKE {unit.name} {year}",
        params={
            "name": name,
            "unit": unit.pk,
            "year": year,
            "layer": layer,
            "force": force,
        },
    )
    return redirect("lke:import_job", unit.code, job.pk)


@login_required
def workbook_import_job(
    request: AuthenticatedHttpRequest, code: str, pk: str
) -> HttpResponse:
    """The preview of a workbook parsed in the background: progress, then the report."""
    access = permissions.get_unit_for_user(request.user, code)
    job = get_job_for_user(request.user, pk)
    if job.kind not in IMPORT_JOBS or job.unit_id != access.unit.pk:
        raise Http404("Pratinjau tidak ditemukan.")
    report = None
    if job.status == Job.Status.DONE and default_storage.exists(job.result_name):
        with default_storage.open(job.result_name, "rb") as handle:
            report = json.loads(handle.read())
    return TemplateResponse(
        request,
        "lke/workbook_import_job.html",
        {
            "access": access,
            "unit": access.unit,
            "job": job,
            "report": report,
            "token": job.params.get("token", "") if report else "",
            "applied": job.kind == "lke.import_apply",
            "background": True,
            "apply_url": job.params.get("apply_url", ""),
            "year": job.params.get("year"),
            "apply_form": WorkbookApplyForm(),
        },
    )


def _imported_message(report: Any) -> str:
    text = (
        "Penilaian dibuat dan lembar kerja diimpor"
        if report.created
        else "Lembar kerja diimpor"
    )
    text += f": {len(report.changes)} jawaban berubah"
    if report.hasil_changes:
        text += f", {len(report.hasil_changes)} isian komponen hasil berubah"
    if report.links_new:
        text += f", {report.links_new} tautan bukti didaftarkan"
    return text + "."


PENDING_KEY = "lke_pending_imports"


def _keep_upload(request: AuthenticatedHttpRequest, data: bytes, target: str) -> str:
    """Keep a previewed workbook until the user applies it; return its token.

    ``target`` names where it may be applied: ``a:<assessment>:<layer>`` or
    ``u:<unit>:<year>`` (a year not started yet).
    """
    token, name = previews.keep_preview(data)
    pending = dict(request.session.get(PENDING_KEY, {}))
    pending[token] = {"name": name, "target": target}
    request.session[PENDING_KEY] = pending
    return token


def _pending_upload(
    request: AuthenticatedHttpRequest, token: str, target: str
) -> bytes | None:
    """Return (and forget) the previewed workbook of this user and target.

    The token is spent either way: the preview file goes now, applied or not.
    """
    pending = dict(request.session.get(PENDING_KEY, {}))
    entry = pending.pop(token, None)
    request.session[PENDING_KEY] = pending
    if entry is None:
        return None
    if entry.get("target") != target:
        previews.discard_preview(entry["name"])
        return None
    return previews.take_preview(entry["name"])


def _pending_new(
    request: AuthenticatedHttpRequest, token: str, unit_pk: int
) -> tuple[int, bytes] | None:
    """Return the year and workbook of a previewed import into a new year."""
    entry = dict(request.session.get(PENDING_KEY, {})).get(token) or {}
    kind, _sep, rest = str(entry.get("target", "")).partition(":")
    unit, _sep, year = rest.partition(":")
    if kind != "u" or unit != str(unit_pk) or not year.isdigit():
        _pending_upload(request, token, "")
        return None
    data = _pending_upload(request, token, f"u:{unit_pk}:{year}")
    return (int(year), data) if data is not None else None
