"""Evidence events that reach a person: an item returned, a request addressed."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail

from sizi.evidence import services
from sizi.evidence.models import Evidence
from sizi.evidence.tests.conftest import add_evidence
from sizi.units.models import Notification, User

pytestmark = pytest.mark.django_db
Kind = Notification.Kind


def test_the_uploader_hears_of_a_return_with_the_reason(
    tree, alice, bob, django_capture_on_commit_callbacks
) -> None:
    evidence = add_evidence(
        tree["tanjabbar"], bob, title="SK Tim", status=Evidence.Status.SUBMITTED
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.return_evidence(evidence, by=alice, note="Tanda tangan kurang.")

    note = Notification.objects.get()
    assert (note.recipient, note.kind) == (bob, Kind.EVIDENCE_RETURNED)
    assert note.title == "Bukti fisik dikembalikan kepada Anda: SK Tim"
    assert "Tanda tangan kurang." in note.body
    assert note.url == evidence.get_absolute_url()
    assert [m.to for m in mail.outbox] == [[bob.email]]
    assert "Tanda tangan kurang." in mail.outbox[0].body


def test_a_digest_reader_gets_no_mail_for_the_return(tree, alice, bob) -> None:
    User.objects.filter(pk=bob.pk).update(notification_email="digest")
    evidence = add_evidence(
        tree["tanjabbar"], bob, title="SK Tim", status=Evidence.Status.SUBMITTED
    )
    services.return_evidence(evidence, by=alice, note="Buram.")
    assert Notification.objects.filter(recipient=bob).count() == 1
    assert mail.outbox == []


def test_a_request_reaches_the_person_asked(tree, alice, bob) -> None:
    request = services.create_request(
        tree["tanjabbar"],
        requested_from=bob,
        title="Notulen rapat Oktober",
        due_date=date(2026, 6, 30),
        by=alice,
    )
    note = Notification.objects.get()
    assert (note.recipient, note.kind) == (bob, Kind.EVIDENCE_REQUEST)
    assert note.title == "Permintaan bukti fisik untuk Anda: Notulen rapat Oktober"
    assert "30 Juni 2026" in note.body and "Alice Koordinator" in note.body
    assert note.url == request.get_absolute_url()


def test_the_coordinators_hear_that_an_item_waits_for_verification(
    tree, alice, bob
) -> None:
    from sizi.evidence.tests.conftest import second_coordinator

    other = second_coordinator(tree["tanjabbar"])
    evidence = add_evidence(tree["tanjabbar"], bob, title="SK Tim")

    services.submit_evidence(evidence, by=bob)

    notes = Notification.objects.filter(kind=Kind.EVIDENCE_SUBMITTED)
    assert sorted(n.recipient.username for n in notes) == sorted(
        [alice.username, other.username]
    )
    assert {n.title for n in notes} == {"Bukti fisik menunggu verifikasi: SK Tim"}
    assert {n.url for n in notes} == {evidence.get_absolute_url()}


def test_a_coordinator_who_uploaded_the_item_is_not_asked_to_verify_it(
    tree, alice, bob
) -> None:
    from sizi.evidence.tests.conftest import second_coordinator

    other = second_coordinator(tree["tanjabbar"])
    evidence = add_evidence(tree["tanjabbar"], alice, title="Notulen")

    services.submit_evidence(evidence, by=alice)

    notes = Notification.objects.filter(kind=Kind.EVIDENCE_SUBMITTED)
    assert [n.recipient for n in notes] == [other]
    assert bob not in [n.recipient for n in notes]
