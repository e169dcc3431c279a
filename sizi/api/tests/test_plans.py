"""Plans and steps through the API: the plan tree, one step, adding a realisation."""

from __future__ import annotations

from datetime import date

import pytest

from sizi.core.models import AuditEvent
from sizi.plans.models import Realisation

pytestmark = pytest.mark.django_db
PLAN = "/units/kpu-tanjabbar/plans/2026"


def step_url(step) -> str:
    return f"{PLAN}/steps/{step.pk}"


def test_the_plan_is_a_tree(api_as, vera, steps) -> None:
    response = api_as(vera).get(PLAN)

    assert response.status_code == 200
    areas = response.json()["areas"]
    assert [a["numeral"] for a in areas] == ["I", "II"]
    step_texts = [
        s["text"]
        for a in areas
        for c in a["components"]
        for i in c["indicators"]
        for s in i["steps"]
    ]
    assert step_texts == [s.text for s in steps]


def test_the_tree_costs_the_same_queries_with_more_steps(
    api_as, vera, steps, django_assert_max_num_queries
) -> None:
    from sizi.plans.models import ActionStep

    client = api_as(vera)
    with django_assert_max_num_queries(20) as first:
        client.get(PLAN)
    for n in range(10):
        ActionStep.objects.create(indicator=steps[0].indicator, text=f"Langkah {n}")
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(PLAN).status_code == 200


def test_another_units_plan_is_404(api_as, charlie, plan) -> None:
    assert api_as(charlie).get(PLAN).status_code == 404


def test_a_missing_year_is_404(api_as, bob, plan) -> None:
    response = api_as(bob).get("/units/kpu-tanjabbar/plans/2030")

    assert response.status_code == 404
    assert response.json()["detail"] == "Rencana aksi tidak ditemukan."


def test_a_year_out_of_bounds_is_422_in_indonesian(api_as, bob, plan) -> None:
    response = api_as(bob).get("/units/kpu-tanjabbar/plans/99999")

    assert response.status_code == 422
    assert response.json()["detail"].startswith("Isian tidak valid: year")


def test_one_step_with_its_realisations(api_as, alice, bob, steps) -> None:
    step = steps[0]
    step.owners.add(bob)
    Realisation.objects.create(
        step=step, description="Rapat", done_on=date(2026, 2, 1), by=bob
    )

    body = api_as(bob).get(step_url(step)).json()

    assert body["can_update"] is True
    assert [r["description"] for r in body["realisations"]] == ["Rapat"]
    assert [o["username"] for o in body["owners"]] == ["bob"]


def test_a_step_of_another_unit_through_own_url_is_404(api_as, charlie, steps) -> None:
    # charlie's own unit, tanjabbar's step id: not in charlie's plan.
    response = api_as(charlie).get(
        f"/units/kpu-tanjabtim/plans/2026/steps/{steps[0].pk}"
    )

    assert response.status_code == 404


REALISATION = {"description": "SK ditandatangani", "done_on": "2026-03-02"}


def test_the_pic_of_a_step_adds_a_realisation(api_as, bob, steps) -> None:
    step = steps[0]
    step.owners.add(bob)

    response = api_as(bob).post(f"{step_url(step)}/realisations", REALISATION)

    assert response.status_code == 201
    assert response.json()["description"] == "SK ditandatangani"
    step.refresh_from_db()
    assert step.status == "in_progress"
    assert AuditEvent.objects.filter(action="plans.realisation_added").count() == 1


@pytest.mark.parametrize("persona", ["bob", "vera"])
def test_without_the_right_it_is_403_and_nothing_is_written(
    request, api_as, steps, persona
) -> None:
    user = request.getfixturevalue(persona)  # bob does not own this step

    response = api_as(user).post(f"{step_url(steps[1])}/realisations", REALISATION)

    assert response.status_code == 403
    assert response.json()["detail"] == "Anda tidak memiliki hak untuk tindakan ini."
    assert not Realisation.objects.exists()
    assert not AuditEvent.objects.filter(action="plans.realisation_added").exists()


def test_another_unit_cannot_write_404(api_as, charlie, steps) -> None:
    response = api_as(charlie).post(f"{step_url(steps[0])}/realisations", REALISATION)

    assert response.status_code == 404
    assert not Realisation.objects.exists()


def test_the_form_refuses_what_the_page_refuses(api_as, alice, steps) -> None:
    response = api_as(alice).post(
        f"{step_url(steps[0])}/realisations",
        {"description": "   ", "done_on": "2026-03-02"},
    )

    assert response.status_code == 422
    assert "Yang dilakukan" in response.json()["detail"]
    assert not Realisation.objects.exists()
