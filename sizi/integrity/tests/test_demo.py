"""The integrity demo loads on top of the units demo and is idempotent."""

from __future__ import annotations

import io

import pytest

from sizi.integrity import demo
from sizi.integrity.models import (
    GratificationReport,
    Risk,
    UpgMember,
    WealthReportCompliance,
)
from sizi.units import demo as units_demo

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent() -> None:
    out = io.StringIO()
    units_demo.load(stdout=out)
    demo.load(stdout=out)
    demo.load(stdout=out)
    assert UpgMember.objects.count() == 1
    assert GratificationReport.objects.count() == 2
    assert WealthReportCompliance.objects.filter(obligation="lhkpn").count() == 1
    assert Risk.objects.count() == 1
    statuses = set(GratificationReport.objects.values_list("status", flat=True))
    assert statuses == {"forwarded", "reported"}


def test_demo_skips_without_accounts() -> None:
    out = io.StringIO()
    demo.load(stdout=out)
    assert "dilewati" in out.getvalue()
    assert not GratificationReport.objects.exists()
