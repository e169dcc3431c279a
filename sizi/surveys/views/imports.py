"""Import of a Google Forms / spreadsheet export: upload → columns → preview → confirm.

The coordinator or leader imports into a period that is not closed (the Manage
rule; another unit's period is a 404). The uploaded file is checked, kept in
private storage under its SHA-256 for the next steps, and read again at every
step; the confirm step stores all rows or none and then deletes the kept file.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sizi.core.http import AuthenticatedHttpRequest
from sizi.evidence.uploads import capped_uploads
from sizi.surveys import file_import, services
from sizi.surveys.file_import import IMPORTS_DIR
from sizi.surveys.import_forms import SHA256, MappingForm, UploadForm
from sizi.surveys.importing import ImportProblem
from sizi.surveys.importing.columns import Column, detect_layout, target_choices
from sizi.surveys.importing.table import ZIP_MAGIC, read_table
from sizi.surveys.models import ServiceType, SurveyPeriod
from sizi.surveys.permissions import get_period_for_user, rights_for
from sizi.surveys.views import scope
from sizi.units.permissions import UnitAccess, require

PREVIEW_ROWS = 10


def _importable(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> tuple[UnitAccess, SurveyPeriod]:
    access, period = get_period_for_user(request.user, code, pk)
    require(rights_for(access, period).can_import)
    return access, period


def _stored_name(period: SurveyPeriod, sha: str, xlsx: bool) -> str:
    extension = "xlsx" if xlsx else "csv"
    return f"{IMPORTS_DIR}/{period.unit_id}/{period.pk}/{sha}.{extension}"


def _keep(period: SurveyPeriod, data: bytes, sha: str) -> None:
    name = _stored_name(period, sha, data.startswith(ZIP_MAGIC))
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(data))


def _kept(period: SurveyPeriod, sha: str) -> tuple[str, bytes]:
    if not SHA256.match(sha):
        raise Http404("Berkas unggahan tidak ditemukan.")
    for xlsx in (True, False):
        name = _stored_name(period, sha, xlsx)
        if default_storage.exists(name):
            with default_storage.open(name, "rb") as handle:
                return name, handle.read()
    raise Http404("Berkas unggahan tidak ditemukan; unggah lagi.")


def _services(period: SurveyPeriod) -> list[tuple[int, str]]:
    allowed = services.allowed_service_ids(period)
    return list(
        ServiceType.objects.filter(pk__in=allowed)
        .order_by("order", "name")
        .values_list("pk", "name")
    )


def _columns(
    period: SurveyPeriod, filename: str, data: bytes
) -> tuple[int, list[Column], list[str]]:
    """Return the guessed header row and columns; a file without one starts at row 1."""
    instrument = services.instrument_of(period)
    table = read_table(filename, data)
    try:
        layout = detect_layout(table, instrument)
        return layout.header_row, list(layout.columns), []
    except ImportProblem as problem:
        fallback = detect_layout(table, instrument, overrides={"baris_judul": "1"})
        return 1, list(fallback.columns), problem.problems


def _mapping_form(
    period: SurveyPeriod, sha: str, filename: str, data: bytes, post: Any = None
) -> tuple[MappingForm, list[str]]:
    header_row, columns, problems = _columns(period, filename, data)
    instrument = services.instrument_of(period)
    form = MappingForm(
        post,
        columns=columns,
        choices=target_choices(instrument),
        services=_services(period),
        initial={"f": sha, "name": filename, "header_row": header_row},
    )
    return form, problems


@login_required
@capped_uploads
@require_http_methods(["GET", "POST"])
def import_upload(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    """Step 1: upload the export file."""
    access, period = _importable(request, code, pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read(file_import.MAX_IMPORT_SIZE + 1)
        try:
            name = file_import.check_file(upload.name or "", data)
            read_table(name, data)
        except ValidationError as error:
            form.add_error("file", error)
        except ImportProblem as problem:
            form.add_error("file", problem.problems)
        else:
            sha = hashlib.sha256(data).hexdigest()
            _keep(period, data, sha)
            url = reverse("surveys:import_mapping", args=[access.unit.code, period.pk])
            return redirect(f"{url}?{urlencode({'f': sha, 'name': name})}")
    return TemplateResponse(
        request, "surveys/import_upload.html", scope.context(access, period, form=form)
    )


@login_required
@require_GET
def import_mapping(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    """Step 2: map the file's columns to the instrument's questions."""
    access, period = _importable(request, code, pk)
    sha = request.GET.get("f", "")
    filename = request.GET.get("name", "ekspor.csv")[:200]
    _, data = _kept(period, sha)
    try:
        form, problems = _mapping_form(period, sha, filename, data)
    except ImportProblem as problem:
        messages.error(request, " ".join(problem.problems))
        return redirect("surveys:import_upload", access.unit.code, period.pk)
    return TemplateResponse(
        request,
        "surveys/import_mapping.html",
        scope.context(access, period, form=form, problems=problems, filename=filename),
    )


def _prepared(period: SurveyPeriod, form: MappingForm) -> file_import.PreparedImport:
    _, data = _kept(period, form.cleaned_data["f"])
    return file_import.prepare_import(
        period,
        filename=form.cleaned_data["name"],
        data=data,
        overrides=form.mapping(),
        default_service=form.default_service_id(),
    )


def _preview_rows(
    period: SurveyPeriod, prepared: file_import.PreparedImport
) -> list[dict[str, Any]]:
    instrument = services.instrument_of(period)
    names = dict(_services(period))
    return [
        {
            "row": r.source_row,
            "service": names.get(r.service_type_id or 0, "—"),
            # As the file prints it (the option's label), not the scale value.
            "answers": [
                "—" if r.answers.get(q.code) is None else q.label_for(r.answers[q.code])
                for q in instrument.questions
            ],
            "demographics": [
                d.label_for(r.demographic(d.code)) if r.demographic(d.code) else "—"
                for d in instrument.demographics
            ],
        }
        for r in prepared.rows.rows[:PREVIEW_ROWS]
    ]


@login_required
@require_POST
def import_preview(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    """Step 3: check every row with the chosen mapping and show what will be added."""
    access, period = _importable(request, code, pk)
    sha = request.POST.get("f", "")
    filename = request.POST.get("name", "ekspor.csv")[:200]
    _, data = _kept(period, sha)
    form, _ = _mapping_form(period, sha, filename, data, request.POST)
    problems: list[str] = []
    prepared = None
    if form.is_valid():
        try:
            prepared = _prepared(period, form)
        except ImportProblem as problem:
            problems = problem.problems
        except ValidationError as error:
            problems = list(error.messages)
    instrument = services.instrument_of(period)
    context = scope.context(
        access, period, form=form, problems=problems, filename=filename, prepared=prepared,
        instrument=instrument,
        rows=_preview_rows(period, prepared) if prepared else [],
        per_service=sorted(Counter(
            dict(_services(period)).get(r.service_type_id or 0, "—") for r in prepared.rows.rows
        ).items()) if prepared else [],
    )  # fmt: skip
    template = (
        "surveys/import_preview.html" if prepared else "surveys/import_mapping.html"
    )
    return TemplateResponse(request, template, context, status=200 if prepared else 400)


@login_required
@require_POST
def import_confirm(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    """Step 4: add every row in one transaction, or none."""
    access, period = _importable(request, code, pk)
    sha = request.POST.get("f", "")
    filename = request.POST.get("name", "ekspor.csv")[:200]
    try:
        stored, data = _kept(period, sha)
    except Http404:
        # A second click after the import, or an upload purged meanwhile.
        messages.info(
            request,
            "Berkas ini sudah diimpor atau sudah kedaluwarsa; periksa jumlah jawaban periode.",
        )
        return redirect("surveys:period_detail", access.unit.code, period.pk)
    form, _ = _mapping_form(period, sha, filename, data, request.POST)
    if not form.is_valid():
        messages.error(
            request, "Pemetaan kolom tidak sah; ulangi dari langkah pemetaan."
        )
        return redirect("surveys:import_upload", access.unit.code, period.pk)
    try:
        batch = file_import.store_import(
            period, _prepared(period, form), by=request.user
        )
    except (ImportProblem, ValidationError) as error:
        found = error.problems if isinstance(error, ImportProblem) else error.messages
        messages.error(
            request, "Impor ditolak, tidak ada yang disimpan: " + " ".join(found)
        )
        return redirect("surveys:import_upload", access.unit.code, period.pk)
    default_storage.delete(stored)
    messages.success(
        request, f"{batch.row_count} jawaban dari «{batch.filename}» ditambahkan."
    )
    return redirect("surveys:period_detail", access.unit.code, period.pk)
