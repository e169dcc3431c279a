"""SPIP risk register pages. Thin: access → form → service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
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
from sizi.integrity.forms.plan_links import FileDocumentForm
from sizi.integrity.forms.risk import ControlActionForm, MonitoringForm, RiskForm
from sizi.integrity.models import ControlAction, Risk, RiskMonitoring, RiskRegister
from sizi.integrity.services import risk as services
from sizi.integrity.spip_rules import risk_rules
from sizi.units.permissions import UnitAccess, get_unit_for_user, require


def _year(raw: str | None) -> int:
    this = timezone.localdate().year
    return year_or(raw, low=this - 10, high=this + 1, default=this)


def _base(
    access: UnitAccess, request: AuthenticatedHttpRequest, **extra: Any
) -> dict[str, Any]:
    rights = permissions.rights_for(access, user=request.user)
    return {"access": access, "unit": access.unit, "rights": rights, **extra}


def _register_url(code: str, year: int) -> str:
    return f"{reverse('integrity:risk_register', args=[code])}?tahun={year}"


@login_required
def risk_register(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The year's risks with their levels; the matrix and the documents."""
    access = get_unit_for_user(request.user, code)
    year = _year(request.GET.get("tahun"))
    register = RiskRegister.objects.filter(unit=access.unit, year=year).first()
    risks = (
        list(
            register.risks.select_related("owner").annotate(
                n_actions=Count("actions", distinct=True)
            )
        )
        if register
        else []
    )
    rules = risk_rules()
    matrix = [
        (value, label, [rules.level(value, i) for i, _ in rules.impact])
        for value, label in reversed(rules.likelihood)
    ]
    return TemplateResponse(
        request,
        "integrity/risk_register.html",
        _base(
            access,
            request,
            year=year,
            risks=risks,
            matrix=matrix,
            rules=rules,
            file_form=FileDocumentForm(unit=access.unit),
        ),
    )


@login_required
def risk_create(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    access = get_unit_for_user(request.user, code)
    require(permissions.can_manage_registers(access))
    year = _year(request.GET.get("tahun") or request.POST.get("tahun"))
    form = RiskForm(request.POST or None, unit=access.unit)
    if request.method == "POST" and form.is_valid():
        try:
            register = services.register_for(access.unit, year, by=request.user)
            risk = services.save_risk(register, form.risk_data(), by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Risiko {risk.number} ditambahkan.")
            return redirect("integrity:risk_detail", access.unit.code, risk.pk)
    return TemplateResponse(
        request,
        "integrity/risk_form.html",
        _base(access, request, form=form, year=year),
        status=422 if request.method == "POST" else 200,
    )


@login_required
def risk_edit(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    access, risk = permissions.get_risk_for_user(request.user, code, pk)
    require(permissions.can_manage_registers(access))
    form = RiskForm(
        request.POST or None, unit=access.unit, initial=RiskForm.initial_for(risk)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_risk(
                risk.register, form.risk_data(), by=request.user, risk=risk
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Risiko diperbarui.")
            return redirect("integrity:risk_detail", access.unit.code, risk.pk)
    return TemplateResponse(
        request,
        "integrity/risk_form.html",
        _base(access, request, form=form, risk=risk, year=risk.register.year),
        status=422 if request.method == "POST" else 200,
    )


def _detail(
    request: AuthenticatedHttpRequest,
    access: UnitAccess,
    risk: Risk,
    *,
    status: int = 200,
    action_form: ControlActionForm | None = None,
    monitoring_form: MonitoringForm | None = None,
) -> TemplateResponse:
    year = risk.register.year
    actions = ControlAction.objects.filter(risk=risk).select_related("pic", "step")
    monitoring = RiskMonitoring.objects.filter(risk=risk).select_related("recorded_by")
    return TemplateResponse(
        request,
        "integrity/risk_detail.html",
        _base(
            access,
            request,
            risk=risk,
            year=year,
            actions=list(actions),
            monitoring=list(monitoring),
            action_form=action_form or ControlActionForm(unit=access.unit, year=year),
            monitoring_form=monitoring_form or MonitoringForm(),
        ),
        status=status,
    )


@login_required
def risk_detail(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    access, risk = permissions.get_risk_for_user(request.user, code, pk)
    return _detail(request, access, risk)


@login_required
@require_POST
def risk_action_add(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    access, risk = permissions.get_risk_for_user(request.user, code, pk)
    require(permissions.can_manage_registers(access))
    form = ControlActionForm(request.POST, unit=access.unit, year=risk.register.year)
    if form.is_valid():
        try:
            services.add_control_action(risk, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Rencana tindak pengendalian ditambahkan.")
            return redirect("integrity:risk_detail", access.unit.code, risk.pk)
    return _detail(request, access, risk, status=422, action_form=form)


@login_required
@require_POST
def risk_remove(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    access, risk = permissions.get_risk_for_user(request.user, code, pk)
    require(permissions.can_manage_registers(access))
    year = risk.register.year
    services.remove_risk(risk, by=request.user)
    messages.success(request, "Risiko dihapus dari register.")
    return redirect(_register_url(access.unit.code, year))


@login_required
@require_POST
def risk_action_remove(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    access, action = permissions.get_control_action_for_user(request.user, code, pk)
    require(permissions.can_manage_registers(access))
    risk_pk = action.risk_id
    services.remove_control_action(action, by=request.user)
    messages.success(
        request, "RTP dihapus; langkah rencana aksinya (bila ada) tetap ada."
    )
    return redirect("integrity:risk_detail", access.unit.code, risk_pk)


@login_required
@require_POST
def risk_monitor(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    access, risk = permissions.get_risk_for_user(request.user, code, pk)
    require(permissions.can_manage_registers(access))
    form = MonitoringForm(request.POST)
    if form.is_valid():
        services.record_monitoring(risk, by=request.user, **form.cleaned_data)
        messages.success(request, "Pemantauan triwulan dicatat.")
        return redirect("integrity:risk_detail", access.unit.code, risk.pk)
    return _detail(request, access, risk, status=422, monitoring_form=form)


@login_required
def risk_export(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Prepare the register, RTP document or Kartu Kendali under "Unduhan saya"
    (POST ``unduh``), or file it as bukti (POST without it, managers)."""
    access = get_unit_for_user(request.user, code)
    source = request.POST if request.method == "POST" else request.GET
    year = _year(source.get("tahun"))
    kind = source.get("dokumen", "register")
    if kind not in services.DOCUMENTS:
        kind = "register"
    fmt = "xlsx" if source.get("format") == "xlsx" else "pdf"
    register = RiskRegister.objects.filter(unit=access.unit, year=year).first()
    download = request.POST.get("unduh", "")
    if request.method == "POST" and download in CONTENT_TYPES and register:
        job = tasks.start_document(
            request.user,
            access.unit,
            "integrity.risk_document",
            f"{services.DOCUMENTS[kind][0]} {year}",
            year=year,
            document=kind,
            format=download,
        )
        return redirect(job)
    if request.method == "POST" and not download:
        require(permissions.can_manage_registers(access))
        register = register or services.register_for(access.unit, year, by=request.user)
        evidence = services.file_risk_document(
            register,
            kind=kind,
            fmt=fmt,
            by=request.user,
            steps=FileDocumentForm(request.POST, unit=access.unit).chosen_steps(),
        )
        messages.success(request, f"Diarsipkan sebagai bukti: {evidence.title}.")
        return redirect("evidence:detail", access.unit.code, evidence.pk)
    if register is None:
        messages.error(request, f"Register risiko tahun {year} belum ada.")
    # A download is a POST (background job); a GET leads to the register.
    return redirect(_register_url(access.unit.code, year))
