"""Every register page costs the same number of queries with more rows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sizi.integrity.models import ConflictMapEntry, UpgMember
from sizi.integrity.services import conflict, risk
from sizi.units.models import Membership, Unit, User
from sizi.units.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
CODE = "kpu-tanjabbar"


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _flat(client: Client, url: str, grow: Callable[[], None]) -> None:
    client.get(url)
    before = _count(client, url)
    grow()
    assert _count(client, url) == before


def _staff(unit: Unit, n: int, prefix: str) -> list[User]:
    users = []
    for i in range(n):
        user = UserFactory(username=f"{prefix}{i}")
        MembershipFactory(user=user, unit=unit, role=Membership.Role.TEAM)
        users.append(user)
    return users


def test_conflict_map_and_evaluations(tree: dict[str, Unit], alice: User) -> None:
    client = Client()
    client.force_login(alice)
    unit = tree["tanjabbar"]

    def add_rows() -> None:
        for i in range(8):
            ConflictMapEntry.objects.create(
                unit=unit, year=2026, duty=f"Layanan {i}", situation="s",
                source="affiliation", level="high", control="c",
            )  # fmt: skip
            conflict.record_evaluation(
                unit,
                2026,
                {
                    "period": f"TW {i}",
                    "evaluated_on": timezone.localdate(),
                    "findings": "f",
                    "follow_up": "t",
                },  # fmt: skip
                by=alice,
            )

    map_url = reverse("integrity:conflict_map", args=[CODE]) + "?tahun=2026"
    eval_url = reverse("integrity:conflict_evaluations", args=[CODE]) + "?tahun=2026"
    client.get(map_url)
    client.get(eval_url)
    before = (_count(client, map_url), _count(client, eval_url))
    add_rows()
    assert (_count(client, map_url), _count(client, eval_url)) == before


def test_upg_members(tree: dict[str, Unit], lena: User) -> None:
    client = Client()
    client.force_login(lena)
    unit = tree["tanjabbar"]

    def appoint() -> None:
        for user in _staff(unit, 6, "upg"):
            UpgMember.objects.create(unit=unit, user=user, appointed_by=lena)

    _flat(client, reverse("integrity:upg_members", args=[CODE]), appoint)


def test_risk_detail(tree: dict[str, Unit], alice: User, bob: User) -> None:
    client = Client()
    client.force_login(alice)
    unit = tree["tanjabbar"]
    register = risk.register_for(unit, 2026, by=alice)
    item = risk.save_risk(
        register,
        risk.RiskData("o", "s", "c", "e", "KP", "", bob, 3, 3, 2, 2),
        by=alice,
    )

    def grow() -> None:
        for user in _staff(unit, 5, "pic"):
            risk.add_control_action(
                item, by=alice, text="RTP", pic=user, target_date=date(2026, 6, 30)
            )
        for quarter in (1, 2, 3):
            risk.record_monitoring(
                item, by=alice, quarter=quarter, status="done", note="", occurred=False
            )

    _flat(client, reverse("integrity:risk_detail", args=[CODE, item.pk]), grow)


def test_my_work_panel(tree: dict[str, Unit], alice: User, bob: User) -> None:
    client = Client()
    client.force_login(bob)
    unit = tree["tanjabbar"]

    def grow() -> None:
        for i in range(4):
            conflict.start_campaign(
                unit, kind="pact", year=2026, title=f"Pakta {i}",
                due_date=timezone.localdate() + timedelta(days=3),
                body="Teks", by=alice,
            )  # fmt: skip

    _flat(client, reverse("integrity:my_work_panel"), grow)
