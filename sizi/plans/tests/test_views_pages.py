"""Reading a plan: the tree's markup and week note, the timeline and schedule tables."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sizi.core.tests.vocabulary import problems_in_page

pytestmark = pytest.mark.django_db
CODE = "kpu-tanjabbar"
# Written so in the signed seed decree; the plan shows the decree's words as signed.
DECREE_TYPOS = ("terhadap terhadap", "Kebutuhan Kebutuhan", "Pimpinan Pimpinan")


def test_plan_tree_has_no_emoji_prints_deadlines_and_one_week_note(
    client, alice, seed_plan
):
    client.force_login(alice)
    html = client.get(reverse("plans:plan_detail", args=[CODE, 2025])).content.decode()
    assert "🗓" not in html
    assert '<svg class="icon"' in html
    assert "Paling lambat November 2025" in html
    assert "s.d. 30 November 2025" in html
    markers = html.count('href="#catatan-minggu"')
    assert markers >= 2
    # Shown once as a footnote; each marker only carries it as a tooltip (title).
    assert html.count('id="catatan-minggu"') == 1
    assert html.count("Minggu ke-N suatu bulan") == 1 + markers
    assert 'class="table-wrap"' in html
    assert "---------" not in html


def test_tree_without_week_targets_has_no_week_note(client, alice, seed_plan):
    area = (
        seed_plan.areas.exclude(components__indicators__target_kind="week")
        .order_by("order")
        .first()
    )
    assert area is not None
    client.force_login(alice)
    url = reverse("plans:plan_detail", args=[CODE, 2025])
    html = client.get(url, {"area": area.pk}).content.decode()
    assert "Minggu ke-N suatu bulan" not in html
    assert 'id="catatan-minggu"' not in html


def test_timeline_and_schedule_tables_scroll_inside_a_wrapper(client, alice, seed_plan):
    client.force_login(alice)
    for name in ("plan_timeline", "plan_schedule"):
        html = client.get(reverse(f"plans:{name}", args=[CODE, 2025])).content.decode()
        assert html.count('class="table-wrap') >= html.count("<table"), name
        assert "---------" not in html


def test_plan_pages_read_in_one_vocabulary_and_date_style(
    client, alice, seed_plan, bob_step
):
    client.force_login(alice)
    pages = {
        name: reverse(f"plans:{name}", args=[CODE, 2025])
        for name in (
            "plan_detail",
            "plan_decree",
            "plan_schedule",
            "plan_timeline",
            "meeting_list",
        )
    }
    pages["step_detail"] = reverse("plans:step_detail", args=[CODE, 2025, bob_step.pk])
    pages["plan_import"] = reverse("plans:plan_import", args=[CODE])

    found = {
        name: problems_in_page(client.get(page).content.decode(), allow=DECREE_TYPOS)
        for name, page in pages.items()
    }

    assert {name: p for name, p in found.items() if p} == {}
