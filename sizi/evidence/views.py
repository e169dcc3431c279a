"""Pages of the evidence library. Each view checks the unit scope first.

Evidence of a unit the user may not see is a 404 (same as missing); seeing the
unit but lacking the right for an action is a 403.
"""

from __future__ import annotations

import tempfile
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from sizi.evidence import queries, services
from sizi.evidence.forms import (
    EditForm,
    FilterForm,
    FulfilForm,
    LinkForm,
    PackForm,
    RequestForm,
    ReturnForm,
    RevisionForm,
    StepsForm,
    UploadForm,
    VerifyForm,
)
from sizi.evidence.models import (
    Evidence,
    EvidenceQuerySet,
    EvidenceRequest,
    EvidenceRevision,
)
from sizi.evidence.pack import pack_filename, write_pack
from sizi.evidence.uploads import capped_uploads
from sizi.plans.models import ActionPlan
from sizi.units import permissions
from sizi.units.models import User
from sizi.units.permissions import UnitAccess

PAGE_SIZE = 25


def _rights(access: UnitAccess) -> dict[str, bool]:
    return {
        "can_contribute": permissions.can_contribute(access),
        "can_verify": permissions.can_verify_evidence(access),
        "can_manage": permissions.can_manage_unit(access),
    }


def _context(access: UnitAccess, **extra: Any) -> dict[str, Any]:
    return {"access": access, "unit": access.unit, **_rights(access), **extra}


def _evidence(access: UnitAccess, pk: int) -> Evidence:
    """Return an evidence item of the accessed unit; 404 for any other unit's."""
    return get_object_or_404(
        Evidence.objects.select_related("unit"), unit=access.unit, pk=pk
    )


def _user(request: HttpRequest) -> User:
    if not isinstance(request.user, User):  # login_required runs first
        raise PermissionDenied
    return request.user


def _filtered(access: UnitAccess, form: FilterForm) -> EvidenceQuerySet:
    items = Evidence.objects.for_unit(access.unit)
    if not form.is_valid():
        return items.none()
    data = form.cleaned_data
    if data["q"]:
        items = items.filter(
            Q(title__icontains=data["q"])
            | Q(description__icontains=data["q"])
            | Q(current_revision__original_name__icontains=data["q"])
        )
    if data["area"]:
        items = items.filter(action_steps__indicator__component__area=data["area"])
    if data["step"]:
        items = items.filter(action_steps=data["step"])
    if data["status"]:
        items = items.filter(status=data["status"])
    if data["uploader"]:
        items = items.filter(created_by=data["uploader"])
    if data["date_from"]:
        items = items.filter(document_date__gte=data["date_from"])
    if data["date_to"]:
        items = items.filter(document_date__lte=data["date_to"])
    if data["area"] or data["step"]:
        items = items.distinct()
    return items


@login_required
def evidence_list(request: HttpRequest, code: str) -> HttpResponse:
    """List a unit's evidence with filters, search and pages (htmx refreshes the rows)."""
    access = permissions.get_unit_for_user(request.user, code)
    form = FilterForm(request.GET, unit=access.unit)
    items = _filtered(access, form).with_list_data()
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "evidence/evidence_list.html"
    if request.htmx:  # type: ignore[attr-defined]
        template += "#rows"
    return TemplateResponse(request, template, _context(access, form=form, page=page))


@login_required
def evidence_missing(request: HttpRequest, code: str) -> HttpResponse:
    """Show each step of a plan year with its evidence state (kelengkapan bukti)."""
    access = permissions.get_unit_for_user(request.user, code)
    plans = list(ActionPlan.objects.for_unit(access.unit).order_by("-year"))
    year = request.GET.get("tahun", "")
    plan = next((p for p in plans if str(p.year) == year), plans[0] if plans else None)
    show = request.GET.get("tampil", "kurang")
    steps: list[Any] = []
    if plan is not None:
        query = queries.plan_steps(plan)
        if show == "kurang":
            query = query.filter(
                Q(expects_evidence=True, evidence_total=0)
                | Q(done_without_verified=True)
            )
        steps = list(query)
    return TemplateResponse(
        request,
        "evidence/evidence_missing.html",
        _context(access, plans=plans, plan=plan, steps=steps, show=show),
    )


@login_required
def evidence_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Show an item with its revisions (who, when, size, SHA-256) and status history."""
    access = permissions.get_unit_for_user(request.user, code)
    evidence = _evidence(access, pk)
    revisions = evidence.revisions.select_related("uploaded_by")
    history = evidence.status_changes.select_related("by")
    steps = evidence.action_steps.select_related("indicator__component__area__plan")
    rights = _rights(access)
    return TemplateResponse(
        request,
        "evidence/evidence_detail.html",
        _context(
            access,
            evidence=evidence,
            revisions=revisions,
            history=history,
            steps=steps,
            revision_form=RevisionForm() if rights["can_contribute"] else None,
            steps_form=StepsForm(unit=access.unit, initial={"steps": list(steps)})
            if rights["can_contribute"]
            else None,
            edit_form=EditForm(
                initial={
                    "title": evidence.title,
                    "document_date": evidence.document_date,
                    "description": evidence.description,
                }
            )
            if rights["can_contribute"]
            else None,
            verify_form=VerifyForm() if rights["can_verify"] else None,
            return_form=ReturnForm() if rights["can_verify"] else None,
        ),
    )


def _incoming(files: list[Any]) -> list[services.IncomingFile]:
    return [services.IncomingFile(name=f.name, fileobj=f) for f in files]


def _data(cleaned: dict[str, Any]) -> services.EvidenceData:
    return services.EvidenceData(
        title=cleaned["title"],
        document_date=cleaned["document_date"],
        description=cleaned["description"],
    )


@capped_uploads
@login_required
def evidence_upload(request: HttpRequest, code: str) -> HttpResponse:
    """Upload one or more files as evidence items (all or none)."""
    access = permissions.get_unit_for_user(request.user, code)
    permissions.require(permissions.can_contribute(access))
    initial = {"steps": request.GET.getlist("langkah")}
    form = UploadForm(
        request.POST or None, request.FILES or None, unit=access.unit, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            created = services.upload_evidence(
                access.unit,
                _incoming(form.cleaned_data["uploads"]),
                _data(form.cleaned_data),
                by=_user(request),
                steps=form.cleaned_data["steps"],
                submit=form.cleaned_data["submit"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"{len(created)} bukti tersimpan.")
            if len(created) == 1:
                return redirect(created[0])
            return redirect("evidence:list", code=access.unit.code)
    status = 422 if request.method == "POST" else 200
    return TemplateResponse(
        request,
        "evidence/evidence_upload.html",
        _context(access, form=form),
        status=status,
    )


@login_required
def evidence_link_create(request: HttpRequest, code: str) -> HttpResponse:
    """Register a link as an evidence item."""
    access = permissions.get_unit_for_user(request.user, code)
    permissions.require(permissions.can_contribute(access))
    form = LinkForm(request.POST or None, unit=access.unit)
    if request.method == "POST" and form.is_valid():
        try:
            evidence = services.register_link(
                access.unit,
                form.cleaned_data["url"],
                _data(form.cleaned_data),
                by=_user(request),
                steps=form.cleaned_data["steps"],
                submit=form.cleaned_data["submit"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Tautan tersimpan sebagai bukti.")
            return redirect(evidence)
    status = 422 if request.method == "POST" else 200
    return TemplateResponse(
        request,
        "evidence/evidence_link_create.html",
        _context(access, form=form),
        status=status,
    )


def _after_action(
    request: HttpRequest, evidence: Evidence, error: ValidationError | None
) -> HttpResponse:
    if error is not None:
        messages.error(request, " ".join(error.messages))
    return redirect(evidence)


@capped_uploads
@login_required
@require_POST
def evidence_revision_add(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Upload a new version of an item's file."""
    access = permissions.get_unit_for_user(request.user, code)
    evidence = _evidence(access, pk)
    permissions.require(permissions.can_contribute(access))
    form = RevisionForm(request.POST, request.FILES)
    error = None
    if not form.is_valid():
        error = ValidationError([m for msgs in form.errors.values() for m in msgs])
    else:
        try:
            upload = form.cleaned_data["file"]
            services.add_revision(
                evidence,
                services.IncomingFile(upload.name, upload),
                by=_user(request),
                submit=form.cleaned_data["submit"],
            )
            messages.success(request, "Versi baru tersimpan.")
        except ValidationError as exc:
            error = exc
    return _after_action(request, evidence, error)


@login_required
@require_POST
def evidence_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Change an item's title, document date and description."""
    access = permissions.get_unit_for_user(request.user, code)
    evidence = _evidence(access, pk)
    permissions.require(permissions.can_contribute(access))
    form = EditForm(request.POST)
    error = None
    if form.is_valid():
        try:
            services.update_evidence(
                evidence, _data(form.cleaned_data), url=evidence.url, by=_user(request)
            )
        except ValidationError as exc:
            error = exc
    else:
        error = ValidationError([m for msgs in form.errors.values() for m in msgs])
    return _after_action(request, evidence, error)


@login_required
@require_POST
def evidence_steps(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Replace the action steps an item supports."""
    access = permissions.get_unit_for_user(request.user, code)
    evidence = _evidence(access, pk)
    permissions.require(permissions.can_contribute(access))
    form = StepsForm(request.POST, unit=access.unit)
    error = None
    if form.is_valid():
        services.set_evidence_steps(
            evidence, form.cleaned_data["steps"], by=_user(request)
        )
        messages.success(request, "Langkah aksi yang didukung diperbarui.")
    else:
        error = ValidationError([m for msgs in form.errors.values() for m in msgs])
    return _after_action(request, evidence, error)


@login_required
@require_POST
def evidence_submit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Send an item for verification."""
    access = permissions.get_unit_for_user(request.user, code)
    evidence = _evidence(access, pk)
    permissions.require(permissions.can_contribute(access))
    error = None
    try:
        services.submit_evidence(evidence, by=_user(request))
        messages.success(request, "Bukti diajukan untuk diverifikasi.")
    except ValidationError as exc:
        error = exc
    return _after_action(request, evidence, error)


@login_required
@require_POST
def evidence_verify(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Mark an item verified (coordinator, or reviewer of an ancestor unit)."""
    access = permissions.get_unit_for_user(request.user, code)
    evidence = _evidence(access, pk)
    permissions.require(permissions.can_verify_evidence(access))
    form = VerifyForm(request.POST)
    error = None
    try:
        note = form.cleaned_data["note"] if form.is_valid() else ""
        services.verify_evidence(evidence, by=_user(request), note=note)
        messages.success(request, "Bukti diverifikasi.")
    except ValidationError as exc:
        error = exc
    return _after_action(request, evidence, error)


@login_required
@require_POST
def evidence_return(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Return an item to its uploader with a note."""
    access = permissions.get_unit_for_user(request.user, code)
    evidence = _evidence(access, pk)
    permissions.require(permissions.can_verify_evidence(access))
    form = ReturnForm(request.POST)
    error = None
    if form.is_valid():
        try:
            services.return_evidence(
                evidence, by=_user(request), note=form.cleaned_data["note"]
            )
            messages.success(request, "Bukti dikembalikan dengan catatan.")
        except ValidationError as exc:
            error = exc
    else:
        error = ValidationError("Tuliskan alasan bukti dikembalikan.")
    return _after_action(request, evidence, error)


def _attachment(response: FileResponse) -> FileResponse:
    """Set the headers that keep a downloaded file from running in the site's origin."""
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def evidence_download(
    request: HttpRequest, code: str, pk: int, number: int
) -> HttpResponseBase:
    """Stream one revision's file as an attachment, after the unit check."""
    access = permissions.get_unit_for_user(request.user, code)
    evidence = _evidence(access, pk)
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
def evidence_pack(request: HttpRequest, code: str) -> HttpResponseBase:
    """Offer (GET) or build and stream (with ?tahun=) the submission pack of a year."""
    access = permissions.get_unit_for_user(request.user, code)
    form = PackForm(request.GET or None, unit=access.unit)
    if not form.is_valid():
        return TemplateResponse(
            request, "evidence/evidence_pack.html", _context(access, form=form)
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


@login_required
def request_list(request: HttpRequest, code: str) -> HttpResponse:
    """List evidence requests: all for managers, "Permintaan saya" for a PIC."""
    access = permissions.get_unit_for_user(request.user, code)
    can_manage = permissions.can_manage_unit(access)
    user = _user(request)
    requests = EvidenceRequest.objects.for_unit(access.unit).select_related(
        "requested_from", "requested_by", "fulfilled_by", "step"
    )
    mine = requests.for_user(user)
    # A PIC starts on "Permintaan saya"; anyone who sees the unit may see all.
    scope = request.GET.get("lingkup") or ("semua" if can_manage else "saya")
    shown = mine if scope == "saya" else requests
    form = RequestForm(unit=access.unit) if can_manage else None
    return TemplateResponse(
        request,
        "evidence/request_list.html",
        _context(
            access,
            requests=shown,
            scope=scope,
            request_form=form,
            mine_count=mine.open().count(),
        ),
    )


@login_required
@require_POST
def request_create(request: HttpRequest, code: str) -> HttpResponse:
    """Ask a PIC for a specific piece of evidence by a due date."""
    access = permissions.get_unit_for_user(request.user, code)
    permissions.require(permissions.can_manage_unit(access))
    form = RequestForm(request.POST, unit=access.unit)
    if form.is_valid():
        try:
            services.create_request(access.unit, by=_user(request), **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Permintaan bukti dikirim.")
            return redirect("evidence:request_list", code=access.unit.code)
    requests = EvidenceRequest.objects.for_unit(access.unit).select_related(
        "requested_from", "requested_by", "fulfilled_by", "step"
    )
    return TemplateResponse(
        request,
        "evidence/request_list.html",
        _context(
            access, requests=requests, scope="semua", request_form=form, mine_count=0
        ),
        status=422,
    )


def _request(access: UnitAccess, pk: int) -> EvidenceRequest:
    return get_object_or_404(EvidenceRequest, unit=access.unit, pk=pk)


@login_required
def request_fulfil(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Close a request with an evidence item (the PIC asked, or a manager)."""
    access = permissions.get_unit_for_user(request.user, code)
    request_obj = _request(access, pk)
    user = _user(request)
    permissions.require(
        permissions.can_manage_unit(access)
        or (
            permissions.can_contribute(access)
            and request_obj.requested_from_id == user.pk
        )
    )
    form = FulfilForm(request.POST or None, request_obj=request_obj)
    if request.method == "POST" and form.is_valid():
        try:
            services.fulfil_request(request_obj, form.cleaned_data["evidence"], by=user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Permintaan dipenuhi.")
            return redirect("evidence:request_list", code=access.unit.code)
    return TemplateResponse(
        request,
        "evidence/request_fulfil.html",
        _context(access, request_obj=request_obj, form=form),
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def request_cancel(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Cancel an open request."""
    access = permissions.get_unit_for_user(request.user, code)
    request_obj = _request(access, pk)
    permissions.require(permissions.can_manage_unit(access))
    try:
        services.cancel_request(request_obj, by=_user(request))
        messages.success(request, "Permintaan dibatalkan.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("evidence:request_list", code=access.unit.code)


@login_required
def overdue_panel(request: HttpRequest, code: str) -> HttpResponse:
    """Return the dashboard panel of overdue evidence requests (loaded by htmx)."""
    access = permissions.get_unit_for_user(request.user, code)
    overdue = (
        EvidenceRequest.objects.for_unit(access.unit)
        .overdue()
        .select_related("requested_from")
        .order_by("due_date")
    )
    return TemplateResponse(
        request,
        "evidence/_overdue_panel.html",
        _context(access, overdue=overdue[:10], overdue_count=overdue.count()),
    )
