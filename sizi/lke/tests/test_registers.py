"""The LKE reads SIZI's surveys and registers: suggestions, adopted in one action."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from sizi.cases.tests.channel_fixtures import file_complaint
from sizi.core.models import AuditEvent
from sizi.integrity.models import WealthReportCompliance
from sizi.integrity.services import wealth
from sizi.lke import services as lke_services
from sizi.lke.models import Answer, Question, ResultInput
from sizi.lke.services import registers
from sizi.surveys import services as survey_services
from sizi.surveys.instruments.loading import ensure_instruments
from sizi.surveys.models import Response, SurveyInstrument, SurveyPeriod
from sizi.surveys.tests.conftest import filled, make_period

pytestmark = pytest.mark.django_db
Category = WealthReportCompliance.Category


def _closed_ipak(unit, by, *, respondents: int, value: int = 3) -> SurveyPeriod:
    ensure_instruments()
    period = make_period(
        unit, SurveyInstrument.objects.get(code="ipak"), by, year=2025, population=None
    )
    for _ in range(respondents):
        survey_services.record_response(
            period, filled(period, value), channel=Response.Channel.PAPER, by=by
        )
    survey_services.close_period(period, by=by)
    return period


def test_a_closed_ipak_period_fills_the_hasil_inputs_with_its_source(
    client, assessment, alice
):
    unit = assessment.unit
    _closed_ipak(unit, alice, respondents=30)
    [suggestion] = registers.hasil_suggestions(assessment)
    assert (suggestion.field, suggestion.value, suggestion.warning) == (
        "ipak",
        Decimal("3.00"),
        "",
    )
    client.force_login(alice)
    page = client.get(reverse("lke:results", args=[unit.code, 2025])).content.decode()
    assert "Pakai nilai survei untuk lapisan" in page

    client.post(reverse("lke:results_from_surveys", args=[unit.code, 2025]))

    row = ResultInput.objects.get(assessment=assessment, layer="self")
    assert row.ipak == Decimal("3.00")
    assert "Survei IPAK SIZI" in row.ipak_source
    assert row.ipkp is None
    assert AuditEvent.objects.filter(action="lke.results_saved").count() == 1


def test_a_survey_below_the_minimum_sample_warns(assessment, alice):
    _closed_ipak(assessment.unit, alice, respondents=5)
    [suggestion] = registers.hasil_suggestions(assessment)
    assert suggestion.warning != ""


def test_the_complaint_recap_answers_r5ii(client, tree, instrument, alice):
    unit = tree["tanjabbar"]
    year = timezone.localdate().year  # complaints are received today
    assessment = lke_services.start_assessment(unit=unit, year=year, by=alice)
    for _ in range(3):
        file_complaint(unit)
    code = "R.5.ii.-"
    suggestion = registers.answer_suggestions(assessment)[code]
    assert suggestion.inputs["pengaduan_harus"] == 3
    client.force_login(alice)
    question = Question.objects.get(instrument=assessment.instrument, code=code)
    area = question.sub_area.area.code
    page = client.get(reverse("lke:answer_area", args=[unit.code, year, area]))
    assert f'id="saran-{code}"' in page.content.decode()

    response = client.post(
        reverse("lke:answer_from_register", args=[unit.code, year, code])
    )

    assert response.status_code == 302
    answer = Answer.objects.get(assessment=assessment, question=question, layer="self")
    assert answer.inputs == suggestion.inputs
    assert answer.note.startswith("Diisi dari Rekap pengaduan masyarakat SIZI")


def test_the_wealth_register_gives_r5iii_by_category(assessment, alice, bob, lena):
    unit = assessment.unit
    wealth.add_members(unit, 2025, by=alice)
    rows = {r.user_id: r for r in WealthReportCompliance.objects.filter(unit=unit)}
    wealth.update_entry(
        rows[lena.pk],
        by=alice,
        obligation=WealthReportCompliance.Obligation.LHKPN,
        category=Category.HEAD,
        reported_on=date(2025, 3, 1),
        receipt_number="LHKPN-1",
    )
    wealth.update_entry(
        rows[bob.pk],
        by=alice,
        obligation=WealthReportCompliance.Obligation.LHKASN,
        category=Category.STAFF,
    )
    suggestions = registers.answer_suggestions(assessment)
    assert suggestions["R.5.iii.a"].inputs == {
        "kepala_satker": 1,
        "pejabat_wajib": 0,
        "lainnya": 0,
        "sudah_melapor": 1,
    }
    assert suggestions["R.5.iii.b"].inputs["fungsional_pelaksana"] >= 1
    assert suggestions["R.5.iii.b"].inputs["sudah_melapor"] == 0


def test_skm_periods_suggest_p6iva_and_other_units_see_nothing(
    client, assessment, charlie
):
    assert registers.answer_suggestions(assessment)["P.6.iv.a"].value == "e"
    client.force_login(charlie)
    unit = assessment.unit.code
    for url in (
        reverse("lke:results_from_surveys", args=[unit, 2025]),
        reverse("lke:answer_from_register", args=[unit, 2025, "R.5.ii.-"]),
    ):
        assert client.post(url).status_code == 404
    assert not ResultInput.objects.exists()


def test_a_viewer_cannot_adopt(client, assessment, vera):
    client.force_login(vera)
    url = reverse("lke:results_from_surveys", args=[assessment.unit.code, 2025])
    assert client.post(url).status_code == 403


def test_readiness_names_the_registers_that_could_close_a_gap(assessment):
    pages = registers.register_pages(
        assessment.unit, ["P.6.iv.a", "R.5.ii.-", "P.5.ii.b", "A.1.i.a"]
    )
    unit = assessment.unit.code
    assert [p.url for p in pages["P.6.iv.a"]] == [
        reverse("surveys:period_list", args=[unit])
    ]
    assert [p.url for p in pages["R.5.ii.-"]] == [
        reverse("cases:complaint_list", args=[unit])
    ]
    assert pages["P.5.ii.b"][0].title == "Register risiko SPIP"
    assert "A.1.i.a" not in pages


def test_the_score_page_shows_the_register_column(client, assessment, alice):
    client.force_login(alice)
    html = client.get(
        reverse("lke:score", args=[assessment.unit.code, 2025])
    ).content.decode()
    assert "Register SIZI yang dapat menutupnya" in html


def test_areas_without_such_questions_ask_the_registers_nothing(
    assessment, django_assert_num_queries
):
    with django_assert_num_queries(0):
        assert registers.answer_suggestions_for(assessment, {"P.1.i.a"}) == []
    [only] = registers.answer_suggestions_for(assessment, {"P.6.iv.a", "P.1.i.a"})
    assert only.question == "P.6.iv.a"
