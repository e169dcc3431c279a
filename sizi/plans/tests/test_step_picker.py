"""The step picker: forms render only chosen steps; matches come from a search."""

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
