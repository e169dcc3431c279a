"""The bell, the notifications page and the e-mail choice on "Akun saya".

A notification is its recipient's alone: anyone else's id is a 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap

from sizi.core.http import AuthenticatedHttpRequest
from sizi.units import notifications
from sizi.units.forms import EmailPreferenceForm
from sizi.units.models import Notification

PAGE_SIZE = 25


@dataclass(frozen=True)
class NotificationRow:
    pk: int
    title: str
    body: str
    kind: str
    unit: str
    created_at: datetime
    is_unread: bool
    open_url: str

    @classmethod
    def of(cls, n: Notification) -> NotificationRow:
        return cls(
            pk=n.pk,
            title=n.title,
            body=n.body,
            kind=n.get_kind_display(),
            unit=n.unit.name if n.unit else "",
            created_at=n.created_at,
            is_unread=n.read_at is None,
            open_url=n.get_absolute_url(),
        )


@login_required
@require_GET
def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The person's notifications, newest first, paged."""
    page = Paginator(notifications.for_user(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [NotificationRow.of(n) for n in page.object_list]
    unread = notifications.unread_count(request.user)
    return TemplateResponse(
        request,
        "units/notifications.html",
        {"page": page, "rows": rows, "unread": unread},
    )


@require_GET
def notification_bell(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The bell of the top bar with the unread count (loaded by htmx).

    After the session ended the answer is empty and tells htmx to swap nothing,
    rather than a redirect whose sign-in page would land inside the top bar.
    """
    if not request.user.is_authenticated:
        return reswap(HttpResponse(""), "none")
    return TemplateResponse(
        request,
        "units/_bell.html",
        {"unread": notifications.unread_count(request.user)},
    )


@login_required
@require_GET
def notification_open(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Mark the notification read and go where it points."""
    notification = notifications.get_notification_for_user(request.user, pk)
    notifications.mark_read(notification)
    target = notification.url
    if not target or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("units:notifications")
    return HttpResponseRedirect(target)


@login_required
@require_POST
def notifications_read_all(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Tandai semua dibaca."""
    count = notifications.mark_all_read(request.user)
    if count:
        messages.success(request, f"{count} notifikasi ditandai dibaca.")
    return redirect("units:notifications")


@login_required
@require_http_methods(["GET", "POST"])
def account(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Akun saya: who I am, and how notifications reach me by e-mail."""
    user = request.user
    form = EmailPreferenceForm(
        request.POST or None, initial={"notification_email": user.notification_email}
    )
    if request.method == "POST" and form.is_valid():
        changed = notifications.set_email_preference(
            user, form.cleaned_data["notification_email"], by=user
        )
        if changed:
            messages.success(
                request,
                "Pilihan surel notifikasi disimpan: "
                f"{user.get_notification_email_display()}.",
            )
        return redirect("account")
    return TemplateResponse(request, "registration/account.html", {"form": form})
