"""A reviewer's note on an LKE answer reaches whoever answered the question."""

from __future__ import annotations

import pytest

from sizi.lke import services
from sizi.lke.tests.arrange import answer, answer_all, approve_and_submit, q
from sizi.units.models import Notification

pytestmark = pytest.mark.django_db


def test_a_review_note_reaches_the_answerer(assessment, alice, bob, rina) -> None:
    answer_all(assessment, alice)
    question = q(assessment, "P.1.i.b")
    answer(assessment, question, bob, value="b")
    approve_and_submit(assessment, alice)

    services.add_review_note(assessment, question, text="Lengkapi SK", by=rina)

    note = Notification.objects.get()
    assert (note.recipient, note.kind) == (bob, Notification.Kind.REVIEWER_NOTE)
    assert note.title == (
        "Butir LKE P.1.i.b dikembalikan untuk diperbaiki oleh Penilaian pendahuluan."
    )
    assert note.body == "Lengkapi SK"
    assert note.url.startswith("/u/kpu-tanjabbar/lke/2025/isi/")
    assert note.url.endswith("#q-P.1.i.b")
