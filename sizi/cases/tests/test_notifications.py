"""A complaint assigned to an officer reaches them under the bell."""

from __future__ import annotations

import pytest

from sizi.cases.complaints import services
from sizi.cases.tests.channel_fixtures import file_complaint
from sizi.units.models import Notification

pytestmark = pytest.mark.django_db


def test_the_new_pic_of_a_complaint_is_notified(tree, clerk, bob, alice) -> None:
    complaint, _ = file_complaint(tree["tanjabbar"])

    services.assign_complaint(complaint, handler=clerk, pic=bob, by=clerk)
    services.assign_complaint(complaint, handler=clerk, pic=bob, by=clerk)
    services.assign_complaint(complaint, handler=alice, pic=bob, by=clerk)

    notes = Notification.objects.order_by("pk")
    assert [(n.recipient, n.kind) for n in notes] == [
        (bob, Notification.Kind.ASSIGNMENT),
        (alice, Notification.Kind.ASSIGNMENT),
    ]
    assert notes[0].title == (
        f"Pengaduan {complaint.number} ditugaskan kepada Anda sebagai PIC."
    )
    assert notes[0].url == f"/u/kpu-tanjabbar/pengaduan/{complaint.pk}/"
