"""The responses list of a period and flagging a response."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from sizi.core.models import AuditEvent
from sizi.surveys.models import Response
from sizi.surveys.tests.conftest import make_period

CODE = "kpu-tanjabbar"


def _list(period) -> str:
    return reverse("surveys:responses", args=[CODE, period.pk])


def _flag(period, response) -> str:
    return reverse("surveys:response_flag", args=[CODE, period.pk, response.pk])


@pytest.mark.parametrize("count", [1, 12])
def test_list_shows_answers_and_suggestions_in_flat_queries(
    client, alice, period, respond, django_assert_num_queries, count
):
    for n in range(count):
        respond(period, 3, suggestion=f"Saran {n}")
    client.force_login(alice)
    client.get(_list(period))
    with django_assert_num_queries(8):
        html = client.get(_list(period)).content.decode()
    assert "333333333" in html and "Saran 0" in html
    assert f"{count} jawaban" in html


def test_coordinator_flags_and_clears_a_response(client, alice, period, respond):
    response = respond(period, 3)
    client.force_login(alice)
    client.post(_flag(period, response), {"reason": "Diisi petugas sendiri"})
    response.refresh_from_db()
    assert response.is_suspicious
    assert response.suspicious_reason == "Diisi petugas sendiri"
    assert AuditEvent.objects.filter(action="surveys.response_flagged").exists()
    page = client.get(_list(period) + "?tanda=1").content.decode()
    assert "Diisi petugas sendiri" in page
    client.post(_flag(period, response), {})
    response.refresh_from_db()
    assert not response.is_suspicious and response.suspicious_reason == ""
    assert Response.objects.filter(period=period).count() == 1


def test_flag_rights_and_scope(
    client, bob, vera, charlie, alice, period, respond, tree, instruments
):
    response = respond(period, 3)
    client.force_login(vera)
    assert client.get(_list(period)).status_code == 200
    assert client.post(_flag(period, response), {}).status_code == 403
    client.force_login(bob)
    assert client.post(_flag(period, response), {}).status_code == 403
    client.force_login(charlie)
    assert client.get(_list(period)).status_code == 404
    assert client.post(_flag(period, response), {}).status_code == 404
    # A response of another period of the same unit is not reachable through this one.
    other = make_period(
        tree["tanjabbar"], instruments["ipak"], alice, year=timezone.localdate().year
    )
    client.force_login(alice)
    url = reverse("surveys:response_flag", args=[CODE, other.pk, response.pk])
    assert client.post(url, {}).status_code == 404
    response.refresh_from_db()
    assert not response.is_suspicious
