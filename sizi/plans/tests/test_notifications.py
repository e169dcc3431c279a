"""Plan events that reach a person: a step assigned, a monev follow-up assigned."""

from __future__ import annotations

from datetime import date

import pytest

from sizi.plans import services
from sizi.plans.models import ActionStep
from sizi.plans.tests.factories import build_plan
from sizi.units.models import Notification

pytestmark = pytest.mark.django_db
Kind = Notification.Kind


def test_a_new_pic_is_notified_once(tree, alice, bob, lena) -> None:
    plan = build_plan(tree["tanjabbar"], steps=1)
    step = ActionStep.objects.for_plan(plan).get()

    services.assign_owners(step, [bob], by=alice)
    services.assign_owners(step, [bob, lena, alice], by=alice)  # bob again; alice acts

    notes = Notification.objects.order_by("pk")
    assert [(n.recipient, n.kind) for n in notes] == [
        (bob, Kind.ASSIGNMENT),
        (lena, Kind.ASSIGNMENT),
    ]
    assert notes[0].title.startswith("Anda menjadi PIC langkah aksi: ")
    assert notes[0].url == step.get_absolute_url()
    assert notes[0].unit == tree["tanjabbar"]


def test_a_follow_up_reaches_its_owner(tree, alice, bob) -> None:
    plan = build_plan(tree["tanjabbar"], steps=1)
    meeting = services.record_meeting(
        plan, by=alice, held_on=date(2025, 11, 3), title="Rapat monev I"
    )
    services.add_follow_up(
        meeting,
        by=alice,
        text="Lengkapi SK tim kerja",
        owner=bob,
        due_on=date(2025, 12, 15),
    )
    services.add_follow_up(meeting, by=alice, text="Tanpa PIC", owner=None, due_on=None)

    note = Notification.objects.get()
    assert (note.recipient, note.kind) == (bob, Kind.FOLLOW_UP)
    assert note.title == "Tindak lanjut monev untuk Anda: Lengkapi SK tim kerja"
    assert "15 Desember 2025" in note.body and "3 November 2025" in note.body
    assert note.url == meeting.get_absolute_url()
