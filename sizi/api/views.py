"""Token API: a person lists, creates and revokes their own API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sizi.api import permissions, services
from sizi.api.forms import TokenForm
from sizi.api.models import ApiToken
from sizi.core.http import AuthenticatedHttpRequest


def _page(
    request: AuthenticatedHttpRequest,
    form: TokenForm,
    *,
    new: services.NewToken | None = None,
    status: int = 200,
) -> HttpResponse:
    tokens = ApiToken.objects.filter(user=request.user)
    return TemplateResponse(
        request,
        "api/tokens.html",
        {"form": form, "tokens": tokens, "new": new},
        status=status,
    )


@never_cache
@login_required
def token_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """List the user's tokens; POST creates one and shows its secret once."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.create_token(
                by=request.user,
                name=form.cleaned_data["name"],
                expires_on=form.cleaned_data["expires_on"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            # Rendered, not redirected: the secret exists only in this response.
            return _page(request, TokenForm(), new=new, status=201)
    status = 422 if request.method == "POST" else 200
    return _page(request, form, status=status)


@login_required
@require_POST
def token_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Revoke one of the user's tokens (another person's token is a 404)."""
    token = permissions.get_token_for_user(request.user, pk)
    services.revoke_token(token, by=request.user)
    messages.success(
        request, f"Token '{token.name}' dicabut; token itu tidak dapat dipakai lagi."
    )
    return redirect("api_tokens:list")
