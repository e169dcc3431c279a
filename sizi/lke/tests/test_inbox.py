"""The LKE panel of the "Pekerjaan saya" inbox: who waits for which layer, and queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sizi.lke import services
from sizi.lke.models import Assessment, LayerScore
from sizi.units.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
URL = reverse("lke:my_work_panel")
Status = Assessment.Status


def _at(unit, status, year=2025):
    assessment = services.start_assessment(unit=unit, year=year, by=None)
    Assessment.objects.filter(pk=assessment.pk).update(status=status)
    return assessment


def _panel(client, user):
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    return response


def _shown(tasks):
    return [(t.assessment.unit.code, t.layer) for t in tasks]


@pytest.mark.parametrize("status", [Status.DRAFT, Status.RETURNED])
def test_coordinator_and_leader_see_their_open_self_assessment(
    client, instrument, tree, alice, lena, bob, status
):
    assessment = _at(tree["tanjabbar"], status)
    LayerScore.objects.update_or_create(
        assessment=assessment,
        layer="self",
        defaults={"answered": 25, "question_count": 100},
    )
    for user in (alice, lena):
        response = _panel(client, user)
        assert _shown(response.context["own"]) == [("kpu-tanjabbar", "self")]
        assert response.context["own"][0].progress == 25
        assert 'value="25"' in response.content.decode()
    assert _panel(client, bob).context["empty"]  # a PIC is not the one to submit


def test_submitted_regency_waits_for_the_parent_reviewer_only(
    client, instrument, tree, alice, rina, tia
):
    _at(tree["tanjabbar"], Status.SUBMITTED)
    response = _panel(client, rina)
    assert _shown(response.context["reviews"]) == [("kpu-tanjabbar", "preliminary")]
    html = response.content.decode()
    assert "Penilaian pendahuluan" in html
    assert reverse("lke:rollup", args=["kpu-jambi"]) in html
    assert _panel(client, tia).context["empty"]
    assert _panel(client, alice).context["empty"]


def test_forwarded_regency_and_submitted_province_wait_for_tpi(
    client, instrument, tree, rina, tia
):
    _at(tree["tanjabbar"], Status.FORWARDED)
    _at(tree["jambi"], Status.SUBMITTED)
    response = _panel(client, tia)
    assert _shown(response.context["reviews"]) == [
        ("kpu-jambi", "internal"),
        ("kpu-tanjabbar", "internal"),
    ]
    assert reverse("lke:rollup", args=["kpu-ri"]) in response.content.decode()
    assert _panel(client, rina).context["empty"]


def test_concluded_assessments_wait_for_nobody(client, instrument, tree, alice, tia):
    _at(tree["tanjabbar"], Status.CONCLUDED_NOT_MET)
    for user in (alice, tia):
        html = _panel(client, user).content.decode()
        assert "Tidak ada pekerjaan yang menunggu." in html


def test_charlie_never_sees_tanjabbar(client, instrument, tree, charlie):
    _at(tree["tanjabbar"], Status.DRAFT)
    _at(tree["tanjabtim"], Status.RETURNED)
    response = _panel(client, charlie)
    assert _shown(response.context["own"]) == [("kpu-tanjabtim", "self")]
    assert response.context["reviews"] == []
    assert "tanjabbar" not in response.content.decode().lower()


def _count(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL).status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_units(client, instrument, tree, rina):
    _at(tree["tanjabbar"], Status.SUBMITTED)
    small = _count(client, rina)
    level = tree["tanjabbar"].level
    for n in range(12):
        unit = UnitFactory(code=f"kpu-kab-{n}", level=level, parent=tree["jambi"])
        _at(unit, Status.PRELIMINARY_REVIEW if n % 2 else Status.SUBMITTED)
    rina = type(rina).objects.get(pk=rina.pk)
    assert _count(client, rina) == small
    assert len(_panel(client, rina).context["reviews"]) == 13
