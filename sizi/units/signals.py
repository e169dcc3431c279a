"""Sign-ins, sign-outs and failed sign-ins in the audit log.

Receivers of Django's auth signals and django-axes' lockout signal, connected in
`UnitsConfig.ready()`: auditing is a concern decoupled from signing in, which
Django and axes own. Events sit on the user (no unit); a failed sign-in names
the account if it exists and never carries the password.
"""

from __future__ import annotations

from typing import Any

from axes.helpers import get_client_ip_address
from axes.signals import user_locked_out
from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.http import HttpRequest

from sizi.core import audit
from sizi.units import two_factor
from sizi.units.models import User


def _ip(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return get_client_ip_address(request) or ""


def _account(username: str) -> User | None:
    return User.objects.filter(username=username).first() if username else None


def on_signed_in(
    sender: Any, request: HttpRequest | None, user: User, **kwargs: Any
) -> None:
    audit.record(user, "auth.signed_in", user, ip_address=_ip(request))


def on_signed_out(
    sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any
) -> None:
    if isinstance(user, User):
        audit.record(user, "auth.signed_out", user, ip_address=_ip(request))


def on_sign_in_failed(
    sender: Any,
    credentials: dict[str, Any],
    request: HttpRequest | None = None,
    **kwargs: Any,
) -> None:
    # Only the user name is kept: Django already masks the password in
    # `credentials`, and nothing else of it is read.
    username = str(credentials.get("username") or "")[:150]
    audit.record(
        None,
        "auth.sign_in_failed",
        _account(username),
        username=username,
        ip_address=_ip(request),
    )


def on_locked_out(
    sender: Any, request: HttpRequest | None, username: str | None, **kwargs: Any
) -> None:
    name = str(username or "")[:150]
    audit.record(
        None,
        "auth.locked_out",
        _account(name),
        username=name,
        ip_address=str(kwargs.get("ip_address") or _ip(request)),
    )


def connect() -> None:
    """Connect the receivers (called once from the app config)."""
    user_logged_in.connect(on_signed_in, dispatch_uid="sizi.audit.signed_in")
    user_logged_in.connect(
        two_factor.remember_on_sign_in, dispatch_uid="sizi.two_factor.session"
    )
    user_logged_out.connect(on_signed_out, dispatch_uid="sizi.audit.signed_out")
    user_login_failed.connect(on_sign_in_failed, dispatch_uid="sizi.audit.failed")
    user_locked_out.connect(on_locked_out, dispatch_uid="sizi.audit.locked_out")
