"""Monev pages: the meeting page's follow-up form."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from sizi.plans import services

pytestmark = pytest.mark.django_db
CODE = "kpu-tanjabbar"


def test_monev_owner_select_says_pilih_pic(client, alice, seed_plan):
    meeting = services.record_meeting(
        seed_plan, by=alice, held_on=date(2025, 11, 3), title="Monev"
    )
    client.force_login(alice)
    url = reverse("plans:meeting_detail", args=[CODE, 2025, meeting.pk])
    html = client.get(url).content.decode()
    assert '<option value="" selected>Pilih PIC</option>' in html
    assert "---------" not in html


def test_only_editors_and_the_owner_are_offered_to_tick_a_follow_up(
    client, alice, bob, vera, seed_plan
):
    meeting = services.record_meeting(
        seed_plan, by=alice, held_on=date(2025, 11, 3), title="Monev"
    )
    services.add_follow_up(meeting, by=alice, text="Milik Bob", owner=bob, due_on=None)
    services.add_follow_up(meeting, by=alice, text="Tanpa PIC", owner=None, due_on=None)
    url = reverse("plans:meeting_detail", args=[CODE, 2025, meeting.pk])
    expected = {"alice": [True, True], "bob": [True, False], "vera": [False, False]}
    for persona, offered in expected.items():
        client.force_login({"alice": alice, "bob": bob, "vera": vera}[persona])
        rows = client.get(url).context["follow_ups"]
        by_text = {r.follow_up.text: r.can_toggle for r in rows}
        assert [by_text["Milik Bob"], by_text["Tanpa PIC"]] == offered, persona
