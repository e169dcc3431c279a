"""In-app notifications: dedupe, the e-mail choice, the digest, the bell and the page."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from sizi.core.models import AuditEvent
from sizi.units import notifications
from sizi.units.models import Notification, User
from sizi.units.notifications import Kind, notify

pytestmark = pytest.mark.django_db
Preference = User.EmailPreference


def ping(users, **extra) -> list[Notification]:
    values = {
        "kind": Kind.ASSIGNMENT,
        "title": "Anda menjadi PIC langkah aksi: Menyusun SK Tim.",
        "url": "/u/kpu-tanjabbar/",
    }
    values.update(extra)
    return notify(users, **values)


def test_one_notification_per_recipient_not_for_the_actor(alice, bob, lena) -> None:
    lena.is_active = False
    lena.save()
    created = ping([alice, bob, bob, lena, None], exclude=alice)
    assert [n.recipient for n in created] == [bob]
    assert Notification.objects.get().title.startswith("Anda menjadi PIC")


def test_same_reminder_for_the_same_object_on_the_same_day_is_one(bob) -> None:
    day = date(2026, 6, 10)
    first = ping(bob, kind=Kind.REMINDER, key="plans.reminder:7", on=day)
    again = ping(bob, kind=Kind.REMINDER, key="plans.reminder:7", on=day)
    other = ping(bob, kind=Kind.REMINDER, key="plans.reminder:8", on=day)
    tomorrow = ping(
        bob, kind=Kind.REMINDER, key="plans.reminder:7", on=day + timedelta(days=1)
    )
    assert (len(first), again, len(other), len(tomorrow)) == (1, [], 1, 1)
    assert Notification.objects.filter(recipient=bob).count() == 3


def test_events_without_key_are_never_merged(bob) -> None:
    ping(bob)
    ping(bob)
    assert Notification.objects.filter(recipient=bob).count() == 2


def test_immediate_sends_one_email_after_commit(
    bob, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        ping(bob, body="Alasan: tanggal tidak terbaca")
        ping(bob, title="Permintaan bukti fisik untuk Anda: SK Tim.")
    assert [m.subject for m in mail.outbox] == [
        "[SIZI] Anda menjadi PIC langkah aksi: Menyusun SK Tim.",
        "[SIZI] Permintaan bukti fisik untuk Anda: SK Tim.",
    ]
    assert mail.outbox[0].to == [bob.email]
    assert "Alasan: tanggal tidak terbaca" in mail.outbox[0].body
    assert settings.SITE_URL + "/u/kpu-tanjabbar/" in mail.outbox[0].body
    assert not Notification.objects.filter(emailed_at=None).exists()


def test_nothing_is_mailed_when_the_change_rolls_back(
    bob, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                ping(bob)
                raise RuntimeError
        except RuntimeError:
            pass
    assert mail.outbox == []
    assert not Notification.objects.exists()


@pytest.mark.parametrize("choice", [Preference.DIGEST, Preference.OFF])
def test_digest_and_off_send_no_immediate_email(
    bob, choice, django_capture_on_commit_callbacks
) -> None:
    bob.notification_email = choice
    bob.save()
    with django_capture_on_commit_callbacks(execute=True):
        ping(bob)
    ping(bob, key="x", mail_now=True)
    assert mail.outbox == []
    assert notifications.unread_count(bob) == 2


def test_demo_data_fills_the_bell_without_email(
    bob, django_capture_on_commit_callbacks
) -> None:
    with (
        django_capture_on_commit_callbacks(execute=True),
        notifications.without_email(),
    ):
        ping(bob)
        ping(bob, key="r", mail_now=True)
    assert mail.outbox == []
    assert notifications.unread_count(bob) == 2


def test_mail_now_sends_inside_the_callers_transaction(bob) -> None:
    ping(bob, kind=Kind.REMINDER, key="r", mail_now=True)
    assert len(mail.outbox) == 1


def test_daily_digest_has_the_unread_items_since_the_last_digest(
    alice, bob, vera
) -> None:
    for user, choice in ((bob, Preference.DIGEST), (vera, Preference.OFF)):
        user.notification_email = choice
        user.save()
    ping([bob, vera], title="Anda menjadi PIC langkah aksi: Survei IKM.")
    ping([bob, vera], title="Bukti fisik dikembalikan kepada Anda: SK Tim.")
    read = ping(bob, title="Sudah dibaca.")[0]
    notifications.mark_read(read)
    ping(alice, key="a", mail_now=True)  # alice: immediate, mailed already
    mail.outbox.clear()

    out = StringIO()
    call_command("send_notification_digest", stdout=out)

    assert "1 surel ringkasan notifikasi terkirim" in out.getvalue()
    assert [m.to for m in mail.outbox] == [[bob.email]]
    message = mail.outbox[0]
    assert message.subject == "[SIZI] Ringkasan harian: 2 notifikasi belum dibaca"
    assert "Survei IKM" in message.body and "SK Tim" in message.body
    assert "Sudah dibaca" not in message.body
    assert notifications.send_digests() == 0  # each item goes into one digest
    ping(bob, title="Permintaan baru.")
    assert notifications.send_digests() == 1
    assert "Survei IKM" not in mail.outbox[-1].body


def test_digest_runs_every_day_from_the_scheduler() -> None:
    assert ("send_notification_digest", "send_notification_digest", "06:30") in (
        settings.PERIODIC_COMMANDS
    )


# --- Views -------------------------------------------------------------------


def test_bell_counts_only_my_unread_notifications(client, alice, bob) -> None:
    ping([bob, alice])
    ping(bob)
    notifications.mark_read(ping(bob)[0])
    client.force_login(bob)
    body = client.get("/notifikasi/lonceng/").content.decode()
    assert 'data-count="2"' in body and "2 belum dibaca" in body
    page = client.get("/").content.decode()
    assert 'hx-get="/notifikasi/lonceng/"' in page


def test_bell_after_the_session_ended_is_empty(client) -> None:
    response = client.get("/notifikasi/lonceng/")
    assert (response.status_code, response.content) == (200, b"")
    assert response["HX-Reswap"] == "none"


def test_bell_without_unread_shows_no_count(client, bob) -> None:
    client.force_login(bob)
    assert "bell-count" not in client.get("/notifikasi/lonceng/").content.decode()


def test_page_lists_only_mine_with_flat_queries(
    client, alice, bob, django_assert_max_num_queries
) -> None:
    ping(alice, title="Untuk Alice saja.")
    ping(bob, title="Untuk Bob nomor 1.")
    client.force_login(bob)
    with django_assert_max_num_queries(12) as few:
        body = client.get("/notifikasi/").content.decode()
    assert "Untuk Bob nomor 1." in body and "Untuk Alice" not in body
    for i in range(2, 31):
        ping(bob, title=f"Untuk Bob nomor {i}.")
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get("/notifikasi/").content.decode()
    assert body.count('class="notification unread"') == 25  # paged
    assert "Untuk Bob nomor 30." in body and "Halaman 1 dari 2" in body
    second = client.get("/notifikasi/?page=2").content.decode()
    assert "Untuk Bob nomor 1." in second


def test_opening_marks_read_and_goes_to_the_target(client, bob) -> None:
    notification = ping(bob, url="/u/kpu-tanjabbar/bukti/5/")[0]
    client.force_login(bob)
    response = client.get(f"/notifikasi/{notification.pk}/")
    assert response.status_code == 302
    assert response["Location"] == "/u/kpu-tanjabbar/bukti/5/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert notifications.unread_count(bob) == 0


def test_an_outside_target_is_not_followed(client, bob) -> None:
    notification = ping(bob, url="https://contoh.test/jebakan")[0]
    client.force_login(bob)
    response = client.get(f"/notifikasi/{notification.pk}/")
    assert response["Location"] == "/notifikasi/"


def test_another_users_notification_is_a_404(client, alice, bob) -> None:
    notification = ping(alice)[0]
    client.force_login(bob)
    assert client.get(f"/notifikasi/{notification.pk}/").status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read_touches_only_mine(client, alice, bob) -> None:
    ping([alice, bob])
    ping(bob)
    client.force_login(bob)
    response = client.post("/notifikasi/baca-semua/", follow=True)
    assert "2 notifikasi ditandai dibaca." in response.content.decode()
    assert notifications.unread_count(bob) == 0
    assert notifications.unread_count(alice) == 1


def test_account_page_sets_the_email_choice_audited(client, bob) -> None:
    client.force_login(bob)
    page = client.get("/akun/").content.decode()
    assert "Surel notifikasi" in page and "Ringkasan harian" in page
    response = client.post("/akun/", {"notification_email": "digest"}, follow=True)
    assert "Pilihan surel notifikasi disimpan: Ringkasan harian." in (
        response.content.decode()
    )
    bob.refresh_from_db()
    assert bob.notification_email == Preference.DIGEST
    event = AuditEvent.objects.get(action="user.notification_email_set")
    assert event.actor == bob
    client.post("/akun/", {"notification_email": "digest"})  # unchanged: no entry
    assert AuditEvent.objects.filter(action="user.notification_email_set").count() == 1


def test_account_page_refuses_an_unknown_choice(client, bob) -> None:
    client.force_login(bob)
    response = client.post("/akun/", {"notification_email": "setiap-jam"})
    assert response.status_code == 200
    bob.refresh_from_db()
    assert bob.notification_email == Preference.IMMEDIATE
