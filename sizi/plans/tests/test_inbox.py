"""The plans panel of the "Pekerjaan saya" inbox: scope, content and query counts."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sizi.plans import queries, services
from sizi.plans.models import ActionStep
from sizi.plans.tests.factories import build_plan

pytestmark = pytest.mark.django_db
URL = reverse("plans:my_work_panel")


def _own_all(plan, user):
    steps = list(ActionStep.objects.for_plan(plan).order_by("pk"))
    for step in steps:
        step.owners.add(user)
    return steps


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/login" in response["Location"] or "masuk" in response["Location"]


def test_pic_sees_open_steps_flagged_late_with_a_link_to_langkah_saya(
    client, tree, bob
):
    plan = build_plan(tree["tanjabbar"], steps=3)
    steps = _own_all(plan, bob)
    steps[2].status = ActionStep.Status.DONE
    steps[2].save()
    client.force_login(bob)
    html = client.get(URL).content.decode()
    assert steps[0].text in html and steps[1].text in html
    assert steps[2].text not in html
    assert "Terlambat" in html  # 2025 targets are past
    assert f"rencana-aksi/2025/?pic={bob.pk}" in html
    assert "unit yang Anda koordinasikan" not in html


def test_list_is_capped_at_ten_ordered_by_target_end(client, tree, bob):
    plan = build_plan(tree["tanjabbar"], steps=14)
    _own_all(plan, bob)
    client.force_login(bob)
    response = client.get(URL)
    shown = response.context["steps"]
    assert len(shown) == 10
    ends = [s.indicator.target_end for s in shown]
    assert ends == sorted(ends)
    assert "dari 14 langkah" in response.content.decode()


def test_only_the_latest_plan_of_a_unit_counts(client, tree, bob):
    old = build_plan(tree["tanjabbar"], steps=2, year=2024)
    new = build_plan(tree["tanjabbar"], steps=1, year=2025)
    _own_all(old, bob)
    _own_all(new, bob)
    client.force_login(bob)
    assert [s.pk for s in client.get(URL).context["steps"]] == [
        s.pk for s in ActionStep.objects.for_plan(new)
    ]


def test_coordinator_sees_late_count_per_coordinated_unit(client, tree, alice, bob):
    plan = build_plan(tree["tanjabbar"], steps=4)
    _own_all(plan, bob)
    client.force_login(alice)
    response = client.get(URL)
    assert response.context["late"] == [
        {"unit": tree["tanjabbar"], "year": 2025, "n": 4}
    ]
    assert response.context["steps"] == []
    assert "unit yang Anda koordinasikan" in response.content.decode()


def test_empty_panel_says_nothing_waits(client, tree, rina):
    build_plan(tree["tanjabbar"], steps=2)
    client.force_login(rina)
    response = client.get(URL)
    assert "Tidak ada pekerjaan yang menunggu." in response.content.decode()
    assert response.context["late"] == []  # a reviewer coordinates nothing


def test_charlie_never_sees_tanjabbar_steps(client, tree, charlie, bob):
    mine = build_plan(tree["tanjabtim"], steps=1)
    theirs = build_plan(tree["tanjabbar"], steps=3)
    _own_all(mine, charlie)
    leaked = _own_all(theirs, charlie)  # a stale assignment in a unit he cannot see
    client.force_login(charlie)
    response = client.get(URL)
    html = response.content.decode()
    assert [s.pk for s in response.context["steps"]] == [
        s.pk for s in ActionStep.objects.for_plan(mine)
    ]
    assert all(s.text not in html for s in leaked)
    assert "kpu-tanjabbar" not in html
    assert [row["unit"] for row in response.context["late"]] == [tree["tanjabtim"]]


def _count(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL).status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_steps_or_units(client, tree, alice, bob):
    from sizi.units.tests.factories import MembershipFactory

    _own_all(build_plan(tree["tanjabbar"], steps=2), alice)
    small = _count(client, alice)
    _own_all(build_plan(tree["tanjabbar"], steps=20, year=2026), alice)
    MembershipFactory(user=alice, unit=tree["tanjabtim"], role="coordinator")
    _own_all(build_plan(tree["tanjabtim"], steps=15), alice)
    alice = type(alice).objects.get(pk=alice.pk)  # drop the cached memberships
    assert _count(client, alice) == small


# --- Monev follow-ups ---------------------------------------------------------


def _follow_up(plan, by, owner, text, due_on=None, done=False):
    meeting = plan.meetings.first() or services.record_meeting(
        plan, by=by, held_on=date(2025, 11, 3), title="Rapat monev November"
    )
    follow_up = services.add_follow_up(
        meeting, by=by, text=text, owner=owner, due_on=due_on
    )
    if done:
        services.set_follow_up_done(follow_up, by=by, done=True)
    return follow_up


def test_pic_sees_open_follow_ups_assigned_to_them(client, tree, alice, bob):
    plan = build_plan(tree["tanjabbar"], steps=1)
    late = _follow_up(plan, alice, bob, "Lengkapi notulen", date(2025, 11, 10))
    later = _follow_up(plan, alice, bob, "Unggah daftar hadir", date(2999, 1, 31))
    _follow_up(plan, alice, bob, "Sudah beres", date(2025, 11, 5), done=True)
    _follow_up(plan, alice, alice, "Tugas Alice", date(2025, 11, 5))
    client.force_login(bob)
    response = client.get(URL)
    html = response.content.decode()
    assert [f.pk for f in response.context["follow_ups"]] == [late.pk, later.pk]
    assert "Tindak lanjut monev untuk Anda" in html
    assert "Lengkapi notulen" in html and "Unggah daftar hadir" in html
    assert "Sudah beres" not in html and "Tugas Alice" not in html
    meeting_url = f"/u/kpu-tanjabbar/rencana-aksi/2025/monev/{late.meeting_id}/"
    assert meeting_url in html
    assert "batas 10 November 2025" in html  # the late one is flagged with its date
    assert "Tidak ada pekerjaan yang menunggu." not in html


def test_follow_up_alone_fills_the_panel(client, tree, alice, bob):
    plan = build_plan(tree["tanjabbar"], steps=1)
    _follow_up(plan, alice, bob, "Siapkan bahan rapat")
    client.force_login(bob)
    html = client.get(URL).content.decode()
    assert "Siapkan bahan rapat" in html
    assert "Tanpa batas waktu" in html


def test_follow_ups_of_a_unit_out_of_sight_are_not_shown(client, tree, alice, charlie):
    plan = build_plan(tree["tanjabbar"], steps=1)
    _follow_up(plan, alice, charlie, "Tindak lanjut lama")  # stale owner
    client.force_login(charlie)
    response = client.get(URL)
    assert response.context["follow_ups"] == []
    assert "Tindak lanjut lama" not in response.content.decode()


def test_query_count_does_not_grow_with_follow_ups(client, tree, alice, bob):
    plan = build_plan(tree["tanjabbar"], steps=1)
    for n in range(10):
        _follow_up(plan, alice, bob, f"TL {n}")
    small = _count(client, bob)
    other = build_plan(tree["tanjabbar"], steps=1, year=2024)
    for n in range(25):
        _follow_up(plan, alice, bob, f"TL lagi {n}")
        _follow_up(other, alice, bob, f"TL 2024 {n}")
    bob = type(bob).objects.get(pk=bob.pk)
    assert _count(client, bob) == small
    client.force_login(bob)
    response = client.get(URL)
    assert len(response.context["follow_ups"]) == 10
    assert "dari 60 tindak lanjut" in response.content.decode()


def test_a_long_step_is_cut_at_a_word(client, tree, bob):
    """The inbox shortens a long step at a word, never mid-word ("pelaksa…")."""
    plan = build_plan(tree["tanjabbar"], steps=1)
    (step,) = _own_all(plan, bob)
    step.text = (
        "Kode etik pegawai sudah disosialisasikan kepada seluruh pegawai, "
        "menyusun laporan pelaksanaan sosialisasi kode etik"
    )
    step.save()
    client.force_login(bob)
    html = client.get(URL).content.decode()
    assert "menyusun laporan…" in html
    assert "pelaksa…" not in html


def test_the_langkah_saya_link_lists_as_many_steps_as_it_counts(client, tree, bob):
    """ "2 langkah saya" once opened a list of all 3 of the PIC's steps."""
    plan = build_plan(tree["tanjabbar"], steps=3)
    steps = _own_all(plan, bob)
    steps[2].status = ActionStep.Status.DONE
    steps[2].save()
    client.force_login(bob)
    html = client.get(URL).content.decode()
    link = f"/u/kpu-tanjabbar/rencana-aksi/2025/?pic={bob.pk}&amp;status=open"
    assert f'{link}">2 langkah saya yang belum selesai</a>' in html
    page = client.get(link.replace("&amp;", "&"))
    assert page.status_code == 200 and page.context["form"].is_valid()
    listed = queries.filtered_steps(
        plan, queries.StepFilter(pic_id=bob.pk, status="open")
    )
    assert sorted(s.pk for s in listed) == sorted(s.pk for s in steps[:2])
