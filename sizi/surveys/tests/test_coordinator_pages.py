"""Coordinator pages: periods, layanan and questions, paper entry."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from sizi.surveys.models import Response, ServiceType, SurveyPeriod, UnitQuestion
from sizi.surveys.tests.conftest import make_period
from sizi.units.models import Unit

YEAR = timezone.localdate().year
CODE = "kpu-tanjabbar"


def _url(name: str, *args: object) -> str:
    return reverse(f"surveys:{name}", args=[CODE, *args])


def test_coordinator_creates_a_period_with_layanan_and_sees_the_minimum(
    client, alice, instruments, layanan
):
    client.force_login(alice)
    response = client.post(
        _url("period_create"),
        {
            "instrument": "skm",
            "title": "SKM Semester I",
            "starts_on": f"{YEAR}-01-01",
            "ends_on": f"{YEAR}-06-30",
            "population": "1.200",
            "service_types": [layanan[0].pk, layanan[1].pk],
        },
    )
    period = SurveyPeriod.objects.get(title="SKM Semester I")
    assert response.status_code == 302
    assert response["Location"] == _url("period_detail", period.pk)
    assert period.population == 1200
    assert period.status == SurveyPeriod.Status.DRAFT
    assert set(period.service_types.all()) == set(layanan)
    page = client.get(response["Location"]).content.decode()
    assert "Minimum Krejcie-Morgan" in page
    assert "291 responden" in page  # N = 1200 → 291 (Krejcie & Morgan 1970)
    assert "Layanan informasi publik" in page


def test_ipak_period_shows_the_thirty_respondent_minimum(
    client, alice, tree, instruments
):
    period = make_period(
        tree["tanjabbar"], instruments["ipak"], alice, population=None, year=YEAR
    )
    client.force_login(alice)
    page = client.get(_url("period_detail", period.pk)).content.decode()
    assert "30 responden" in page
    assert "isi populasi N" in page


def test_period_form_errors_are_shown_and_nothing_saved(client, alice, instruments):
    client.force_login(alice)
    response = client.post(
        _url("period_create"),
        {
            "instrument": "skm",
            "title": "Salah",
            "starts_on": f"{YEAR}-06-01",
            "ends_on": f"{YEAR}-01-01",
            "population": "dua ratus",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "dua ratus" in html and "bukan angka" in html
    assert not SurveyPeriod.objects.exists()


def test_open_close_publish_and_reopen(client, alice, tree, instruments, layanan):
    period = make_period(
        tree["tanjabbar"],
        instruments["skm"],
        alice,
        service_types=layanan,
        year=YEAR,
        status=SurveyPeriod.Status.DRAFT,
    )
    client.force_login(alice)
    client.post(_url("period_open", period.pk))
    period.refresh_from_db()
    assert period.is_open
    client.post(_url("period_publish", period.pk))  # refused: not closed yet
    period.refresh_from_db()
    assert period.results_published_at is None
    client.post(_url("period_close", period.pk))
    client.post(_url("period_publish", period.pk))
    period.refresh_from_db()
    assert period.is_closed and period.results_published_at is not None
    client.post(_url("period_reopen", period.pk))
    period.refresh_from_db()
    assert period.is_open and period.results_published_at is None


def test_poster_is_a_pdf_with_the_short_link(client, alice, period):
    client.force_login(alice)
    response = client.get(_url("period_poster", period.pk))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_layanan_and_extra_questions_are_managed(client, alice, tree):
    client.force_login(alice)
    client.post(_url("service_type_add"), {"name": "Layanan PPID"})
    service = ServiceType.objects.get(name="Layanan PPID")
    client.post(_url("service_type_toggle", service.pk))
    service.refresh_from_db()
    assert not service.is_active
    client.post(
        _url("question_add"),
        {"text": "Bagaimana antreannya?", "kind": "choice", "options": "Tertib\nRamai"},
    )
    question = UnitQuestion.objects.get(text="Bagaimana antreannya?")
    assert question.options == ["Tertib", "Ramai"]
    refused = client.post(
        _url("question_add"), {"text": "Satu pilihan", "kind": "choice", "options": "A"}
    )
    assert refused.status_code == 400
    assert "paling sedikit dua pilihan" in refused.content.decode()
    page = client.get(_url("setup")).content.decode()
    assert "Layanan PPID" in page and "Bagaimana antreannya?" in page


def test_paper_entry_saves_a_row_and_names_the_wrong_digit(client, bob, period):
    client.force_login(bob)
    base = {
        "layanan": str(period.service_types.order_by("pk").first().pk),
        "gender": "L",
        "age_group": "20-29",
        "education": "sma",
        "occupation": "wirausaha",
    }
    saved = client.post(
        _url("paper_entry", period.pk), {**base, "answers": "343 344 332"}
    )
    assert saved.status_code == 302
    response = Response.objects.get(period=period)
    assert response.channel == Response.Channel.PAPER
    assert response.entered_by == bob
    assert {a.question: a.value for a in response.answers.all()}["U4"] == 3
    wrong = client.post(
        _url("paper_entry", period.pk), {**base, "answers": "343544332"}
    )
    assert wrong.status_code == 400
    html = wrong.content.decode()
    assert "Angka ke-4 (U4 Biaya/Tarif): &#x27;5&#x27; bukan 1–4." in html
    short = client.post(_url("paper_entry", period.pk), {**base, "answers": "3434"})
    assert "harus tepat 9" in short.content.decode()
    assert Response.objects.filter(period=period).count() == 1
    page = client.get(_url("paper_entry", period.pk)).content.decode()
    assert "343344332" in page


@pytest.mark.parametrize("extra", [0, 6])
def test_period_list_queries_do_not_grow(
    client, alice, tree, instruments, layanan, respond, django_assert_num_queries, extra
):
    unit: Unit = tree["tanjabbar"]
    for i in range(1 + extra):
        p = make_period(
            unit, instruments["skm"], alice, service_types=layanan, year=2020 + i
        )
        respond(p)
    client.force_login(alice)
    client.get(_url("period_list"))  # warm caches (instrument definitions)
    with django_assert_num_queries(6):
        response = client.get(_url("period_list"))
    assert response.status_code == 200
    assert response.content.decode().count("/survei/") >= 1 + extra


def test_populations_per_layanan_share_the_minimum(client, alice, instruments, layanan):
    client.force_login(alice)
    first, second = layanan
    client.post(
        _url("period_create"),
        {
            "instrument": "skm",
            "title": "SKM per layanan",
            "starts_on": f"{YEAR}-01-01",
            "ends_on": f"{YEAR}-12-31",
            "population": "1200",
            "service_types": [first.pk, second.pk],
            f"pop_{first.pk}": "900",
            f"pop_{second.pk}": "300",
        },
    )
    period = SurveyPeriod.objects.get(title="SKM per layanan")
    populations = dict(
        period.periodservice_set.values_list("service_type_id", "population")
    )
    assert populations == {first.pk: 900, second.pk: 300}
    html = client.get(_url("period_detail", period.pk)).content.decode()
    # 291 (N = 1200) shared 900 : 300, rounded up: 219 and 73.
    assert ">219<" in html and ">73<" in html
    edit = client.get(_url("period_edit", period.pk)).content.decode()
    assert 'value="900"' in edit
