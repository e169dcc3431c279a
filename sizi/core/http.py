"""The typed request every signed-in view receives.

django-stubs types ``request.user`` as ``User | AnonymousUser`` and knows nothing
of django-htmx's ``request.htmx``. Views behind ``login_required`` annotate their
request as ``AuthenticatedHttpRequest`` instead of casting or ignoring types, as
django-htmx documents for ``HtmxDetails``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from sizi.units.models import User


class HtmxHttpRequest(HttpRequest):
    """A request that passed django-htmx's middleware (public pages too)."""

    htmx: HtmxDetails


class AuthenticatedHttpRequest(HtmxHttpRequest):
    """A request of a signed-in user: the type of every ``login_required`` view."""

    user: User
