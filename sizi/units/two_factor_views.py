"""Keamanan akun: turn two-factor sign-in on and off, and enter the code."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from sizi.core.http import AuthenticatedHttpRequest
from sizi.units import two_factor


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Kode",
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text"}
        ),
    )


def _next(request: AuthenticatedHttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@login_required
def two_factor_overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Show whether two-factor sign-in is on, with the actions."""
    return TemplateResponse(
        request,
        "registration/two_factor.html",
        {
            "enabled": two_factor.is_enabled(request.user),
            "required": two_factor.is_required(request.user),
            "form": CodeForm(),
        },
    )


@login_required
def two_factor_setup(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Show the QR code; confirm it with the first code; show recovery codes."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor.confirm_enrolment(
                request, request.user, form.cleaned_data["code"]
            )
        except ValidationError as exc:
            form.add_error("code", exc)
        else:
            return TemplateResponse(
                request,
                "registration/two_factor_codes.html",
                {"codes": codes, "next": _next(request)},
            )
    enrolment = two_factor.start_enrolment(request.user)
    return TemplateResponse(
        request,
        "registration/two_factor_setup.html",
        {
            "enrolment": enrolment,
            "form": form,
            "required": two_factor.is_required(request.user),
            "next": _next(request),
        },
    )


@login_required
def two_factor_verify(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Ask for the authenticator code (or a recovery code) after the password."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.verify_sign_in(request, request.user, form.cleaned_data["code"]):
            return redirect(_next(request))
        form.add_error(
            "code",
            "Kode tidak cocok atau sudah dipakai. Setelah beberapa kali salah, "
            "tunggu sebentar sebelum mencoba lagi.",
        )
    return TemplateResponse(
        request,
        "registration/two_factor_verify.html",
        {"form": form, "next": _next(request)},
    )


@login_required
@require_POST
def two_factor_recovery_codes(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Replace the recovery codes and show the new ones once."""
    try:
        codes = two_factor.regenerate_recovery_codes(request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("two_factor")
    return TemplateResponse(
        request, "registration/two_factor_codes.html", {"codes": codes, "next": "/"}
    )


@login_required
@require_POST
def two_factor_disable(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Turn two-factor sign-in off after a valid code."""
    form = CodeForm(request.POST)
    if form.is_valid():
        try:
            two_factor.disable(request.user, form.cleaned_data["code"])
            request.session[two_factor.SESSION_KEY] = False
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Verifikasi dua langkah dinonaktifkan.")
    return redirect("two_factor")
