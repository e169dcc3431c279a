"""Evidence requests (permintaan bukti) and the dashboard panel of overdue ones."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from sizi.core.http import AuthenticatedHttpRequest
from sizi.evidence import permissions, queries, services
from sizi.evidence.forms import FulfilForm, RequestForm
from sizi.evidence.models import EvidenceRequest
from sizi.evidence.views.context import page_context
from sizi.units import permissions as unit_permissions


@login_required
def request_list(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """List evidence requests: all for managers, "Permintaan saya" for a PIC."""
    access = unit_permissions.get_unit_for_user(request.user, code)
    can_manage = permissions.can_manage(access)
    user = request.user
    requests = EvidenceRequest.objects.for_unit(access.unit).select_related(
        "requested_from", "requested_by", "fulfilled_by", "step"
    )
    mine = requests.for_user(user)
    # A PIC starts on "Permintaan saya"; anyone who sees the unit may see all.
    lingkup = request.GET.get("lingkup") or ("semua" if can_manage else "saya")
    shown = mine if lingkup == "saya" else requests
    form = RequestForm(unit=access.unit) if can_manage else None
    return TemplateResponse(
        request,
        "evidence/request_list.html",
        page_context(
            access,
            requests=queries.request_rows(shown, access, request.user),
            scope=lingkup,
            request_form=form,
            mine_count=mine.open().count(),
        ),
    )


@login_required
@require_POST
def request_create(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Ask a PIC for a specific piece of evidence by a due date."""
    access = unit_permissions.get_unit_for_user(request.user, code)
    unit_permissions.require(permissions.can_manage(access))
    form = RequestForm(request.POST, unit=access.unit)
    if form.is_valid():
        try:
            services.create_request(access.unit, by=request.user, **form.cleaned_data)
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
        page_context(
            access,
            requests=queries.request_rows(requests, access, request.user),
            scope="semua",
            request_form=form,
            mine_count=0,
        ),
        status=422,
    )


@login_required
def request_fulfil(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    """Close a request with an evidence item (the PIC asked, or a manager)."""
    access, request_obj = permissions.get_request_for_user(request.user, code, pk)
    unit_permissions.require(
        permissions.can_fulfil_request(access, request.user, request_obj)
    )
    form = FulfilForm(request.POST or None, request_obj=request_obj)
    if request.method == "POST" and form.is_valid():
        try:
            services.fulfil_request(
                request_obj, form.cleaned_data["evidence"], by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Permintaan dipenuhi.")
            return redirect("evidence:request_list", code=access.unit.code)
    return TemplateResponse(
        request,
        "evidence/request_fulfil.html",
        page_context(access, request_obj=request_obj, form=form),
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def request_cancel(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    """Cancel an open request."""
    access, request_obj = permissions.get_request_for_user(request.user, code, pk)
    unit_permissions.require(permissions.can_manage(access))
    try:
        services.cancel_request(request_obj, by=request.user)
        messages.success(request, "Permintaan dibatalkan.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("evidence:request_list", code=access.unit.code)


@login_required
def overdue_panel(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Return the dashboard panel of overdue evidence requests (loaded by htmx)."""
    access = unit_permissions.get_unit_for_user(request.user, code)
    overdue = (
        EvidenceRequest.objects.for_unit(access.unit)
        .overdue()
        .select_related("requested_from")
        .order_by("due_date")
    )
    return TemplateResponse(
        request,
        "evidence/_overdue_panel.html",
        page_context(access, overdue=overdue[:10], overdue_count=overdue.count()),
    )
