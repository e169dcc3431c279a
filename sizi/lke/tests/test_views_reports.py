"""The reading pages: score, roll-up, coverage and the dashboard panel."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sizi.lke import services
from sizi.lke.models import (
    Assessment,
    Question,
)
from sizi.lke.services import rollup
from sizi.lke.tests.arrange import answer, answer_all, approve_and_submit, q, url
from sizi.units.models import Unit
from sizi.units.tests.factories import MembershipFactory, UnitFactory, UserFactory


def _submitted(assessment: Assessment, alice) -> Assessment:
    answer_all(assessment, alice)
    approve_and_submit(assessment, alice)
    return assessment


def test_score_page_shows_totals_eligibility_and_rules(client, assessment, alice):
    answer_all(assessment, alice)
    client.force_login(alice)

    response = client.get(url("score"))

    assert response.status_code == 200
    assert "Nilai total" in response.text
    assert "Menuju WBK" in response.text
    assert (
        "dari minimal" in response.text
    )  # a failed condition with its gap (Hasil empty)
    assert "Pembulatan" in response.text


def test_rollup_lists_units_below_with_scores(client, assessment, alice, rina):
    answer(assessment, q(assessment, "P.1.i.a"), alice, value="ya")
    client.force_login(rina)

    response = client.get(reverse("lke:rollup", args=["kpu-jambi"]), {"year": 2025})

    assert response.status_code == 200
    names = [r.unit.code for r in response.context["rows"]]
    assert names == ["kpu-tanjabbar", "kpu-tanjabtim"]
    assert response.context["rows"][0].scores["self"].answered == 1


def test_rollup_is_refused_to_a_coordinator(client, assessment, alice):
    client.force_login(alice)

    assert client.get(reverse("lke:rollup", args=["kpu-tanjabbar"])).status_code == 403


def _rollup_queries(client, code: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert (
            client.get(reverse("lke:rollup", args=[code]), {"year": 2025}).status_code
            == 200
        )
    return len(ctx.captured_queries)


def test_rollup_query_count_does_not_grow_with_units(
    client, instrument, tree, alice, tia
):
    services.start_assessment(unit=tree["tanjabbar"], year=2025, by=alice)
    client.force_login(tia)
    few = _rollup_queries(client, "kpu-ri")

    level = tree["tanjabbar"].level
    for i in range(20):
        unit: Unit = UnitFactory(code=f"kpu-x{i}", level=level, parent=tree["jambi"])
        coordinator = UserFactory()
        MembershipFactory(user=coordinator, unit=unit, role="coordinator")
        started = services.start_assessment(unit=unit, year=2025, by=coordinator)
        answer(started, Question.objects.get(code="P.1.i.a"), coordinator, value="ya")
    many = _rollup_queries(client, "kpu-ri")

    assert many == few


def test_dashboard_panel_summarises_the_latest_assessment(
    client, assessment, alice, charlie
):
    answer(assessment, q(assessment, "P.1.i.a"), alice, value="ya")
    client.force_login(alice)

    response = client.get(reverse("lke:dashboard_panel", args=["kpu-tanjabbar"]))

    assert response.status_code == 200
    assert response.context["progress"] == 1
    assert "LKE 2025" in response.text
    client.force_login(charlie)
    assert (
        client.get(reverse("lke:dashboard_panel", args=["kpu-tanjabbar"])).status_code
        == 404
    )


def test_rollup_sorts_by_total(client, assessment, alice, charlie, rina):
    other = services.start_assessment(
        unit=assessment.unit.parent.children.get(code="kpu-tanjabtim"),
        year=2025,
        by=charlie,
    )
    answer(assessment, q(assessment, "P.1.i.a"), alice, value="ya")
    answer(other, q(other, "P.1.i.a"), charlie, value="ya")
    answer(other, q(other, "P.1.i.b"), charlie, value="a")
    client.force_login(rina)

    response = client.get(
        reverse("lke:rollup", args=["kpu-jambi"]), {"year": 2025, "sort": "-total"}
    )

    assert [r.unit.code for r in response.context["rows"]] == [
        "kpu-tanjabtim",
        "kpu-tanjabbar",
    ]


def test_rollup_opens_on_the_latest_year_with_data(client, assessment, rina):
    client.force_login(rina)

    response = client.get(reverse("lke:rollup", args=["kpu-jambi"]))

    assert response.context["year"] == 2025
    assert "Menampilkan tahun penilaian <strong>2025</strong>" in response.text
    assert response.context["rows"][0].assessment == assessment
    assert 2025 in response.context["years"]
    assert '<option value="2025" selected>' in response.text


def test_rollup_keeps_the_chosen_empty_year_and_says_so(client, assessment, rina):
    client.force_login(rina)

    response = client.get(reverse("lke:rollup", args=["kpu-jambi"]), {"year": 2023})

    assert response.context["year"] == 2023
    assert "belum ada unit di bawah ini yang memulai LKE tahun ini" in response.text
    assert all(r.status_label == "Belum mulai" for r in response.context["rows"])


def test_score_page_wraps_every_table(client, assessment, alice):
    answer_all(assessment, alice)
    client.force_login(alice)

    text = client.get(url("score")).text

    assert text.count("<table") == text.count('<div class="table-wrap"><table')


def test_coverage_reports_are_collapsible_with_counts(client, assessment, alice):
    client.force_login(alice)

    text = client.get(url("coverage")).text

    assert '<div class="lke-reports">' in text
    assert re.search(
        r"<summary>Pertanyaan LKE tanpa langkah aksi \(\d+\)</summary>", text
    )
    assert text.count('<details class="card">') == 4


def test_submission_hint_only_for_the_unit_in_draft(client, assessment, alice, rina):
    hint = "hanya dapat diajukan bila semua pertanyaan terjawab"
    client.force_login(alice)
    assert hint in client.get(url("score")).text

    _submitted(assessment, alice)

    assert hint not in client.get(url("score")).text
    client.force_login(rina)
    assert hint not in client.get(url("score")).text


def test_coverage_badges_say_kemiripan_and_areas_fold(
    client, assessment, alice, seed_decree_path
):
    import hashlib

    from django.utils.html import escape

    from sizi.lke.services import coverage
    from sizi.plans.importing import parse_decree
    from sizi.plans.services import import_plan

    data = seed_decree_path.read_bytes()
    import_plan(
        parse_decree(data, seed_decree_path.name, year=2025),
        unit=assessment.unit,
        year=2025,
        by=alice,
        filename=seed_decree_path.name,
        sha256=hashlib.sha256(data).hexdigest(),
    )
    coverage.suggest_links(assessment, by=alice)
    client.force_login(alice)

    response = client.get(url("coverage"))
    text = response.text

    title = escape(q(assessment, "P.1.i.a").text)
    assert re.search(rf'title="{re.escape(title)}">P\.1\.i\.a · usulan', text)
    groups = response.context["indicator_groups"]
    assert sum(len(g.rows) for g in groups) == len(coverage.plan_indicators(assessment))
    assert len({g.label for g in groups}) == len(groups)
    assert text.count('<details class="lke-area-links">') == len(groups)


def test_rollup_shows_fifty_units_a_page_and_keeps_the_sort(
    client, instrument, tree, alice, tia
):
    begun = services.start_assessment(unit=tree["tanjabbar"], year=2025, by=alice)
    answer(begun, Question.objects.get(code="P.1.i.a"), alice, value="ya")
    level = tree["tanjabbar"].level
    for i in range(60):
        UnitFactory(code=f"kpu-y{i:02d}", level=level, parent=tree["jambi"])
    client.force_login(tia)
    path = reverse("lke:rollup", args=["kpu-ri"])

    first = client.get(path, {"year": 2025, "sort": "-progress"})
    second = client.get(path, {"year": 2025, "sort": "-progress", "page": 2})

    total = first.context["page"].paginator.count
    assert total > 60
    assert first.text.count('<th scope="row">') == 50
    assert second.text.count('<th scope="row">') == total - 50
    assert "sort=-progress&amp;page=2" in first.text
    assert "Halaman 1 dari 2" in first.text
    # The started unit sorts first and its count covers every page.
    started = reverse("lke:score", args=["kpu-tanjabbar", 2025])
    assert started in first.text
    assert started not in second.text
    assert f"{total} unit · 1 sudah memulai" in first.text


def test_rollup_sorts_in_the_database_as_the_rows_read(client, instrument, tree, tia):
    """Every sort of the page gives the order of the rows' own values."""
    level = tree["tanjabbar"].level
    plans = [
        {},
        {"P.1.i.a": "ya"},
        {"P.1.i.a": "tidak"},
        {"P.1.i.a": "ya", "P.1.i.b": "a"},
        {"P.1.i.a": "tidak", "P.1.i.b": "a"},
        {"P.1.i.a": "ya"},  # ties with kpu-s1: the path decides
    ]
    for i in range(7):
        unit: Unit = UnitFactory(code=f"kpu-s{i}", level=level, parent=tree["jambi"])
        if i == 6:
            continue  # one unit has not started
        coordinator = UserFactory()
        MembershipFactory(user=coordinator, unit=unit, role="coordinator")
        started = services.start_assessment(unit=unit, year=2025, by=coordinator)
        for code, value in plans[i].items():
            answer(started, Question.objects.get(code=code), coordinator, value=value)
    keys = {
        "unit": lambda r: r.unit.path,
        "total": lambda r: (r.total, r.unit.path),
        "progress": lambda r: (r.progress, r.unit.path),
        "status": lambda r: (r.status_label, r.unit.path),
    }
    everyone = rollup.rollup_rows_for(
        list(Unit.objects.subtree_of(tree["ri"]).exclude(pk=tree["ri"].pk)), 2025
    )
    assert len({r.total for r in everyone}) >= 3
    for sort in ["unit", "total", "-total", "progress", "-progress", "status"]:
        expected = sorted(everyone, key=keys[sort.lstrip("-")])
        if sort.startswith("-"):
            expected.reverse()
        page = rollup.rollup_page(tree["ri"], 2025, sort, 1, per_page=100)
        assert [r.unit.code for r in page.rows] == [r.unit.code for r in expected], sort
    first = rollup.rollup_page(tree["ri"], 2025, "-total", 1, per_page=3)
    assert (first.unit_count, first.started, len(first.rows)) == (len(everyone), 6, 3)
    assert first.page.paginator.num_pages == -(-len(everyone) // 3)


def test_rollup_pages_with_the_same_queries_at_any_page(
    client, instrument, tree, alice, tia, django_assert_max_num_queries
):
    services.start_assessment(unit=tree["tanjabbar"], year=2025, by=alice)
    level = tree["tanjabbar"].level
    for i in range(120):
        UnitFactory(code=f"kpu-z{i:03d}", level=level, parent=tree["jambi"])
    client.force_login(tia)
    path = reverse("lke:rollup", args=["kpu-ri"])
    first = _rollup_queries(client, "kpu-ri")
    with django_assert_max_num_queries(first):
        last = client.get(path, {"year": 2025, "sort": "-total", "page": 3})
    assert last.context["page"].number == 3
    assert len(last.context["rows"]) == last.context["unit_count"] - 100
