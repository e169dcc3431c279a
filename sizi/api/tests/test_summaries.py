"""Survey and complaint summaries through the API: read-only, unit-scoped."""

from __future__ import annotations

import pytest
from django.utils import timezone

from sizi.cases.tests.channel_fixtures import file_complaint

pytestmark = pytest.mark.django_db


def test_a_year_of_surveys_lists_periods_and_lke_values(
    api_as, vera, period, respond
) -> None:
    respond(period, 4)

    body = api_as(vera).get("/units/kpu-tanjabbar/surveys/2025").json()

    assert [(p["id"], p["respondents"]) for p in body["periods"]] == [(period.pk, 1)]
    assert set(body["lke_values"]) == {"H1.a", "H2.a"}
    assert body["skm_frequency"]["letter"] == "e"  # the period is still open


def test_one_periods_results(api_as, vera, period, respond) -> None:
    for _ in range(3):
        respond(period, 4)

    body = api_as(vera).get(f"/units/kpu-tanjabbar/survey-periods/{period.pk}").json()

    assert body["respondents"] == 3
    assert body["index"] is not None
    assert len(body["items"]) == 9


def test_another_units_survey_is_404(api_as, charlie, period) -> None:
    client = api_as(charlie)

    assert client.get("/units/kpu-tanjabbar/surveys/2025").status_code == 404
    assert (
        client.get(f"/units/kpu-tanjabbar/survey-periods/{period.pk}").status_code
        == 404
    )
    assert (
        client.get(f"/units/kpu-tanjabtim/survey-periods/{period.pk}").status_code
        == 404
    )


def test_the_complaint_recap_counts_without_names(api_as, vera, tree) -> None:
    file_complaint(tree["tanjabbar"])
    year = timezone.localdate().year

    response = api_as(vera).get(f"/units/kpu-tanjabbar/complaints/{year}")

    body = response.json()
    assert (body["total"], body["must_follow_up"], body["followed_up"]) == (1, 1, 0)
    assert "Antrean" not in response.content.decode()


def test_another_units_recap_is_404(api_as, charlie, tree) -> None:
    year = timezone.localdate().year

    assert (
        api_as(charlie).get(f"/units/kpu-tanjabbar/complaints/{year}").status_code
        == 404
    )
