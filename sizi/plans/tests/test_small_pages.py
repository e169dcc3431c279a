"""Pages that stay small: the step picker, and the tree, timeline and schedule pages."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sizi.plans.models import ActionStep
from sizi.plans.tests.factories import build_plan

pytestmark = pytest.mark.django_db
CODE = "kpu-tanjabbar"


def _search(client, **params: str):
    return client.get(reverse("plans:step_search", args=[CODE]), params)


def test_search_renders_only_matches_as_boxes_of_the_field(client, vera, seed_plan):
    step = ActionStep.objects.for_plan(seed_plan).order_by("pk").first()
    ActionStep.objects.filter(pk=step.pk).update(text="Pencanangan zona integritas")
    client.force_login(vera)
    html = _search(client, field="steps", steps__cari="pencanangan zona").text
    assert html.count('type="checkbox" name="steps"') == 1
    assert f'value="{step.pk}"' in html
    radios = _search(client, field="step", multiple="0", step__cari="pencanangan")
    assert 'type="radio" name="step"' in radios.text
    assert "name=" not in _search(client, field="steps", steps__cari="").text
    nothing = _search(client, field="steps", steps__cari="xyzzy").text
    assert "Tidak ada langkah aksi yang memuat «xyzzy»" in nothing


def test_search_stops_at_twenty_and_keeps_queries_flat(client, vera, tree, alice):
    client.force_login(vera)
    build_plan(tree["tanjabbar"], year=2025, steps=2)
    with CaptureQueriesContext(connection) as few:
        small = _search(client, field="steps", steps__cari="langkah")
    build_plan(tree["tanjabbar"], year=2026, steps=40)
    with CaptureQueriesContext(connection) as many:
        large = _search(client, field="steps", steps__cari="langkah")
    assert len(many.captured_queries) == len(few.captured_queries)
    assert small.text.count('name="steps"') == 2
    assert large.text.count('name="steps"') == 20
    assert "Menampilkan 20 hasil pertama" in large.text
    year_only = _search(client, field="steps", steps__cari="langkah", tahun="2025")
    assert "2026 ·" not in year_only.text


def test_search_is_scoped_and_checks_its_parameters(client, charlie, vera, seed_plan):
    client.force_login(charlie)
    assert _search(client, field="steps", steps__cari="a").status_code == 404
    client.force_login(vera)
    assert _search(client, field='x" onmouseover="1', q="a").status_code == 404
    assert _search(client, field="steps", tahun="dua").status_code == 404


def _tree(client, year: int, **params: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("plans:plan_detail", args=[CODE, year]), params)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_the_plan_tree_shows_eighty_indicators_a_page(client, vera, tree):
    client.force_login(vera)
    build_plan(tree["tanjabbar"], year=2025, steps=10)
    build_plan(tree["tanjabbar"], year=2026, steps=100)
    few_queries, few = _tree(client, 2025)
    many_queries, many = _tree(client, 2026)
    _, second = _tree(client, 2026, page="2")
    assert many_queries == few_queries
    assert few.count('class="indicator-text"') == 10
    assert many.count('class="indicator-text"') == 80
    assert second.count('class="indicator-text"') == 20
    assert "Halaman 1 dari 2" in many
    assert "Indikator 81–100 dari 100." in second


def test_the_timeline_pages_like_the_tree(client, vera, tree):
    client.force_login(vera)
    build_plan(tree["tanjabbar"], year=2025, steps=10)
    build_plan(tree["tanjabbar"], year=2026, steps=100)

    def timeline(year: int, **params: str) -> tuple[int, str]:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(
                reverse("plans:plan_timeline", args=[CODE, year]), params
            )
        return len(ctx.captured_queries), response.content.decode()

    few_queries, few = timeline(2025)
    many_queries, many = timeline(2026)
    _, second = timeline(2026, page="2")
    assert many_queries == few_queries
    assert "Halaman 1 dari 2" in many
    assert "Indikator 81–100 dari 100." in second
    assert "Halaman" not in few


def test_the_schedule_shows_fifty_late_steps_and_links_to_the_rest(client, vera, tree):
    client.force_login(vera)
    build_plan(tree["tanjabbar"], year=2020, steps=60)
    response = client.get(reverse("plans:plan_schedule", args=[CODE, 2020]))
    html = response.content.decode()
    assert "50 pertama dari 60." in html
    assert "?status=late" in html
    assert len(response.context["lists"]["late"]) == 50
    assert response.context["counts"]["late"] == 60


LONG_STEP = (
    "Menyusun dan menetapkan rencana kerja pembangunan zona integritas yang memuat "
    "target, jadwal, penanggung jawab dan bukti fisik setiap kegiatan secara lengkap"
)


def test_search_groups_matches_by_area_then_komponen_with_full_labels(
    client, vera, seed_plan
):
    steps = list(
        ActionStep.objects.for_plan(seed_plan)
        .select_related("indicator__component__area")
        .order_by("indicator__component__area__order", "indicator__component__order")
    )
    first, last = steps[0], steps[-1]
    ActionStep.objects.filter(pk__in=[first.pk, last.pk]).update(
        text=LONG_STEP + " zonaku"
    )
    client.force_login(vera)
    html = _search(client, field="steps", steps__cari="zonaku").text
    full = f'<span class="step-text">{LONG_STEP} zonaku</span>'
    assert html.count(full) == 2  # the full text, never cut
    assert "…" not in html
    for step in (first, last):
        component = step.indicator.component
        area = component.area
        code = f"{area.numeral}.{component.number.rstrip('.')}"
        area_heading = f"{seed_plan.year} · {area.numeral}. {area.title}"
        assert f'<p class="step-group-heading">{area_heading}</p>' in html
        assert f'<p class="step-komponen-heading">{code} {component.name}</p>' in html
        assert f'<span class="step-code">{code}</span>' in html
    first_area = first.indicator.component.area
    last_area = last.indicator.component.area
    assert first_area.pk != last_area.pk
    assert html.index(f"· {first_area.numeral}. ") < html.index(
        f"· {last_area.numeral}. "
    )
    assert html.count('class="step-group"') == 2
