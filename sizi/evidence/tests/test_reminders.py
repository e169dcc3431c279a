"""Reminder e-mails about evidence requests: due soon or overdue, once a day."""

from __future__ import annotations

from datetime import date, timedelta

from django.core import mail
from django.core.management import call_command

from sizi.evidence import services
from sizi.evidence.reminders import open_requests_for, send_evidence_reminders

TODAY = date(2026, 6, 10)


def make(tree, alice, bob, title: str, due: date):
    return services.create_request(
        tree["tanjabbar"], requested_from=bob, title=title, due_date=due, by=alice
    )


def test_due_and_overdue_requests_are_sent_once_per_day(tree, alice, bob) -> None:
    make(tree, alice, bob, "Terlambat", TODAY - timedelta(days=2))
    make(tree, alice, bob, "Besok", TODAY + timedelta(days=1))
    make(tree, alice, bob, "Bulan depan", TODAY + timedelta(days=30))
    assert send_evidence_reminders(today=TODAY) == 1
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert mail.outbox[0].to == [bob.email]
    assert "Terlambat" in body and "terlambat 2 hari" in body
    assert "Besok" in body and "jatuh tempo 1 hari lagi" in body
    assert "Bulan depan" not in body
    assert "batas 8 Juni 2026" in body  # house date style, not 08-06-2026
    assert send_evidence_reminders(today=TODAY) == 0
    assert len(mail.outbox) == 1
    assert send_evidence_reminders(today=TODAY + timedelta(days=1)) == 1
    assert len(mail.outbox) == 2


def test_closed_requests_are_not_reminded(tree, alice, bob) -> None:
    request = make(tree, alice, bob, "Dibatalkan", TODAY)
    services.cancel_request(request, by=alice)
    assert send_evidence_reminders(today=TODAY) == 0
    assert mail.outbox == []


def test_open_requests_for_user(tree, alice, bob, lena) -> None:
    mine = make(tree, alice, bob, "Punya Bob", TODAY)
    services.create_request(
        tree["tanjabbar"],
        requested_from=lena,
        title="Punya Lena",
        due_date=TODAY,
        by=alice,
    )
    assert list(open_requests_for(bob, today=TODAY)) == [mine]


def test_command(tree, alice, bob, capsys) -> None:
    make(tree, alice, bob, "Lama", date(2020, 1, 1))
    call_command("send_evidence_reminders")
    assert "1 pengingat permintaan bukti terkirim" in capsys.readouterr().out
