"""Rights on API tokens: each person sees and revokes only their own tokens."""

from __future__ import annotations

from django.http import Http404

from sizi.api.models import ApiToken
from sizi.units.models import User


def get_token_for_user(user: User, pk: int) -> ApiToken:
    """Return one of the user's own tokens; 404 for anyone else's."""
    token = ApiToken.objects.filter(user=user, pk=pk).first()
    if token is None:
        raise Http404("Token tidak ditemukan.")
    return token
