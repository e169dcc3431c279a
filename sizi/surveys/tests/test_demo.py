"""The demo surveys load once, close the finished periods and feed the LKE."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from sizi.surveys import demo, lke_inputs
from sizi.surveys.models import Response, SurveyPeriod
from sizi.units import demo as units_demo
from sizi.units.models import Unit

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_feeds_the_lke() -> None:
    units_demo.load(stdout=StringIO())
    out = StringIO()
    demo.load(stdout=out)
    assert "5 periode baru" in out.getvalue()
    counts = (SurveyPeriod.objects.count(), Response.objects.count())
    demo.load(stdout=out)
    assert (
        (SurveyPeriod.objects.count(), Response.objects.count()) == counts == (5, 202)
    )
    unit = Unit.objects.get(code="kpu-tanjabbar")
    hasil = lke_inputs.hasil_inputs(unit, 2025)
    ipak, ipkp = hasil["H1.a"], hasil["H2.a"]
    assert ipak is not None and ipak.minimum_reached and 3 <= ipak.value <= 4
    assert ipkp is not None and ipkp.minimum_reached
    assert lke_inputs.skm_frequency(unit, 2025).letter == "d"
    assert Response.objects.filter(is_suspicious=True).exists()


def test_survey_results_command_on_the_demo() -> None:
    units_demo.load(stdout=StringIO())
    demo.load(stdout=StringIO())
    out = StringIO()
    call_command(
        "survey_results",
        "--unit",
        "kpu-tanjabbar",
        "--instrument",
        "ipak",
        "--year",
        "2025",
        stdout=out,
    )
    assert (
        "Survei Persepsi Anti Korupsi 2025" in out.getvalue()
        and "LKE H1.a: Survei IPAK SIZI" in out.getvalue()
    )
