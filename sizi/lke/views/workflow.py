"""The review workflow: submit, forward, return, conclude, TPN values, snapshots."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from sizi.core.http import AuthenticatedHttpRequest
from sizi.lke import pages, services
from sizi.lke.forms import ConcludeForm, NationalForm
from sizi.lke.models import (
    Layer,
    Submission,
)
from sizi.lke.permissions import (
    can_act_as,
    get_assessment_for_user,
    review_layer,
    write_layer,
)
from sizi.lke.services import closing
from sizi.lke.services.snapshots import sha256_of
from sizi.lke.views.context import layer_context
from sizi.units import permissions


@login_required
def submission_detail(
    request: AuthenticatedHttpRequest, code: str, year: int, number: int
) -> HttpResponse:
    """Show a frozen snapshot with its SHA-256 and whether it still matches."""
    access, assessment = get_assessment_for_user(request.user, code, year)
    submission = get_object_or_404(
        Submission.objects.select_related("by"), assessment=assessment, number=number
    )
    return TemplateResponse(
        request,
        "lke/submission_detail.html",
        {
            **layer_context(
                access, assessment, write_layer(request.user, access, assessment)
            ),
            "submission": submission,
            "answers": pages.snapshot_rows(assessment, submission),
            "intact": sha256_of(submission.data) == submission.sha256,
            "approval": pages.snapshot_approval(submission.data),
        },
    )


def _transition(
    request: AuthenticatedHttpRequest,
    code: str,
    year: int,
    action: Callable[[], Submission],
    done: Callable[[Submission], str],
) -> HttpResponse:
    """Run one workflow service; show its refusal or ``done``, back to the score page."""
    try:
        submission = action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done(submission))
    return redirect("lke:score", code, year)


@login_required
@require_POST
def assessment_submit(
    request: AuthenticatedHttpRequest, code: str, year: int
) -> HttpResponse:
    """Submit the self-assessment (the unit's coordinator or leader)."""
    access = permissions.get_unit_for_user(request.user, code)
    permissions.require(permissions.can_manage_unit(access))
    _access, assessment = get_assessment_for_user(request.user, code, year)
    return _transition(
        request,
        code,
        year,
        lambda: services.submit_assessment(assessment, by=request.user),
        lambda s: f"Penilaian mandiri diajukan. SHA-256 salinan pengajuan: {s.sha256}",
    )


@login_required
@require_POST
def assessment_forward(
    request: AuthenticatedHttpRequest, code: str, year: int
) -> HttpResponse:
    access, assessment = get_assessment_for_user(request.user, code, year)
    permissions.require(can_act_as(request.user, access, Layer.PRELIMINARY))
    return _transition(
        request,
        code,
        year,
        lambda: services.forward_assessment(assessment, by=request.user),
        lambda _s: "Penilaian pendahuluan selesai; diteruskan ke TPI.",
    )


@login_required
@require_POST
def assessment_return(
    request: AuthenticatedHttpRequest, code: str, year: int
) -> HttpResponse:
    access, assessment = get_assessment_for_user(request.user, code, year)
    permissions.require(review_layer(request.user, access, assessment) is not None)
    return _transition(
        request,
        code,
        year,
        lambda: services.return_assessment(assessment, by=request.user),
        lambda _s: "Penilaian dikembalikan ke unit dengan catatan.",
    )


@login_required
@require_POST
def assessment_conclude(
    request: AuthenticatedHttpRequest, code: str, year: int
) -> HttpResponse:
    """TPI concludes with a predicate recommendation checked on its layer."""
    access, assessment = get_assessment_for_user(request.user, code, year)
    permissions.require(can_act_as(request.user, access, Layer.INTERNAL))
    form = ConcludeForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            "Pilih rekomendasi predikat: Menuju WBK, Menuju WBBM atau belum memenuhi.",
        )
        return redirect("lke:score", code, year)
    return _transition(
        request,
        code,
        year,
        lambda: closing.conclude_with_predicate(
            assessment,
            recommendation=form.cleaned_data["recommendation"],
            note=form.cleaned_data["note"],
            adopt=form.cleaned_data["adopt"],
            by=request.user,
        ),
        lambda _s: "Simpulan TPI tersimpan.",
    )


@login_required
@require_POST
def assessment_national(
    request: AuthenticatedHttpRequest, code: str, year: int
) -> HttpResponse:
    """Record the TPN values, and the predicate TPN awarded if there is one."""
    access, assessment = get_assessment_for_user(request.user, code, year)
    permissions.require(can_act_as(request.user, access, Layer.NATIONAL))
    form = NationalForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Isian hasil TPN tidak sah.")
        return redirect("lke:score", code, year)
    return _transition(
        request,
        code,
        year,
        lambda: closing.record_national_result(
            assessment,
            predicate=form.cleaned_data["predicate"],
            decree_reference=form.cleaned_data["decree_reference"],
            by=request.user,
        ),
        lambda _s: "Nilai TPN dicatat.",
    )
