"""UPG pages: its members, the periodic report and the "Pekerjaan saya" panel."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sizi.core.http import AuthenticatedHttpRequest
from sizi.integrity import permissions, queries, tasks
from sizi.integrity.export.tables import CONTENT_TYPES
from sizi.integrity.forms.gratification import (
    PublicCampaignForm,
    RecapForm,
    UpgMemberForm,
)
from sizi.integrity.forms.plan_links import FileDocumentForm
from sizi.integrity.models import GratificationReport, Signature, UpgMember
from sizi.integrity.services import gratification as services
from sizi.units.models import User
from sizi.units.permissions import get_unit_for_user, require, visible_units

PANEL_LIMIT = 10


@login_required
def member_list(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The unit's UPG members; the pimpinan appoints and removes them."""
    access = get_unit_for_user(request.user, code)
    rights = permissions.rights_for(access, user=request.user)
    form = UpgMemberForm(request.POST or None, unit=access.unit)
    if request.method == "POST":
        require(rights.can_manage_upg)
        if form.is_valid():
            try:
                services.appoint_upg_member(
                    access.unit,
                    form.cleaned_data["user"],
                    by=request.user,
                    decree=form.cleaned_data["decree"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, "Anggota UPG ditetapkan.")
                return redirect("integrity:upg_members", access.unit.code)
    members = UpgMember.objects.filter(unit=access.unit).select_related("user")
    return TemplateResponse(
        request,
        "integrity/upg_members.html",
        {
            "access": access,
            "unit": access.unit,
            "rights": rights,
            "members": list(members),
            "form": form if rights.can_manage_upg else None,
        },
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def member_remove(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    access, member = permissions.get_upg_member_for_user(request.user, code, pk)
    require(permissions.can_manage_upg(access))
    services.remove_upg_member(member, by=request.user)
    messages.success(request, "Penetapan anggota UPG dicabut.")
    return redirect("integrity:upg_members", access.unit.code)


@login_required
def upg_report_view(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The periodic UPG report: on screen, as a download (a POST with ``unduh``
    starts a background job), or filed as bukti fisik (a POST without it)."""
    access = get_unit_for_user(request.user, code)
    rights = permissions.rights_for(access, user=request.user)
    require(rights.can_see_counts)
    source = request.POST if request.method == "POST" else request.GET
    form = RecapForm(source or None, initial={"year": timezone.localdate().year})
    year, quarter = timezone.localdate().year, 0
    if form.is_valid():
        year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"] or 0
    fmt = source.get("format", "")
    download = request.POST.get("unduh", "")
    if request.method == "POST" and download in CONTENT_TYPES:
        job = tasks.start_document(
            request.user,
            access.unit,
            "integrity.upg_report",
            f"Laporan UPG {queries.period(year, quarter).label}",
            year=year,
            quarter=quarter,
            format=download,
        )
        return redirect(job)
    if request.method == "POST":
        require(rights.can_file_recap)
        evidence = services.file_upg_report(
            access.unit,
            year=year,
            quarter=quarter,
            fmt="xlsx" if fmt == "xlsx" else "pdf",
            by=request.user,
            steps=FileDocumentForm(request.POST, unit=access.unit).chosen_steps(),
        )
        messages.success(
            request, f"Laporan UPG diarsipkan sebagai bukti: {evidence.title}."
        )
        return redirect("evidence:detail", access.unit.code, evidence.pk)
    when = queries.period(year, quarter)
    recap = queries.gratification_recap(access.unit, when)
    context = {"access": access, "unit": access.unit, "rights": rights, "form": form}
    return TemplateResponse(
        request,
        "integrity/upg_report.html",
        {
            **context,
            "recap": recap,
            "year": year,
            "quarter": quarter,
            "file_form": FileDocumentForm(unit=access.unit),
        },
    )


@login_required
def public_campaign(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Plan a P.5.i public-campaign item as a step of the Rencana Aksi."""
    access = get_unit_for_user(request.user, code)
    rights = permissions.rights_for(access, user=request.user)
    require(rights.can_file_recap)
    year = timezone.localdate().year
    form = PublicCampaignForm(request.POST or None, unit=access.unit, year=year)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_public_campaign(
                access.unit, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, "Kampanye publik direncanakan sebagai langkah aksi."
            )
            return redirect("integrity:upg_report", access.unit.code)
    return TemplateResponse(
        request,
        "integrity/public_campaign.html",
        {
            "access": access,
            "unit": access.unit,
            "rights": rights,
            "form": form,
            "year": year,
        },
        status=422 if request.method == "POST" else 200,
    )


def _gratification_items(
    user: User, unit_ids: list[int], today: date
) -> tuple[list[GratificationReport], list[GratificationReport]]:
    """Reports the user's UPG has not forwarded in time; the user's reports to complete."""
    upg_units = list(
        UpgMember.objects.filter(user=user, unit_id__in=unit_ids).values_list(
            "unit_id", flat=True
        )
    )
    reports = GratificationReport.objects.select_related("unit")
    late_upg = list(
        reports.filter(unit_id__in=upg_units)
        .upg_late(today)
        .order_by("due_upg_to_kpk", "pk")[:PANEL_LIMIT]
    )
    mine = list(
        reports.filter(unit_id__in=unit_ids, reporter=user)
        .filter(status=GratificationReport.Status.INCOMPLETE)
        .order_by("due_completeness", "pk")[:PANEL_LIMIT]
    )
    return late_upg, mine


def _statement_items(
    user: User, unit_ids: list[int]
) -> tuple[list[Signature], list[Signature]]:
    """Statements the user has to sign; declared conflicts waiting for their decision."""
    signatures = Signature.objects.filter(
        campaign__unit_id__in=unit_ids
    ).select_related("campaign__unit", "user")
    to_sign = list(
        signatures.filter(user=user, signed_at__isnull=True).order_by(
            "campaign__due_date", "pk"
        )[:PANEL_LIMIT]
    )
    to_decide = list(
        signatures.filter(
            superior=user, declaration=Signature.Declaration.CONFLICT, decision=""
        ).order_by("signed_at", "pk")[:PANEL_LIMIT]
    )
    return to_sign, to_decide


@login_required
def my_work_panel(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Late gratification steps, statements to sign, conflicts to decide; fixed queries."""
    today = timezone.localdate()
    unit_ids = [a.unit.pk for a in visible_units(request.user) if a.direct]
    late_upg, to_complete = _gratification_items(request.user, unit_ids, today)
    to_sign, to_decide = _statement_items(request.user, unit_ids)
    return TemplateResponse(
        request,
        "integrity/_my_work_panel.html",
        {
            "late_upg": late_upg,
            "to_complete": to_complete,
            "to_sign": to_sign,
            "to_decide": to_decide,
            "today": today,
            "empty": not (late_upg or to_complete or to_sign or to_decide),
        },
    )
