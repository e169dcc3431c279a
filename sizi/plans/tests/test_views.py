"""Pages of the plans app: who sees what, who may change what, and query counts."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sizi.plans.models import ActionPlan, ActionStep, Realisation
from sizi.plans.tests.factories import build_plan

pytestmark = pytest.mark.django_db
CODE = "kpu-tanjabbar"


def _read_urls(plan: ActionPlan, step: ActionStep) -> list[str]:
    y = plan.year
    return [
        reverse("plans:plan_index", args=[CODE]),
        reverse("plans:plan_latest", args=[CODE]),
        reverse("plans:dashboard_panel", args=[CODE]),
        reverse("plans:plan_detail", args=[CODE, y]),
        reverse("plans:plan_schedule", args=[CODE, y]),
        reverse("plans:plan_timeline", args=[CODE, y]),
        reverse("plans:meeting_list", args=[CODE, y]),
        reverse("plans:step_detail", args=[CODE, y, step.pk]),
        reverse("plans:plan_export", args=[CODE, y, "xlsx"]),
    ]


@pytest.mark.parametrize(
    "persona", ["alice", "bob", "vera", "lena", "rina", "tia", "admin"]
)
def test_everyone_who_sees_the_unit_reads_every_plan_page(
    client, request, bob_step, persona
):
    client.force_login(request.getfixturevalue(persona))
    for url in _read_urls(bob_step.indicator.component.area.plan, bob_step):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url


def test_charlie_of_another_unit_gets_404_everywhere(client, charlie, bob_step):
    client.force_login(charlie)
    plan = bob_step.indicator.component.area.plan
    urls = _read_urls(plan, bob_step) + [
        reverse("plans:plan_import", args=[CODE]),
        reverse("plans:indicator_edit", args=[CODE, 2025, bob_step.indicator_id]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    post = reverse("plans:step_update", args=[CODE, 2025, bob_step.pk])
    assert client.post(post, {"status": "done", "progress": 100}).status_code == 404
    bob_step.refresh_from_db()
    assert bob_step.status == "not_started"


def test_step_of_another_plan_is_not_found_through_this_unit(
    client, alice, charlie, tree, bob_step
):
    other = build_plan(tree["tanjabtim"], steps=1)
    other_step = ActionStep.objects.for_plan(other).get()
    client.force_login(alice)
    url = reverse("plans:step_detail", args=[CODE, 2025, other_step.pk])
    assert client.get(url).status_code == 404


def test_viewer_cannot_change_anything(client, vera, bob_step):
    client.force_login(vera)
    y = 2025
    posts = {
        reverse("plans:step_update", args=[CODE, y, bob_step.pk]): {
            "status": "done",
            "progress": 100,
        },
        reverse("plans:step_realisation", args=[CODE, y, bob_step.pk]): {
            "description": "x",
            "done_on": "2025-10-10",
        },
        reverse("plans:step_owners", args=[CODE, y, bob_step.pk]): {"owners": []},
        reverse("plans:step_edit", args=[CODE, y, bob_step.pk]): {"text": "diubah"},
        reverse("plans:step_delete", args=[CODE, y, bob_step.pk]): {},
        reverse("plans:meeting_list", args=[CODE, y]): {
            "held_on": "2025-11-01",
            "title": "x",
        },
        reverse("plans:plan_import", args=[CODE]): {},
    }
    for url, data in posts.items():
        assert client.post(url, data).status_code == 403, url
    assert client.get(reverse("plans:plan_import", args=[CODE])).status_code == 403
    bob_step.refresh_from_db()
    assert (
        bob_step.status,
        bob_step.text != "diubah",
        Realisation.objects.count(),
    ) == (
        "not_started",
        True,
        0,
    )


def test_reviewer_of_parent_reads_but_cannot_update(client, rina, bob_step):
    client.force_login(rina)
    url = reverse("plans:step_update", args=[CODE, 2025, bob_step.pk])
    assert client.post(url, {"status": "done", "progress": 100}).status_code == 403


def test_pic_updates_own_step_only(client, bob, bob_step):
    client.force_login(bob)
    other = (
        ActionStep.objects.for_plan(bob_step.indicator.component.area.plan)
        .exclude(pk=bob_step.pk)
        .first()
    )
    own_url = reverse("plans:step_update", args=[CODE, 2025, bob_step.pk])
    other_url = reverse("plans:step_update", args=[CODE, 2025, other.pk])
    assert (
        client.post(own_url, {"status": "in_progress", "progress": 50}).status_code
        == 302
    )
    assert (
        client.post(other_url, {"status": "done", "progress": 100}).status_code == 403
    )
    bob_step.refresh_from_db()
    other.refresh_from_db()
    assert (bob_step.status, bob_step.progress, other.status) == (
        "in_progress",
        50,
        "not_started",
    )
    response = client.post(
        reverse("plans:step_realisation", args=[CODE, 2025, bob_step.pk]),
        {
            "description": "Rapat dilaksanakan",
            "done_on": "2025-10-10",
            "note": "",
            "mark_done": "on",
        },
    )
    assert response.status_code == 302
    bob_step.refresh_from_db()
    assert bob_step.status == "done"
    assert Realisation.objects.get().by == bob
    # A PIC may not assign PICs.
    assert (
        client.post(
            reverse("plans:step_owners", args=[CODE, 2025, bob_step.pk]), {}
        ).status_code
        == 403
    )


def test_coordinator_assigns_pics_and_edits(client, alice, bob, bob_step):
    client.force_login(alice)
    url = reverse("plans:step_owners", args=[CODE, 2025, bob_step.pk])
    assert client.post(url, {"owners": [alice.pk, bob.pk]}).status_code == 302
    assert sorted(bob_step.owners.values_list("username", flat=True)) == [
        "alice",
        "bob",
    ]
    url = reverse("plans:step_edit", args=[CODE, 2025, bob_step.pk])
    assert client.post(url, {"text": "Teks baru"}).status_code == 302
    bob_step.refresh_from_db()
    assert bob_step.text == "Teks baru"


def test_invalid_progress_is_refused_with_a_message(client, bob, bob_step):
    client.force_login(bob)
    url = reverse("plans:step_update", args=[CODE, 2025, bob_step.pk])
    response = client.post(url, {"status": "in_progress", "progress": 150})
    assert response.status_code == 422
    assert "Progres (%): &#x27;150&#x27; tidak boleh lebih dari 100." in (
        response.content.decode()
    )


def test_terlambat_is_derived_not_stored(client, alice, tree, time_machine=None):
    plan = build_plan(tree["tanjabbar"], steps=2)
    step = ActionStep.objects.for_plan(plan).order_by("indicator__target_end").first()
    assert step.is_late(date(2025, 3, 1)) is True  # January target, not done
    assert step.display_code(date(2024, 12, 1)) == "not_started"
    assert set(ActionStep.objects.for_plan(plan).overdue(date(2025, 3, 1))) == {
        s
        for s in ActionStep.objects.for_plan(plan)
        if s.indicator.target_end < date(2025, 3, 1)
    }


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "name", ["plans:plan_detail", "plans:plan_schedule", "plans:plan_timeline"]
)
def test_query_count_does_not_grow_with_steps(client, alice, bob, tree, name):
    small = build_plan(tree["tanjabbar"], steps=2, year=2024)
    big = build_plan(tree["tanjabbar"], steps=20, year=2025)
    for plan in (small, big):
        for step in ActionStep.objects.for_plan(plan):
            step.owners.add(bob)
    client.force_login(alice)
    few = _count(client, reverse(name, args=[CODE, 2024]))
    many = _count(client, reverse(name, args=[CODE, 2025]))
    assert few == many


def test_filters_narrow_the_tree(client, alice, bob, bob_step):
    client.force_login(alice)
    url = reverse("plans:plan_detail", args=[CODE, 2025])
    response = client.get(url, {"pic": bob.pk})
    areas = response.context["areas"]
    shown = [
        s
        for a in areas
        for c in a.components
        for i in c.indicators
        for s in i.steps.all()
    ]
    assert shown == [bob_step]
    response = client.get(url, {"status": "late"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'id="tree"' in response.content.decode()


def test_upload_preview_then_save(client, alice, tree, seed_decree_path):
    client.force_login(alice)
    url = reverse("plans:plan_import", args=[CODE])
    with seed_decree_path.open("rb") as handle:
        response = client.post(url, {"file": handle, "year": ""})
    assert response.status_code == 200
    assert ActionPlan.objects.count() == 0
    counts = response.context["counts"]
    assert (counts["areas"], counts["indicators"]) == (6, 70)
    confirm = response.context["confirm"]
    response = client.post(
        reverse("plans:plan_import_confirm", args=[CODE]),
        {k: confirm.initial[k] for k in ("token", "filename", "year")},
    )
    assert response.status_code == 302
    plan = ActionPlan.objects.get()
    assert (plan.year, plan.number, ActionStep.objects.for_plan(plan).count()) == (
        2025,
        "42",
        74,
    )


def test_upload_preview_uses_the_year_in_the_title(
    client, alice, tree, seed_decree_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    # a decree numbered in 2024 that sets the 2025 plan ("... TAHUN 2025" in its title)
    text = seed_decree_path.read_text(encoding="utf-8")
    text = text.replace("NOMOR 42 TAHUN 2025", "NOMOR 99 TAHUN 2024")
    client.force_login(alice)
    upload = SimpleUploadedFile("ra.txt", text.encode(), content_type="text/plain")
    response = client.post(
        reverse("plans:plan_import", args=[CODE]), {"file": upload, "year": ""}
    )
    assert response.status_code == 200
    assert response.context["year"] == 2025
    assert response.context["confirm"].initial["year"] == 2025


def test_upload_of_a_broken_file_shows_errors_and_writes_nothing(client, alice, tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(alice)
    url = reverse("plans:plan_import", args=[CODE])
    bad = SimpleUploadedFile(
        "ra.txt", b"bukan keputusan\x00\xff", content_type="text/plain"
    )
    response = client.post(url, {"file": bad, "year": "2025"})
    assert response.status_code == 422
    assert ActionPlan.objects.count() == 0
    assert response.context["parsed"].errors


def test_upload_of_a_broken_file_without_year_does_not_ask_for_a_year(
    client, alice, tree
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(alice)
    bad = SimpleUploadedFile("ra.txt", b"\x00\xff" * 10, content_type="text/plain")
    response = client.post(
        reverse("plans:plan_import", args=[CODE]), {"file": bad, "year": ""}
    )
    assert response.status_code == 422
    assert response.context["parsed"].errors
    assert "year" not in response.context["form"].errors


def test_upload_accepts_a_docx_up_to_the_documented_20_mb(client, alice, tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(alice)
    big = SimpleUploadedFile(
        "ra.docx", b"PK\x03\x04" + b"\x00" * (6 * 1024 * 1024), content_type=""
    )
    response = client.post(
        reverse("plans:plan_import", args=[CODE]), {"file": big, "year": "2025"}
    )
    assert "file" not in response.context["form"].errors
    too_big = SimpleUploadedFile("ra.docx", b"\x00" * (21 * 1024 * 1024))
    response = client.post(
        reverse("plans:plan_import", args=[CODE]), {"file": too_big, "year": "2025"}
    )
    assert "maksimal 20 MB" in str(response.context["form"].errors["file"])


def test_monev_meeting_with_follow_up(client, alice, bob, bob_step):
    client.force_login(alice)
    response = client.post(
        reverse("plans:meeting_list", args=[CODE, 2025]),
        {
            "held_on": "2025-11-03",
            "title": "Rapat monev I",
            "attendees": "Tim",
            "minutes": "",
            "decisions": "",
        },
    )
    assert response.status_code == 302
    meeting = bob_step.indicator.component.area.plan.meetings.get()
    response = client.post(
        reverse("plans:meeting_detail", args=[CODE, 2025, meeting.pk]),
        {
            "text": "Lengkapi SK",
            "owner": bob.pk,
            "due_on": "2025-11-20",
            "steps": [bob_step.pk],
        },
    )
    assert response.status_code == 302
    follow_up = meeting.follow_ups.get()
    assert list(follow_up.steps.all()) == [bob_step]
    client.force_login(bob)
    url = reverse("plans:follow_up_toggle", args=[CODE, 2025, meeting.pk, follow_up.pk])
    assert client.post(url).status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.done is True


def test_charlie_gets_404_for_every_write_too(
    client, alice, charlie, bob_step, seed_decree_path
):
    from sizi.plans import services as plan_services

    plan = bob_step.indicator.component.area.plan
    meeting = plan_services.record_meeting(
        plan, by=alice, held_on=date(2025, 11, 3), title="Monev"
    )
    follow_up = plan_services.add_follow_up(
        meeting, by=alice, text="x", owner=None, due_on=None
    )
    client.force_login(charlie)
    y = 2025
    posts = [
        reverse("plans:plan_import", args=[CODE]),
        reverse("plans:plan_import_confirm", args=[CODE]),
        reverse("plans:plan_decree", args=[CODE, y]),
        reverse("plans:step_update", args=[CODE, y, bob_step.pk]),
        reverse("plans:step_realisation", args=[CODE, y, bob_step.pk]),
        reverse("plans:step_owners", args=[CODE, y, bob_step.pk]),
        reverse("plans:step_edit", args=[CODE, y, bob_step.pk]),
        reverse("plans:step_delete", args=[CODE, y, bob_step.pk]),
        reverse("plans:indicator_edit", args=[CODE, y, bob_step.indicator_id]),
        reverse("plans:indicator_add_step", args=[CODE, y, bob_step.indicator_id]),
        reverse("plans:meeting_list", args=[CODE, y]),
        reverse("plans:meeting_detail", args=[CODE, y, meeting.pk]),
        reverse("plans:follow_up_toggle", args=[CODE, y, meeting.pk, follow_up.pk]),
    ]
    for url in posts:
        assert client.post(url, {"text": "x"}).status_code == 404, url
    assert ActionStep.objects.filter(pk=bob_step.pk).exists()
    follow_up.refresh_from_db()
    assert follow_up.done is False


def test_export_page_offers_the_background_job(client, vera, seed_plan):
    client.force_login(vera)
    response = client.get(reverse("plans:plan_export", args=[CODE, 2025, "docx"]))
    assert response.status_code == 200
    assert "Buat berkas DOCX" in response.content.decode()
    assert (
        client.get(reverse("plans:plan_export", args=[CODE, 2025, "odt"])).status_code
        == 404
    )


def test_coordinator_corrects_the_decree_and_viewer_cannot(
    client, alice, vera, seed_plan
):
    url = reverse("plans:plan_decree", args=[CODE, 2025])
    data = {
        "number": "42A",
        "title": seed_plan.title,
        "signed_on": "2025-10-28",
        "place": "Kuala Tungkal",
        "signatory": "MUHAMMAD RUM",
        "signatory_title": seed_plan.signatory_title,
    }
    client.force_login(vera)
    assert client.post(url, data).status_code == 403
    client.force_login(alice)
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 302
    seed_plan.refresh_from_db()
    assert (seed_plan.number, seed_plan.signed_on) == ("42A", date(2025, 10, 28))


def test_dashboard_panel_counts_late_and_own_steps(client, bob, bob_step):
    client.force_login(bob)
    response = client.get(reverse("plans:dashboard_panel", args=[CODE]))
    plan = bob_step.indicator.component.area.plan
    late = ActionStep.objects.for_plan(plan).overdue().count()
    assert (response.context["late"], response.context["mine"]) == (late, 1)
    assert "Rencana Aksi 2025" in response.content.decode()


@pytest.mark.parametrize("length", [201, 256, 1000])
def test_upload_with_a_too_long_file_name_is_refused_and_keeps_no_copy(
    client, alice, tree, seed_decree_path, settings, length
):
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(alice)
    upload = SimpleUploadedFile(
        "k" * (length - 4) + ".txt", seed_decree_path.read_bytes()
    )

    response = client.post(
        reverse("plans:plan_import", args=[CODE]), {"file": upload, "year": ""}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "Nama berkas terlalu panjang (paling banyak 200 karakter). "
        "Persingkat nama berkas, lalu unggah lagi."
    ]
    stored = Path(settings.PRIVATE_MEDIA_ROOT)
    assert [p for p in stored.rglob("*") if p.is_file()] == []
