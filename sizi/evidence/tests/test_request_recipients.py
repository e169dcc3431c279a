"""A request goes only to someone who can fulfil it (the "Penuhi" page's rule)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sizi.evidence import permissions, services
from sizi.evidence.forms import RequestForm
from sizi.evidence.models import EvidenceRequest
from sizi.evidence.tests.conftest import add_evidence
from sizi.units.permissions import access_for

pytestmark = pytest.mark.django_db
TANJABBAR = "kpu-tanjabbar"


def test_form_offers_only_people_who_can_fulfil(tree, lena, alice, bob, vera):
    field = RequestForm(unit=tree["tanjabbar"]).fields["requested_from"]
    offered = set(field.queryset)  # type: ignore[attr-defined]
    assert offered == {lena, alice, bob}
    assert vera not in offered  # a Pemantau's "Penuhi" link would answer 403


def test_recipients_match_the_fulfil_check(tree, lena, alice, bob, vera, rina):
    unit = tree["tanjabbar"]
    request_obj = EvidenceRequest(unit=unit, title="x", due_date=date(2026, 5, 1))
    for person in (lena, alice, bob, vera, rina):
        request_obj.requested_from = person
        fulfils = permissions.can_fulfil_request(
            access_for(person, unit), person, request_obj
        )
        assert permissions.can_receive_request(unit, person) is fulfils
        assert (person in permissions.request_recipients(unit)) is fulfils


def test_inactive_member_is_not_offered(tree, bob):
    bob.is_active = False
    bob.save()
    field = RequestForm(unit=tree["tanjabbar"]).fields["requested_from"]
    assert bob not in set(field.queryset)  # type: ignore[attr-defined]


def test_forged_post_to_a_viewer_is_refused(client, tree, alice, vera):
    client.force_login(alice)
    response = client.post(
        reverse("evidence:request_create", args=[TANJABBAR]),
        {"requested_from": vera.pk, "title": "SK Tim", "due_date": "2026-05-01"},
    )
    assert response.status_code == 422
    assert "requested_from" in response.context["request_form"].errors
    assert not EvidenceRequest.objects.exists()


def test_service_refuses_a_viewer_as_recipient(tree, alice, vera):
    with pytest.raises(ValidationError) as exc:
        services.create_request(
            tree["tanjabbar"],
            requested_from=vera,
            title="SK Tim",
            due_date=date(2026, 5, 1),
            by=alice,
        )
    assert "requested_from" in exc.value.message_dict
    assert not EvidenceRequest.objects.exists()


def test_a_pic_recipient_can_open_penuhi(client, tree, alice, bob):
    client.force_login(alice)
    client.post(
        reverse("evidence:request_create", args=[TANJABBAR]),
        {"requested_from": bob.pk, "title": "SK Tim", "due_date": "2026-05-01"},
    )
    request_obj = EvidenceRequest.objects.get()
    add_evidence(tree["tanjabbar"], bob)
    client.force_login(bob)
    url = reverse("evidence:request_fulfil", args=[TANJABBAR, request_obj.pk])
    assert client.get(url).status_code == 200
