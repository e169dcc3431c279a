"""The public questionnaire: no sign-in, one answer per device, nothing lost."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from sizi.surveys.forms import question_field
from sizi.surveys.models import Response, ServiceType, SurveyInstrument, SurveyPeriod
from sizi.surveys.tests.conftest import make_period
from sizi.surveys.views import public
from sizi.units.models import Unit, User

YEAR = timezone.localdate().year


@pytest.fixture(autouse=True)
def _fresh_limits() -> None:
    cache.clear()


@pytest.fixture
def live(
    tree: dict[str, Unit],
    instruments: dict[str, SurveyInstrument],
    layanan: list[ServiceType],
    alice: User,
) -> SurveyPeriod:
    """An SKM period of this year, open today."""
    return make_period(
        tree["tanjabbar"], instruments["skm"], alice, service_types=layanan, year=YEAR
    )


def _url(period: SurveyPeriod) -> str:
    return reverse("surveys:public_form", args=[period.public_token])


def _answers(period: SurveyPeriod, value: str = "3", **extra: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "layanan": str(period.service_types.order_by("pk").first().pk),  # type: ignore[union-attr]
        "gender": "P",
        "age_group": "30-39",
        "education": "s1",
        "occupation": "swasta",
        "saran": "Antrean lebih tertib",
        "situs_web": "",
    }
    for code in ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"]:
        data[question_field(code)] = value
    data.update(extra)
    return data


def test_form_opens_without_sign_in_with_fieldsets_and_labels(client, live):
    response = client.get(_url(live))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<fieldset") >= 9 + 4
    assert "<legend>" in html and "Sangat sesuai" in html
    assert 'class="hp-wrap" aria-hidden="true"' in html
    assert "csrfmiddlewaretoken" in html
    cookie = response.cookies[public.DEVICE_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["path"] == _url(live)


def test_answering_stores_one_response_and_thanks(client, live):
    client.get(_url(live))
    response = client.post(_url(live), _answers(live))
    assert response.status_code == 303
    assert response["Location"] == reverse(
        "surveys:public_thanks", args=[live.public_token]
    )
    stored = Response.objects.get(period=live)
    assert stored.channel == Response.Channel.ONLINE
    assert sorted(a.value for a in stored.answers.all()) == [3] * 9
    assert stored.suggestion == "Antrean lebih tertib"
    assert stored.device_token_hash
    thanks = client.get(response["Location"])
    assert "Terima kasih" in thanks.content.decode()


def test_a_second_answer_from_the_same_browser_is_told_kindly(client, live):
    client.get(_url(live))
    client.post(_url(live), _answers(live))
    again = client.get(_url(live))
    assert again.status_code == 200
    assert "Anda sudah mengisi survei ini" in again.content.decode()
    posted = client.post(_url(live), _answers(live, "4"))
    assert "Anda sudah mengisi survei ini" in posted.content.decode()
    assert Response.objects.filter(period=live).count() == 1


def test_missing_answers_show_the_form_again_with_everything_kept(client, live):
    data = _answers(live, "4")
    del data[question_field("U5")]
    response = client.post(_url(live), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Jawaban belum terkirim" in html
    assert "Produk Spesifikasi Jenis Pelayanan: pilih salah satu jawaban." in html
    assert html.count("checked") >= 8 + 4  # eight unsur and the demographics kept
    assert "Antrean lebih tertib" in html
    assert not Response.objects.exists()


def test_the_honeypot_refuses_a_bot_without_storing(client, live):
    response = client.post(_url(live), _answers(live, situs_web="http://spam"))
    assert response.status_code == 400
    assert "Formulir tidak dapat dikirim" in response.content.decode()
    assert not Response.objects.exists()


def test_rate_limit_per_client_keeps_the_answers(client, live, monkeypatch):
    from sizi.core.ratelimit import Limit

    monkeypatch.setattr(public, "CLIENT_LIMIT", Limit(1, 3600))
    client.post(_url(live), _answers(live, "2"))
    other = client.__class__()  # another browser behind the same address
    response = other.post(_url(live), _answers(live, "4"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "Terlalu banyak kiriman" in html
    assert html.count("checked") >= 9
    assert Response.objects.filter(period=live).count() == 1


def test_draft_period_is_not_found(client, tree, instruments, layanan, alice):
    draft = make_period(
        tree["tanjabbar"],
        instruments["skm"],
        alice,
        service_types=layanan,
        year=YEAR,
        status=SurveyPeriod.Status.DRAFT,
    )
    assert client.get(_url(draft)).status_code == 404
    assert client.post(_url(draft), _answers(draft)).status_code == 404
    assert not Response.objects.exists()


def test_closed_period_takes_no_answers(client, live, alice):
    from sizi.surveys import services

    services.close_period(live, by=alice)
    page = client.get(_url(live))
    assert page.status_code == 410
    assert "Survei sudah ditutup" in page.content.decode()
    assert client.post(_url(live), _answers(live)).status_code == 410
    assert not Response.objects.exists()


def test_unknown_token_is_not_found(client, live):
    assert client.get("/s/tidak-ada-token-ini/").status_code == 404


def test_a_period_not_yet_started_says_when_it_opens(
    client, tree, instruments, layanan, alice
):
    from sizi.surveys import services

    later = make_period(
        tree["tanjabbar"], instruments["skm"], alice, service_types=layanan, year=YEAR
    )
    start = timezone.localdate().replace(month=12, day=31)
    if timezone.localdate() == start:
        pytest.skip("today is the last day of the year")
    services.update_period(
        later,
        values=services.PeriodValues(
            title=later.title,
            starts_on=start,
            ends_on=start,
            service_types=layanan,
        ),
        by=alice,
    )
    response = client.get(_url(later))
    assert response.status_code == 403
    assert "31 Desember" in response.content.decode()
