"""The WBS demo loads twice without doubling anything."""

from __future__ import annotations

import io

import pytest

from sizi.cases.wbs import demo
from sizi.cases.wbs.models import WbsOfficer, WhistleblowReport
from sizi.units import demo as units_demo

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent() -> None:
    out = io.StringIO()
    units_demo.load(stdout=out)
    demo.load(stdout=out)
    demo.load(stdout=out)
    assert WbsOfficer.objects.count() == 2
    assert WhistleblowReport.objects.count() == 1
    assert WhistleblowReport.objects.get().messages.count() == 1
    assert "penangan.wbs" in out.getvalue()
