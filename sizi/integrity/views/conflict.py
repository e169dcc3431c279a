"""Statement campaigns (CoI declaration, Pakta Integritas, ZI commitment), declared
conflicts and the CoI mapping matrix. Thin: access → form → service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sizi.core.http import AuthenticatedHttpRequest
from sizi.core.numbers import year_or
from sizi.integrity import permissions, tasks
from sizi.integrity.export.tables import CONTENT_TYPES
from sizi.integrity.forms.conflict import (
    CampaignForm,
    ConflictDecisionForm,
    MapEntryForm,
    SignForm,
)
from sizi.integrity.forms.plan_links import FileDocumentForm
from sizi.integrity.models import (
    ConflictMapEntry,
    Signature,
    StatementCampaign,
    StatementKind,
)
from sizi.integrity.services import conflict as services
from sizi.units.permissions import UnitAccess, get_unit_for_user, require


def _years() -> list[int]:
    this = timezone.localdate().year
    return [this + 1, this, this - 1]


def _year(raw: str | None) -> int:
    this = timezone.localdate().year
    return year_or(raw, low=this - 10, high=this + 1, default=this)


def _base(
    access: UnitAccess, request: AuthenticatedHttpRequest, **extra: Any
) -> dict[str, Any]:
    rights = permissions.rights_for(
        access, user=request.user, signature=extra.get("signature")
    )
    return {"access": access, "unit": access.unit, "rights": rights, **extra}


@login_required
def campaign_list(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The unit's campaigns with their progress, and the user's own tasks."""
    access = get_unit_for_user(request.user, code)
    campaigns = (
        StatementCampaign.objects.filter(unit=access.unit)
        .select_related("text")
        .annotate(
            total=Count("signatures"),
            signed=Count("signatures", filter=Q(signatures__signed_at__isnull=False)),
        )
    )
    mine = Signature.objects.filter(
        campaign__unit=access.unit, user=request.user
    ).select_related("campaign")
    return TemplateResponse(
        request,
        "integrity/campaign_list.html",
        _base(access, request, campaigns=list(campaigns), mine=list(mine)),
    )


@login_required
def campaign_create(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    access = get_unit_for_user(request.user, code)
    require(permissions.can_manage_registers(access))
    kind = request.GET.get("jenis", StatementKind.COI)
    if kind not in StatementKind.values:
        kind = StatementKind.COI
    initial = {
        "kind": kind,
        "year": timezone.localdate().year,
        "title": f"{StatementKind(kind).label} Tahun {timezone.localdate().year}",
        "body": services.latest_text(access.unit, kind),
    }
    form = CampaignForm(request.POST or None, initial=initial, years=_years())
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.start_campaign(
                access.unit, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                "Kampanye dimulai; setiap anggota mendapat tugas menandatangani.",
            )
            return redirect("integrity:campaign_detail", access.unit.code, campaign.pk)
    return TemplateResponse(
        request,
        "integrity/campaign_form.html",
        _base(access, request, form=form),
        status=422 if request.method == "POST" else 200,
    )


@login_required
def campaign_detail(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    """The text and progress: every person for managers, one's own row for others.

    Managers prepare the recap PDF under "Unduhan saya" (POST ``unduh=pdf``).
    """
    access, campaign = permissions.get_campaign_for_user(request.user, code, pk)
    manage = permissions.can_manage_registers(access)
    if request.method == "POST" and request.POST.get("unduh") == "pdf":
        require(manage)
        job = tasks.start_document(
            request.user,
            access.unit,
            "integrity.campaign_recap",
            f"Rekap {campaign.title}",
            campaign=campaign.pk,
            format="pdf",
        )
        return redirect(job)
    rows = campaign.signatures.select_related("user")
    shown = list(rows if manage else rows.filter(user=request.user))
    signed = campaign.signatures.filter(signed_at__isnull=False).count()
    return TemplateResponse(
        request,
        "integrity/campaign_detail.html",
        _base(
            access,
            request,
            campaign=campaign,
            rows=shown,
            signed=signed,
            total=campaign.signatures.count(),
            show_all=manage,
            file_form=FileDocumentForm(unit=access.unit),
        ),
    )


@login_required
@require_POST
def campaign_file(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    access, campaign = permissions.get_campaign_for_user(request.user, code, pk)
    require(permissions.can_manage_registers(access))
    evidence = services.file_campaign_document(
        campaign,
        by=request.user,
        steps=FileDocumentForm(request.POST, unit=access.unit).chosen_steps(),
    )
    messages.success(request, f"Diarsipkan sebagai bukti: {evidence.title}.")
    return redirect("evidence:detail", access.unit.code, evidence.pk)


@login_required
def signature_detail(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    """Sign (the member), read (author, atasan, coordinator), decide (the atasan)."""
    access, signature = permissions.get_signature_for_user(request.user, code, pk)
    return _signature_page(request, access, signature)


def _signature_page(
    request: AuthenticatedHttpRequest,
    access: UnitAccess,
    signature: Signature,
    *,
    status: int = 200,
    sign_form: SignForm | None = None,
    decision_form: ConflictDecisionForm | None = None,
) -> TemplateResponse:
    is_coi = signature.campaign.kind == StatementKind.COI
    return TemplateResponse(
        request,
        "integrity/signature_detail.html",
        _base(
            access,
            request,
            signature=signature,
            campaign=signature.campaign,
            is_coi=is_coi,
            sign_form=sign_form
            or SignForm(unit=access.unit, user=request.user, is_coi=is_coi),
            decision_form=decision_form or ConflictDecisionForm(),
        ),
        status=status,
    )


@login_required
@require_POST
def signature_sign(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    access, signature = permissions.get_signature_for_user(request.user, code, pk)
    rights = permissions.rights_for(access, user=request.user, signature=signature)
    require(rights.can_sign)
    is_coi = signature.campaign.kind == StatementKind.COI
    form = SignForm(request.POST, unit=access.unit, user=request.user, is_coi=is_coi)
    if form.is_valid():
        try:
            services.sign(signature, form.declaration_data(), by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Pernyataan ditandatangani.")
            return redirect(
                "integrity:signature_detail", access.unit.code, signature.pk
            )
    return _signature_page(request, access, signature, status=422, sign_form=form)


@login_required
@require_POST
def signature_decide(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    access, signature = permissions.get_signature_for_user(request.user, code, pk)
    rights = permissions.rights_for(access, user=request.user, signature=signature)
    require(rights.can_decide_conflict)
    form = ConflictDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decide_conflict(signature, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Keputusan penanganan dicatat.")
            return redirect(
                "integrity:signature_detail", access.unit.code, signature.pk
            )
    return _signature_page(request, access, signature, status=422, decision_form=form)


def _map_post(
    request: AuthenticatedHttpRequest, access: UnitAccess, year: int, form: MapEntryForm
) -> HttpResponse | None:
    """Prepare the matrix (``unduh``), file it, or add a row; None when the row
    form has errors."""
    download = request.POST.get("unduh", "")
    if download in CONTENT_TYPES:
        job = tasks.start_document(
            request.user,
            access.unit,
            "integrity.conflict_map",
            f"Matrik benturan kepentingan {year}",
            year=year,
            format=download,
        )
        return redirect(job)
    require(permissions.can_manage_registers(access))
    if request.POST.get("arsipkan"):
        evidence = services.file_map_document(
            access.unit,
            year=year,
            fmt="xlsx" if request.POST.get("format") == "xlsx" else "pdf",
            by=request.user,
            steps=FileDocumentForm(request.POST, unit=access.unit).chosen_steps(),
        )
        messages.success(request, f"Diarsipkan sebagai bukti: {evidence.title}.")
        return redirect("evidence:detail", access.unit.code, evidence.pk)
    if not form.is_valid():
        return None
    services.save_map_entry(access.unit, year, form.cleaned_data, by=request.user)
    messages.success(request, "Baris matriks ditambahkan.")
    url = reverse("integrity:conflict_map", args=[access.unit.code])
    return redirect(f"{url}?tahun={year}")


@login_required
def conflict_map(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The Matrik Identifikasi Benturan Kepentingan of a year; download (a job) or file it."""
    access = get_unit_for_user(request.user, code)
    source = request.POST if request.method == "POST" else request.GET
    year = _year(source.get("tahun"))
    form = MapEntryForm(request.POST or None)
    if request.method == "POST":
        response = _map_post(request, access, year, form)
        if response is not None:
            return response
    entries = ConflictMapEntry.objects.filter(unit=access.unit, year=year)
    return TemplateResponse(
        request,
        "integrity/conflict_map.html",
        _base(
            access,
            request,
            year=year,
            entries=list(entries),
            form=form,
            file_form=FileDocumentForm(unit=access.unit),
        ),
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def conflict_map_remove(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    access, entry = permissions.get_map_entry_for_user(request.user, code, pk)
    require(permissions.can_manage_registers(access))
    year = entry.year
    services.remove_map_entry(entry, by=request.user)
    messages.success(request, "Baris matriks dihapus.")
    return redirect(f"{reverse('integrity:conflict_map', args=[code])}?tahun={year}")
