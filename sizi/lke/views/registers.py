"""Adopt what SIZI's surveys and registers offer into the user's LKE layer."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from sizi.core.http import AuthenticatedHttpRequest
from sizi.lke import services
from sizi.lke.permissions import (
    get_answer_target_for_user,
    get_assessment_for_user,
    required_layer,
    write_layer,
)
from sizi.lke.services import registers


@login_required
@require_POST
def results_from_surveys(
    request: AuthenticatedHttpRequest, code: str, year: int
) -> HttpResponse:
    """Fill the layer's IPAK/IPKP with the year's closed survey periods."""
    access, assessment = get_assessment_for_user(request.user, code, year)
    layer = required_layer(write_layer(request.user, access, assessment))
    try:
        registers.adopt_hasil_suggestions(assessment, layer, by=request.user)
    except services.StaleVersionError as exc:
        messages.error(request, exc.message)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Nilai IPAK/IPKP diisi dari survei SIZI.")
    return redirect("lke:results", code, year)


@login_required
@require_POST
def answer_from_register(
    request: AuthenticatedHttpRequest, code: str, year: int, question: str
) -> HttpResponse:
    """Answer one question of the layer with what a register or survey offers."""
    _, assessment, layer, q = get_answer_target_for_user(
        request.user, code, year, question
    )
    try:
        registers.adopt_answer_suggestion(assessment, q, layer, by=request.user)
    except services.StaleVersionError as exc:
        messages.error(request, exc.message)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{q.code} diisi dari register SIZI.")
    area = q.sub_area.area.code
    url = reverse("lke:answer_area", args=[code, year, area])
    return redirect(f"{url}#q-{q.code}")
