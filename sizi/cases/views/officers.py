"""Channel settings: service levels and the appointed officers (pimpinan/koordinator)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from sizi.cases import officers, permissions
from sizi.cases.complaints import services
from sizi.cases.complaints.forms import LevelsForm
from sizi.cases.complaints.models import ChannelOfficer
from sizi.cases.views.complaints import context
from sizi.core.http import AuthenticatedHttpRequest
from sizi.units.models import Unit, User
from sizi.units.permissions import require


class AppointForm(forms.Form):
    user = forms.ModelChoiceField(label="Anggota unit", queryset=User.objects.none())
    role = forms.ChoiceField(label="Peran", choices=ChannelOfficer.Role.choices)

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(memberships__unit=unit, is_active=True)
            .distinct()
            .order_by("username")
        )


@login_required
def channel_settings(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Service levels (working days) and officers of the unit's public channels."""
    channel = permissions.channel_access(request.user, code)
    rights = permissions.rights_for(channel)
    require(rights.can_manage)
    unit = channel.access.unit
    levels = services.levels_for(unit)
    form = LevelsForm(request.POST or None, initial=levels.__dict__)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_levels(unit, form.levels(), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Batas waktu layanan disimpan.")
            return redirect("cases:channel_settings", code=code)
    return TemplateResponse(
        request,
        "cases/channel_settings.html",
        context(
            channel,
            rights,
            form=form,
            appoint_form=AppointForm(unit=unit),
            officers=list(
                ChannelOfficer.objects.filter(unit=unit).select_related("user")
            ),
        ),
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def officer_appoint(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    channel = permissions.channel_access(request.user, code)
    require(permissions.rights_for(channel).can_manage)
    form = AppointForm(request.POST, unit=channel.access.unit)
    if form.is_valid():
        try:
            officers.appoint_officer(
                channel.access.unit,
                form.cleaned_data["user"],
                form.cleaned_data["role"],
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Petugas ditetapkan.")
    else:
        messages.error(request, "Pilih anggota unit dan perannya.")
    return redirect("cases:channel_settings", code=code)


@login_required
@require_POST
def officer_remove(
    request: AuthenticatedHttpRequest, code: str, pk: int
) -> HttpResponse:
    channel = permissions.channel_access(request.user, code)
    require(permissions.rights_for(channel).can_manage)
    officer = get_object_or_404(ChannelOfficer, unit=channel.access.unit, pk=pk)
    officers.remove_officer(officer, by=request.user)
    messages.success(request, "Penetapan petugas diakhiri.")
    return redirect("cases:channel_settings", code=code)
