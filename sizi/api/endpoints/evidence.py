"""Evidence: a unit's items page by page, one item, uploading files, downloading."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest
from django.http.response import HttpResponseBase
from ninja import Field, File, Form, Router, Status, UploadedFile
from ninja.decorators import decorate_view
from ninja.params import functions as param

from sizi.api.auth import caller
from sizi.api.endpoints.common import CODE, ID, READ_ERRORS, WRITE_ERRORS
from sizi.api.errors import checked
from sizi.api.schemas import (
    MAX_ID,
    MAX_PAGE_SIZE,
    EvidenceDetailOut,
    EvidenceOut,
    EvidencePageOut,
    RevisionOut,
)
from sizi.evidence import permissions, services
from sizi.evidence.forms import UploadForm
from sizi.evidence.models import Evidence, EvidenceRevision
from sizi.evidence.uploads import use_capped_handlers
from sizi.units import permissions as unit_permissions

router = Router(tags=["Bukti"])
StepId = Annotated[int, Field(ge=1, le=MAX_ID)]
PAGE = param.Query(1, ge=1, le=1_000_000, description="Halaman, mulai 1")
PAGE_SIZE = param.Query(25, ge=1, le=MAX_PAGE_SIZE, description="Baris per halaman")
STATUS = param.Query(None, description="Saring menurut status")


def _revision(revision: EvidenceRevision) -> RevisionOut:
    return RevisionOut(
        number=revision.number,
        original_name=revision.original_name,
        size=revision.size,
        sha256=revision.sha256,
        content_type=revision.content_type,
        uploaded_at=revision.uploaded_at,
    )


def _evidence(item: Evidence) -> EvidenceOut:
    creator = item.created_by
    current = item.current_revision
    return EvidenceOut(
        id=item.pk,
        title=item.title,
        kind=item.kind,
        url=item.url,
        status=item.status,
        document_date=item.document_date,
        description=item.description,
        created_at=item.created_at,
        created_by=creator.get_full_name() if creator is not None else None,
        steps=[s.pk for s in item.action_steps.all()],
        current_revision=_revision(current) if current is not None else None,
    )


@router.get(
    "/units/{code}/evidence",
    response={200: EvidencePageOut, **READ_ERRORS},
    summary="Daftar bukti unit (per halaman)",
)
def evidence_list(
    request: HttpRequest,
    code: str = CODE,
    page: int = PAGE,
    page_size: int = PAGE_SIZE,
    status: Evidence.Status | None = STATUS,
) -> EvidencePageOut:
    """List the unit's evidence, newest first; ``count`` is the total over all pages."""
    access = unit_permissions.get_unit_for_user(caller(request), code)
    items = Evidence.objects.for_unit(access.unit)
    if status is not None:
        items = items.filter(status=status)
    start = (page - 1) * page_size
    rows = items.with_list_data().order_by("-created_at", "-pk")[
        start : start + page_size
    ]
    return EvidencePageOut(
        count=items.count(),
        page=page,
        page_size=page_size,
        results=[_evidence(item) for item in rows],
    )


@router.get(
    "/units/{code}/evidence/{evidence_id}",
    response={200: EvidenceDetailOut, **READ_ERRORS},
    summary="Satu bukti dengan revisinya",
)
def evidence_detail(
    request: HttpRequest, code: str = CODE, evidence_id: int = ID
) -> EvidenceDetailOut:
    """Return one item with every revision (who, when, size, SHA-256)."""
    user = caller(request)
    access, item = permissions.get_evidence_for_user(user, code, evidence_id)
    revisions = item.revisions.order_by("number")
    return EvidenceDetailOut(
        **_evidence(item).model_dump(),
        can_edit=permissions.can_edit_evidence(access, user, item),
        revisions=[_revision(r) for r in revisions],
    )


def _capped(run: Callable[..., Any]) -> Callable[..., Any]:
    """Install the evidence upload handlers before the body is read (hash, size cap)."""

    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        use_capped_handlers(request)
        return run(request, *args, **kwargs)

    return wrapper


@router.post(
    "/units/{code}/evidence",
    response={201: list[EvidenceOut], **WRITE_ERRORS},
    summary="Unggah berkas bukti",
)
@decorate_view(_capped)
def evidence_upload(
    request: HttpRequest,
    uploads: File[list[UploadedFile]],
    document_date: Form[date],
    code: str = CODE,
    title: Form[str] = "",
    description: Form[str] = "",
    steps: Form[list[StepId]] = [],  # noqa: B006 (ninja reads the default)
    submit: Form[bool] = False,
) -> Status[list[EvidenceOut]]:
    """Upload one or more files as evidence items, all or none, as on the upload page.

    Fields as on the page: ``uploads`` (one or more files), ``title`` (empty: the
    file name), ``document_date``, ``description``, ``steps`` (ids of the unit's
    action steps) and ``submit`` (submit for verification at once).
    """
    user = caller(request)
    access = unit_permissions.get_unit_for_user(user, code)
    unit_permissions.require(permissions.can_contribute(access))
    data = checked(UploadForm(request.POST, request.FILES, unit=access.unit))
    created = services.upload_evidence(
        access.unit,
        [services.IncomingFile(name=f.name or "", fileobj=f) for f in data["uploads"]],
        services.EvidenceData(
            title=data["title"],
            document_date=data["document_date"],
            description=data["description"],
        ),
        by=user,
        steps=data["steps"],
        submit=data["submit"],
    )
    return Status(201, [_evidence(item) for item in created])


@router.get(
    "/units/{code}/evidence/{evidence_id}/file",
    response={**READ_ERRORS},
    summary="Unduh berkas revisi terkini",
    openapi_extra={
        "responses": {
            200: {
                "description": "Berkas revisi terkini",
                # The file's own type (PDF, DOCX, XLSX, JPEG, PNG…).
                "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def evidence_file(
    request: HttpRequest, code: str = CODE, evidence_id: int = ID
) -> HttpResponseBase:
    """Stream the current revision's file as an attachment (never cached)."""
    _access, item = permissions.get_evidence_for_user(
        caller(request), code, evidence_id
    )
    revision = item.current_revision
    if revision is None:
        raise Http404("Bukti ini tidak memiliki berkas (berupa tautan).")
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
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
