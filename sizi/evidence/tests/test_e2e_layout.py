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
    # The area select and the step picker (search box + chosen steps) fit.
    for selector in ("select[name=area]", "input.step-picker-search"):
        box = page.locator(selector).bounding_box()
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

    # 74 steps, but only the chosen one is rendered; the search box finds others.
    boxes = page.locator("input[name=steps]")
    expect(boxes).to_have_count(1)
    search = page.locator("input.step-picker-search")
    search.fill("pencanangan")
    matches = page.locator(".step-picker-matches input[name=steps]")
    expect(matches).to_have_count(1)
    search.fill("keempat")  # a word of the area title
    expect(matches).to_have_count(14)
    search.press("Enter")  # does not submit the half-filled form
    matches.first.check()
    checked = "() => [...document.querySelectorAll('input[name=steps]:checked')].length"
    assert page.evaluate(checked) == 2
    assert page.locator("input[name=steps]:checked").first.get_attribute("value") == (
        str(step.pk)
    )
