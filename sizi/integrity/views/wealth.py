"""LHKPN / LHKASN compliance register pages. Thin: access → form → service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sizi.core.http import AuthenticatedHttpRequest
from sizi.integrity import permissions, queries, tasks
from sizi.integrity.export.tables import CONTENT_TYPES
from sizi.integrity.forms.plan_links import FileDocumentForm
from sizi.integrity.forms.wealth import WealthEntryForm, YearForm
from sizi.integrity.models import WealthReportCompliance
from sizi.integrity.services import wealth as services
from sizi.units.permissions import get_unit_for_user, require


def _years() -> list[int]:
    this = timezone.localdate().year
    return list(range(this + 1, this - 6, -1))


def _year(raw: str | None) -> int:
    form = YearForm({"tahun": raw}, years=_years())
    return (
        int(form.cleaned_data["tahun"])
        if form.is_valid()
        else timezone.localdate().year
    )


def _list_url(code: str, year: int) -> str:
    return f"{reverse('integrity:wealth_list', args=[code])}?tahun={year}"


@login_required
def wealth_list(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The year's register: who must report, who has and when, the percentages."""
    access = get_unit_for_user(request.user, code)
    rights = permissions.rights_for(access, user=request.user)
    year = _year(request.GET.get("tahun"))
    rows = list(
        WealthReportCompliance.objects.filter(
            unit=access.unit, year=year
        ).select_related("user")
    )
    return TemplateResponse(
        request,
        "integrity/wealth_list.html",
        {
            "access": access,
            "unit": access.unit,
            "rights": rights,
            "year": year,
            "rows": rows,
            "summary": queries.wealth_summary(access.unit, year),
            "year_form": YearForm(initial={"tahun": year}, years=_years()),
            "file_form": FileDocumentForm(unit=access.unit),
        },
    )


@login_required
@require_POST
def wealth_add_members(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    access = get_unit_for_user(request.user, code)
    require(permissions.can_manage_registers(access))
    year = _year(request.POST.get("tahun"))
    added = services.add_members(access.unit, year, by=request.user)
    messages.success(request, f"{added} pegawai ditambahkan dari daftar anggota.")
    return redirect(_list_url(access.unit.code, year))


@login_required
def wealth_edit(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    access, entry = permissions.get_wealth_entry_for_user(request.user, code, pk)
    rights = permissions.rights_for(access, user=request.user)
    require(rights.can_manage_registers)
    form = WealthEntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_entry(entry, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Data LHKPN/LHKASN disimpan.")
            return redirect(_list_url(access.unit.code, entry.year))
    return TemplateResponse(
        request,
        "integrity/wealth_edit.html",
        {
            "access": access,
            "unit": access.unit,
            "rights": rights,
            "entry": entry,
            "form": form,
        },
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def wealth_remove(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    access, entry = permissions.get_wealth_entry_for_user(request.user, code, pk)
    require(permissions.can_manage_registers(access))
    year = entry.year
    services.remove_entry(entry, by=request.user)
    messages.success(request, "Pegawai dikeluarkan dari register tahun ini.")
    return redirect(_list_url(access.unit.code, year))


@login_required
def wealth_export(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Prepare the recap under "Unduhan saya" (POST ``unduh``) or file it as bukti
    fisik (POST, managers); a GET leads back to the register."""
    access = get_unit_for_user(request.user, code)
    source = request.POST if request.method == "POST" else request.GET
    year = _year(source.get("tahun"))
    fmt = "xlsx" if source.get("format") == "xlsx" else "pdf"
    download = request.POST.get("unduh", "")
    if request.method == "POST" and download in CONTENT_TYPES:
        job = tasks.start_document(
            request.user,
            access.unit,
            "integrity.wealth_recap",
            f"Rekap kepatuhan LHKPN/LHKASN {year}",
            year=year,
            format=download,
        )
        return redirect(job)
    if request.method == "POST":
        require(permissions.can_manage_registers(access))
        evidence = services.file_wealth_recap(
            access.unit,
            year=year,
            fmt=fmt,
            by=request.user,
            steps=FileDocumentForm(request.POST, unit=access.unit).chosen_steps(),
        )
        messages.success(request, f"Diarsipkan sebagai bukti: {evidence.title}.")
        return redirect("evidence:detail", access.unit.code, evidence.pk)
    # A download is a POST (background job); a GET shows the register.
    return redirect(_list_url(access.unit.code, year))
