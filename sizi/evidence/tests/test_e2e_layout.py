"""Browser checks of the layout: phone width, long step lists, checkboxes."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from sizi.plans.models import ActionPlan, ActionStep, Area, Component, Indicator

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LONG = (
    "Melaksanakan monitoring dan evaluasi atas pelaksanaan rencana kerja "
    "pembangunan zona integritas secara berkala beserta tindak lanjutnya"
)


@pytest.fixture
def big_plan(tree) -> ActionPlan:
    """A plan like the decree's: 6 areas, 74 steps with long texts."""
    plan = ActionPlan.objects.create(unit=tree["tanjabbar"], year=2026)
    numerals = ["I", "II", "III", "IV", "V", "VI"]
    words = ["Pertama", "Kedua", "Ketiga", "Keempat", "Kelima", "Keenam"]
    count = 0
    for a, numeral in enumerate(numerals, start=1):
        area = Area.objects.create(
            plan=plan,
            numeral=numeral,
            title=f"Penguatan Akuntabilitas dan Pengawasan Kinerja {words[a - 1]}",
            lke_area="MP",
            order=a,
        )
        for c in range(1, 3):
            component = Component.objects.create(
                area=area, number=str(c), name=f"Komponen panjang nomor {c}", order=c
            )
            indicator = Indicator.objects.create(
                component=component, text=f"Indikator {a}.{c}", order=1
            )
            for s in range(1, 8):
                if count == 74:
                    break
                count += 1
                ActionStep.objects.create(
                    indicator=indicator, text=f"{LONG} ({count})", order=s
                )
    return plan


def test_list_fits_a_phone_screen(page, login, live_server, alice, big_plan) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "alice")
    page.goto(f"{live_server.url}/u/kpu-tanjabbar/bukti/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    for name in ("area", "step"):
        box = page.locator(f"select[name={name}]").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390


def test_upload_form_layout_and_step_filter(
    page, login, live_server, bob, big_plan
) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, "bob")
    step = ActionStep.objects.get(text__endswith="(40)")
    ActionStep.objects.filter(text__endswith="(41)").update(
        text="Pencanangan pembangunan zona integritas"
    )
    page.goto(f"{live_server.url}/u/kpu-tanjabbar/bukti/unggah/?langkah={step.pk}")
    expect(page.locator("#preselected-steps")).to_contain_text("(40)")

    # The form starts where the heading starts (not centred in a column).
    heading = page.get_by_role("heading", name="Unggah bukti fisik").bounding_box()
    form = page.locator("form.evidence-form").bounding_box()
    assert abs(form["x"] - heading["x"]) < 2

    # The checkbox sits left of its label, on the same line.
    box = page.locator("input[name=submit]").bounding_box()
    label = page.locator("label[for=id_submit]").bounding_box()
    assert box["x"] + box["width"] <= label["x"]
    assert abs((box["y"] + box["height"] / 2) - (label["y"] + label["height"] / 2)) < 6

    # 74 steps in area/komponen groups; the search box narrows them.
    select = page.locator("select[name=steps]")
    assert select.locator("option").count() == 74
    assert select.locator("optgroup").count() == 11
    visible = "(s) => [...s.options].filter(o => !o.hidden).length"
    page.locator("input.step-filter").fill("pencanangan")
    assert select.evaluate(visible) == 2  # the match and the preselected step
    page.locator("input.step-filter").fill("keempat")  # a word of the area title
    assert select.evaluate(visible) == 14 + 1
    hidden_groups = (
        "(s) => [...s.querySelectorAll('optgroup')].filter(g => g.hidden).length"
    )
    assert select.evaluate(hidden_groups) == 11 - 3
    page.locator("input.step-filter").fill("")
    assert select.evaluate(visible) == 74
    assert select.evaluate("(s) => [...s.selectedOptions].map(o => o.value)") == [
        str(step.pk)
    ]
