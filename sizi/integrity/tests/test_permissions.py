"""Access to every integrity URL, per persona.

URL names and their rule (for the access matrix):

- ``integrity:my_work_panel`` — any signed-in user (their own items only).
- ``integrity:home`` — anyone who sees the unit; 404 otherwise.
- ``integrity:gratification_list`` — anyone who sees the unit; rows: own reports,
  all reports for UPG members; counts for leaders, the coordinator and the UPG.
- ``integrity:gratification_create`` — direct members of the unit; 403 for roles
  inherited from a parent unit (reviewers); 404 outside.
- ``integrity:gratification_value_check`` (htmx, the form's live rule and
  threshold explanation) — as ``gratification_create``.
- ``integrity:gratification_detail`` — the reporter and the unit's UPG; 404 for
  everyone else (leaders included).
- ``integrity:gratification_edit`` — the reporter while reported/incomplete;
  403 for the UPG; 404 for everyone else.
- ``integrity:gratification_verify``, ``…_request_completion``, ``…_forward``,
  ``…_decide``, ``…_handover`` (POST) — UPG members other than the reporter;
  403 for the reporter; 404 for everyone else.
- ``integrity:upg_members`` — GET anyone who sees the unit; POST the unit's own
  pimpinan (403 otherwise).
- ``integrity:upg_member_remove`` (POST) — the unit's own pimpinan; 403 others;
  404 for another unit's appointment.
- ``integrity:upg_report`` — UPG, leaders (also of a parent unit) and the
  coordinator; POST (file as bukti fisik) UPG and the coordinator/pimpinan;
  403 otherwise.
- ``integrity:public_campaign`` — UPG members, the coordinator and the
  pimpinan (plan a P.5.i public-campaign item as a step); 403 otherwise.

The other registers list their URLs in ``test_wealth.py``, ``test_risk.py`` and
``test_conflict.py``.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sizi.integrity.models import GratificationReport, UpgMember
from sizi.units.models import Unit, User

pytestmark = pytest.mark.django_db


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def people(
    lena: User,
    alice: User,
    bob: User,
    vera: User,
    charlie: User,
    rina: User,
    ursula: User,
) -> dict[str, User]:
    return {
        "lena": lena,
        "alice": alice,
        "bob": bob,
        "vera": vera,
        "charlie": charlie,
        "rina": rina,
        "ursula": ursula,
    }


def test_anonymous_is_sent_to_login(bob_report: GratificationReport) -> None:
    client = _client(None)
    for url in (
        reverse("integrity:my_work_panel"),
        reverse("integrity:home", args=["kpu-tanjabbar"]),
        reverse("integrity:gratification_list", args=["kpu-tanjabbar"]),
        reverse(
            "integrity:gratification_detail", args=["kpu-tanjabbar", bob_report.pk]
        ),
        reverse("integrity:upg_report", args=["kpu-tanjabbar"]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/akun/masuk/" in response["Location"]


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("lena", 200),
        ("alice", 200),
        ("bob", 200),
        ("vera", 200),
        ("rina", 200),
        ("ursula", 200),
        ("charlie", 404),
    ],
)
@pytest.mark.parametrize("name", ["home", "gratification_list", "upg_members"])
def test_unit_pages(people: dict[str, User], who: str, status: int, name: str) -> None:
    response = _client(people[who]).get(
        reverse(f"integrity:{name}", args=["kpu-tanjabbar"])
    )
    assert response.status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [("lena", 200), ("bob", 200), ("vera", 200), ("rina", 403), ("charlie", 404)],
)
def test_report_form(people: dict[str, User], who: str, status: int) -> None:
    url = reverse("integrity:gratification_create", args=["kpu-tanjabbar"])
    assert _client(people[who]).get(url).status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("bob", 200),
        ("ursula", 200),
        ("lena", 404),
        ("alice", 404),
        ("vera", 404),
        ("rina", 404),
        ("charlie", 404),
    ],
)
def test_report_detail_only_reporter_and_upg(
    people: dict[str, User], bob_report: GratificationReport, who: str, status: int
) -> None:
    url = reverse(
        "integrity:gratification_detail", args=["kpu-tanjabbar", bob_report.pk]
    )
    assert _client(people[who]).get(url).status_code == status


def test_another_unit_s_report_is_404_even_for_its_upg(
    make_report: Any, charlie: User, ursula: User, tree: dict[str, Unit]
) -> None:
    report = make_report(charlie, unit=tree["tanjabtim"])
    client = _client(ursula)
    for code in ("kpu-tanjabtim", "kpu-tanjabbar"):
        url = reverse("integrity:gratification_detail", args=[code, report.pk])
        assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("who", "status"), [("bob", 200), ("ursula", 403), ("lena", 404)]
)
def test_edit_only_by_the_reporter(
    people: dict[str, User], bob_report: GratificationReport, who: str, status: int
) -> None:
    url = reverse("integrity:gratification_edit", args=["kpu-tanjabbar", bob_report.pk])
    assert _client(people[who]).get(url).status_code == status


@pytest.mark.parametrize(
    "name",
    [
        "gratification_verify",
        "gratification_request_completion",
        "gratification_forward",
        "gratification_decide",
        "gratification_handover",
    ],
)
@pytest.mark.parametrize(
    ("who", "status"), [("bob", 403), ("lena", 404), ("charlie", 404)]
)
def test_upg_actions_refused_to_others(
    people: dict[str, User],
    bob_report: GratificationReport,
    name: str,
    who: str,
    status: int,
) -> None:
    url = reverse(f"integrity:{name}", args=["kpu-tanjabbar", bob_report.pk])
    assert _client(people[who]).post(url).status_code == status
    bob_report.refresh_from_db()
    assert bob_report.status == GratificationReport.Status.REPORTED


def test_a_upg_member_cannot_handle_their_own_report(
    make_report: Any, ursula: User
) -> None:
    report = make_report(ursula)
    url = reverse("integrity:gratification_verify", args=["kpu-tanjabbar", report.pk])
    assert _client(ursula).post(url).status_code == 403


def test_upg_actions_need_post(
    people: dict[str, User], bob_report: GratificationReport
) -> None:
    url = reverse(
        "integrity:gratification_verify", args=["kpu-tanjabbar", bob_report.pk]
    )
    assert _client(people["ursula"]).get(url).status_code == 405


@pytest.mark.parametrize(
    ("who", "status"), [("alice", 403), ("bob", 403), ("charlie", 404)]
)
def test_only_the_pimpinan_appoints(
    people: dict[str, User], who: str, status: int
) -> None:
    url = reverse("integrity:upg_members", args=["kpu-tanjabbar"])
    response = _client(people[who]).post(url, {"user": people["bob"].pk})
    assert response.status_code == status
    assert not UpgMember.objects.filter(user=people["bob"]).exists()


@pytest.mark.parametrize(
    ("who", "status"), [("alice", 403), ("ursula", 403), ("charlie", 404)]
)
def test_only_the_pimpinan_removes(
    people: dict[str, User], who: str, status: int
) -> None:
    member = UpgMember.objects.get(user=people["ursula"])
    url = reverse("integrity:upg_member_remove", args=["kpu-tanjabbar", member.pk])
    assert _client(people[who]).post(url).status_code == status
    assert UpgMember.objects.filter(pk=member.pk).exists()


def test_removing_another_unit_s_appointment_is_404(
    people: dict[str, User], tree: dict[str, Unit]
) -> None:
    member = UpgMember.objects.create(
        unit=tree["tanjabtim"], user=people["charlie"], appointed_by=people["charlie"]
    )
    url = reverse("integrity:upg_member_remove", args=["kpu-tanjabbar", member.pk])
    assert _client(people["lena"]).post(url).status_code == 404


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("lena", 200),
        ("alice", 200),
        ("ursula", 200),
        ("bob", 403),
        ("vera", 403),
        ("rina", 403),
        ("charlie", 404),
    ],
)
def test_upg_report_page(people: dict[str, User], who: str, status: int) -> None:
    url = reverse("integrity:upg_report", args=["kpu-tanjabbar"])
    assert _client(people[who]).get(url).status_code == status


def test_my_work_panel_for_anyone_signed_in(people: dict[str, User]) -> None:
    url = reverse("integrity:my_work_panel")
    assert _client(people["rina"]).get(url).status_code == 200
