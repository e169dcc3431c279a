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
