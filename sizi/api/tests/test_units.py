"""Units through the API: the visible ones only; another unit is a 404."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_list_holds_only_visible_units_with_roles(api_as, bob, charlie) -> None:
    response = api_as(bob).get("/units")

    assert response.status_code == 200
    assert [(u["code"], u["roles"]) for u in response.json()] == [
        ("kpu-tanjabbar", ["team"])
    ]


def test_a_reviewer_sees_the_units_below_with_inherited_roles(api_as, rina) -> None:
    codes = {u["code"]: u["roles"] for u in api_as(rina).get("/units").json()}

    assert codes == {
        "kpu-jambi": ["reviewer"],
        "kpu-tanjabbar": ["reviewer@induk"],
        "kpu-tanjabtim": ["reviewer@induk"],
    }


def test_own_unit_is_200_with_rights(api_as, alice, plan) -> None:
    response = api_as(alice).get("/units/kpu-tanjabbar")

    assert response.status_code == 200
    body = response.json()
    assert body["rights"]["can_manage"] is True
    assert body["plan_years"] == [2026]


@pytest.mark.parametrize("code", ["kpu-tanjabtim", "tidak-ada"])
def test_another_or_missing_unit_is_404(api_as, bob, charlie, code) -> None:
    response = api_as(bob).get(f"/units/{code}")

    assert response.status_code == 404
    assert response.json() == {"detail": "Unit tidak ditemukan."}


def test_the_list_costs_the_same_queries_whatever_the_units(
    api_as, admin, tree, django_assert_max_num_queries
) -> None:
    from sizi.units.tests.factories import UnitFactory

    client = api_as(admin)
    with django_assert_max_num_queries(6) as few:
        client.get("/units")
    for n in range(10):
        UnitFactory(code=f"extra-{n}", parent=tree["jambi"], level=tree["jambi"].level)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get("/units").json()) == 14
