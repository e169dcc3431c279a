"""Periodic evaluation of conflict-of-interest handling and its follow-up (P.5.v.d/e)."""

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
from sizi.core.numbers import year_or
from sizi.integrity import permissions
from sizi.integrity.forms.conflict import EvaluationForm, FollowUpForm
from sizi.integrity.models import ConflictEvaluation
from sizi.integrity.services import conflict as services
from sizi.units.permissions import get_unit_for_user, require


@login_required
def evaluation_list(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The evaluations of the year; the coordinator/pimpinan records one."""
    access = get_unit_for_user(request.user, code)
    rights = permissions.rights_for(access, user=request.user)
    this = timezone.localdate().year
    year = year_or(request.GET.get("tahun"), low=this - 10, high=this + 1, default=this)
    form = EvaluationForm(request.POST or None)
    if request.method == "POST":
        require(rights.can_manage_registers)
        if form.is_valid():
            try:
                services.record_evaluation(
                    access.unit, year, form.cleaned_data, by=request.user
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, "Evaluasi dicatat.")
                return redirect(request.get_full_path())
    evaluations = ConflictEvaluation.objects.filter(unit=access.unit, year=year)
    return TemplateResponse(
        request,
        "integrity/evaluation_list.html",
        {
            "access": access,
            "unit": access.unit,
            "rights": rights,
            "year": year,
            "evaluations": list(evaluations),
            "form": form,
            "follow_up_form": FollowUpForm(),
        },
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def evaluation_follow_up(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    access, evaluation = permissions.get_evaluation_for_user(request.user, code, pk)
    require(permissions.can_manage_registers(access))
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            services.complete_follow_up(
                evaluation, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Tindak lanjut dicatat selesai.")
    else:
        messages.error(request, "Isi tanggal selesai tindak lanjut.")
    url = reverse("integrity:conflict_evaluations", args=[access.unit.code])
    return redirect(f"{url}?tahun={evaluation.year}")
