"""Reading a plan: the tree's markup and week note, the timeline and schedule tables."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
CODE = "kpu-tanjabbar"


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
