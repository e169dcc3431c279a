"""In-app notifications and their e-mail: the one path for "this waits for you".

Every app calls :func:`notify` from its services (higher apps may import units;
units imports none of them). A notification shows under the bell in the top
bar; the recipient's ``notification_email`` choice decides the e-mail:

- ``immediate``: one e-mail per notification, sent after the surrounding
  transaction commits (``transaction.on_commit``), so a rolled-back change
  e-mails nobody; reminder commands pass ``mail_now=True`` to send inside
  their own transaction and keep a failed send unclaimed for the next run;
- ``digest``: ``manage.py send_notification_digest`` (daily) e-mails the
  unread notifications not yet e-mailed, in one message;
- ``off``: no e-mail; the bell still shows them.

A ``key`` names a reminder about one object: the same key for the same person
on the same day is one notification (a second call returns nothing new).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from sizi.core import audit
from sizi.units.models import Notification, Unit, User

Kind = Notification.Kind
Preference = User.EmailPreference
logger = logging.getLogger(__name__)
DIGEST_MAX_LINES = 50
_email_off: ContextVar[bool] = ContextVar("notification_email_off", default=False)


@contextmanager
def without_email() -> Iterator[None]:
    """Create notifications but e-mail none of them (loading demo data)."""
    token = _email_off.set(True)
    try:
        yield
    finally:
        _email_off.reset(token)


def notify(
    recipients: User | Iterable[User | None] | None,
    *,
    kind: str,
    title: str,
    url: str = "",
    unit: Unit | None = None,
    body: str = "",
    key: str = "",
    exclude: User | None = None,
    on: date | None = None,
    mail_now: bool = False,
) -> list[Notification]:
    """Create one notification per active recipient and e-mail it per preference.

    ``exclude`` is the person who caused the event (nobody is told of their own
    act). Returns the notifications created; a ``key`` already used on the
    same day (``on``, a reminder run's date; default today) for a recipient
    creates nothing for them.
    """
    if recipients is None or isinstance(recipients, User):
        recipients = [recipients]
    people = {
        u.pk: u
        for u in recipients
        if u is not None and u.is_active and (exclude is None or u.pk != exclude.pk)
    }
    now = timezone.now()
    today = on or timezone.localdate(now)
    created = []
    for user in people.values():
        notification = Notification(
            recipient=user,
            unit=unit,
            kind=kind,
            title=title[:300],
            body=body,
            url=url[:500],
            key=key[:200],
            created_on=today,
            created_at=now,
        )
        if key:
            try:
                with transaction.atomic():
                    notification.save()
            except IntegrityError:
                continue  # the same reminder reached this person today already
        else:
            notification.save()
        created.append(notification)
    to_mail = [n for n in created if _wants_each(n.recipient)]
    if _email_off.get():
        to_mail = []
    if to_mail and mail_now:
        for notification in to_mail:
            send_immediately(notification)
    elif to_mail:
        ids = [n.pk for n in to_mail]
        transaction.on_commit(partial(_send_after_commit, ids))
    return created


def reminder_key(prefix: str, ids: Iterable[object]) -> str:
    """The dedupe key of a reminder about these objects ("plans.reminder:3,7")."""
    joined = ",".join(str(i) for i in sorted(ids, key=str))
    if len(prefix) + 1 + len(joined) > 200:
        joined = "h" + hashlib.sha256(joined.encode()).hexdigest()
    return f"{prefix}:{joined}"


def _wants_each(user: User) -> bool:
    return bool(user.email) and user.notification_email == Preference.IMMEDIATE


def _absolute(url: str) -> str:
    return settings.SITE_URL + url if url.startswith("/") else url


def _account_url() -> str:
    return settings.SITE_URL + reverse("account")


def email_text(notification: Notification) -> str:
    """The text of the e-mail of one notification."""
    parts = [f"Yth. {notification.recipient},", notification.title]
    if notification.body:
        parts.append(notification.body.strip())
    if notification.url:
        parts.append(f"Buka di SIZI: {_absolute(notification.url)}")
    parts.append(
        "Surel ini dikirim karena pilihan surel notifikasi Anda: Segera. "
        f"Ubah di {_account_url()}"
    )
    return "\n\n".join(parts) + "\n"


def send_immediately(notification: Notification) -> None:
    """E-mail one notification now; errors of the mail server propagate."""
    send_mail(
        subject=f"[SIZI] {notification.title}",
        message=email_text(notification),
        from_email=None,
        recipient_list=[notification.recipient.email],
    )
    notification.emailed_at = timezone.now()
    Notification.objects.filter(pk=notification.pk).update(
        emailed_at=notification.emailed_at
    )


def _send_after_commit(ids: list[int]) -> None:
    for notification in Notification.objects.filter(pk__in=ids).select_related(
        "recipient"
    ):
        try:
            send_immediately(notification)
        except Exception as exc:  # noqa: BLE001 - the change is committed already
            # the notification stays under the bell and joins no later e-mail
            logger.warning("Notification mail %s failed: %s", notification.pk, exc)


# --- Reading -----------------------------------------------------------------


def unread_count(user: User) -> int:
    return Notification.objects.for_user(user).unread().count()


def for_user(user: User) -> QuerySet[Notification]:
    return Notification.objects.for_user(user).select_related("unit")


def get_notification_for_user(user: User, pk: int) -> Notification:
    """Return the user's own notification; anyone else's is a 404."""
    return get_object_or_404(Notification, pk=pk, recipient=user)


def mark_read(notification: Notification) -> None:
    """Mark one notification read (the recipient's own state: not audited)."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )


def mark_all_read(user: User) -> int:
    """Mark every unread notification of the user read; return how many."""
    return Notification.objects.for_user(user).unread().update(read_at=timezone.now())


# --- Preference and digest ---------------------------------------------------


@transaction.atomic
def set_email_preference(user: User, value: str, *, by: User) -> bool:
    """Set how the user hears of notifications by e-mail; audited. True if changed."""
    if value not in Preference.values:
        raise ValueError(value)
    if user.notification_email == value:
        return False
    before = user.notification_email
    user.notification_email = value
    user.save(update_fields=["notification_email"])
    audit.record(
        by,
        "user.notification_email_set",
        user,
        changes={"notification_email": [before, value]},
    )
    return True


def digest_text(user: User, items: list[Notification]) -> str:
    lines = []
    for n in items[:DIGEST_MAX_LINES]:
        when = date_format(timezone.localtime(n.created_at), "j F Y, H.i")
        line = f"- {n.title} ({when})"
        if n.url:
            line += f"\n  {_absolute(n.url)}"
        lines.append(line)
    more = len(items) - DIGEST_MAX_LINES
    if more > 0:
        lines.append(f"- dan {more} notifikasi lain")
    return (
        f"Yth. {user},\n\nNotifikasi SIZI yang belum Anda baca:\n\n"
        + "\n".join(lines)
        + "\n\nSemua notifikasi: "
        + settings.SITE_URL
        + reverse("units:notifications")
        + "\n\nSurel ini dikirim karena pilihan surel notifikasi Anda: Ringkasan "
        f"harian. Ubah di {_account_url()}\n"
    )


def send_digests() -> int:
    """E-mail each digest reader their unread notifications since the last digest.

    A notification goes into one digest at most (``emailed_at`` is set), so a
    second run on the same day sends nothing new. Returns the e-mails sent.
    """
    pending = (
        Notification.objects.unread()
        .filter(
            emailed_at__isnull=True,
            recipient__notification_email=Preference.DIGEST,
            recipient__is_active=True,
        )
        .exclude(recipient__email="")
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "pk")
    )
    per_user: dict[int, list[Notification]] = {}
    for n in pending:
        per_user.setdefault(n.recipient_id, []).append(n)
    sent = 0
    for items in per_user.values():
        user = items[0].recipient
        try:
            send_mail(
                subject=f"[SIZI] Ringkasan harian: {len(items)} notifikasi belum dibaca",
                message=digest_text(user, items),
                from_email=None,
                recipient_list=[user.email],
            )
        except Exception as exc:  # noqa: BLE001 - try the others
            logger.warning("Digest to user %s failed: %s", user.pk, exc)
            continue
        Notification.objects.filter(pk__in=[n.pk for n in items]).update(
            emailed_at=timezone.now()
        )
        sent += 1
    return sent
