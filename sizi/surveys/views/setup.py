"""The unit's layanan (service types) and extra questions, managed by the coordinator."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from sizi.core.http import AuthenticatedHttpRequest
from sizi.surveys import services
from sizi.surveys.forms import ServiceTypeForm, UnitQuestionForm
from sizi.surveys.models import ServiceType, UnitQuestion
from sizi.surveys.permissions import (
    get_service_type_for_user,
    get_unit_question_for_user,
    rights_for,
)
from sizi.surveys.views.scope import add_errors, context, message_of
from sizi.units import permissions


def _page(
    request: AuthenticatedHttpRequest,
    access: permissions.UnitAccess,
    service_form: ServiceTypeForm,
    question_form: UnitQuestionForm,
    status: int = 200,
) -> TemplateResponse:
    return TemplateResponse(
        request,
        "surveys/setup.html",
        context(
            access,
            service_types=list(ServiceType.objects.filter(unit=access.unit)),
            questions=list(UnitQuestion.objects.filter(unit=access.unit)),
            service_form=service_form,
            question_form=question_form,
        ),
        status=status,
    )


@login_required
def setup(request: AuthenticatedHttpRequest, code: str) -> TemplateResponse:
    """List the unit's layanan and extra questions with the forms to add them."""
    access = permissions.get_unit_for_user(request.user, code)
    permissions.require(rights_for(access).can_manage)
    return _page(request, access, ServiceTypeForm(), UnitQuestionForm())


@login_required
@require_POST
def service_type_add(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Add a layanan."""
    access = permissions.get_unit_for_user(request.user, code)
    permissions.require(rights_for(access).can_manage)
    form = ServiceTypeForm(request.POST)
    if form.is_valid():
        try:
            services.add_service_type(
                access.unit, name=form.cleaned_data["name"], by=request.user
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Layanan ditambahkan.")
            return redirect("surveys:setup", code)
    return _page(request, access, form, UnitQuestionForm(), status=400)


@login_required
@require_POST
def service_type_toggle(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    """Switch a layanan off (kept for the periods that used it) or on again."""
    access, service_type = get_service_type_for_user(request.user, code, pk)
    permissions.require(rights_for(access).can_manage)
    try:
        services.update_service_type(
            service_type,
            name=service_type.name,
            is_active=not service_type.is_active,
            by=request.user,
        )
    except ValidationError as exc:
        messages.error(request, message_of(exc))
    else:
        state = "diaktifkan" if service_type.is_active else "dinonaktifkan"
        messages.success(request, f"Layanan {service_type.name} {state}.")
    return redirect("surveys:setup", code)


@login_required
@require_POST
def question_add(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Add an extra question (never counted in the index)."""
    access = permissions.get_unit_for_user(request.user, code)
    permissions.require(rights_for(access).can_manage)
    form = UnitQuestionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_unit_question(
                access.unit,
                text=data["text"],
                kind=data["kind"],
                options=data["options"],
                instrument_code=data["instrument_code"] or "",
                by=request.user,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Pertanyaan tambahan disimpan.")
            return redirect("surveys:setup", code)
    return _page(request, access, ServiceTypeForm(), form, status=400)


@login_required
@require_POST
def question_toggle(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    """Stop asking an extra question, or ask it again."""
    access, question = get_unit_question_for_user(request.user, code, pk)
    permissions.require(rights_for(access).can_manage)
    try:
        services.update_unit_question(
            question,
            text=question.text,
            options=[str(o) for o in question.options],
            is_active=not question.is_active,
            by=request.user,
        )
    except ValidationError as exc:
        messages.error(request, message_of(exc))
    else:
        state = "ditanyakan lagi" if question.is_active else "tidak ditanyakan lagi"
        messages.success(request, f"Pertanyaan tambahan {state}.")
    return redirect("surveys:setup", code)
