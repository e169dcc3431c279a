"""Fixtures of the integrity tests: a UPG member, reports in each state."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from sizi.integrity.models import GratificationReport, UpgMember
from sizi.integrity.services import gratification as services
from sizi.integrity.services.gratification import ReportData
from sizi.units.models import Membership, Unit, User
from sizi.units.tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def ursula(tree: dict[str, Unit], lena: User) -> User:
    """A PIC of kpu-tanjabbar appointed to its UPG by lena (the pimpinan)."""
    user = UserFactory(username="ursula", full_name="Ursula UPG")
    MembershipFactory(user=user, unit=tree["tanjabbar"], role=Membership.Role.TEAM)
    UpgMember.objects.create(unit=tree["tanjabbar"], user=user, appointed_by=lena)
    return user


def report_data(**overrides: Any) -> ReportData:
    values: dict[str, Any] = {
        "kind": GratificationReport.Kind.RECEIPT,
        "giver_name": "PT Maju Jaya",
        "giver_relation": GratificationReport.Relation.VENDOR,
        "event": GratificationReport.Event.SERVICE,
        "event_description": "Pengadaan logistik pemilihan",
        "gift_type": GratificationReport.GiftType.GOODS,
        "description": "Parsel berisi jam tangan",
        "estimated_value": Decimal(2500000),
        "received_on": timezone.localdate() - timedelta(days=3),
        "place": "Kantor KPU Kab. Tanjung Jabung Barat",
        "object_location": GratificationReport.ObjectLocation.UPG,
    }
    values.update(overrides)
    return ReportData(**values)


@pytest.fixture
def make_report(tree: dict[str, Unit]) -> Any:
    def _make(
        by: User, unit: Unit | None = None, **overrides: Any
    ) -> GratificationReport:
        return services.submit_report(
            unit or tree["tanjabbar"], report_data(**overrides), by=by
        )

    return _make


@pytest.fixture
def bob_report(make_report: Any, bob: User) -> GratificationReport:
    report: GratificationReport = make_report(bob)
    return report
