"""Dashboard, audit log page, member management."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sizi.core import audit
from sizi.core.models import AuditEvent
from sizi.units.models import Membership, User
from sizi.units.tests.factories import MembershipFactory, UnitFactory, UserFactory


def test_dashboard_lists_visible_units_with_roles(client, rina):
    client.force_login(rina)

    response = client.get(reverse("units:dashboard"))

    rows = [
        (a.unit.code, a.role_labels(), indent) for a, indent in response.context["rows"]
    ]
    assert rows == [
        ("kpu-jambi", ["Penilai"], 0),
        ("kpu-tanjabbar", ["Penilai (dari unit induk)"], 1),
        ("kpu-tanjabtim", ["Penilai (dari unit induk)"], 1),
    ]


def test_dashboard_loads_one_my_work_panel_per_app(client, bob):
    client.force_login(bob)

    html = client.get(reverse("units:dashboard")).content.decode()

    assert "Pekerjaan saya" in html
    for name in ("plans", "evidence", "lke"):
        url = reverse(f"{name}:my_work_panel")
        assert f'hx-get="{url}" hx-trigger="load"' in html
    assert html.index("Pekerjaan saya") < html.index('<table class="table">')


def test_dashboard_without_units_shows_no_inbox(client, db):
    client.force_login(UserFactory(username="tanpa-unit"))

    html = client.get(reverse("units:dashboard")).content.decode()

    assert "Pekerjaan saya" not in html
    assert "belum terdaftar di unit mana pun" in html


def test_dashboard_query_count_does_not_grow_with_units(
    client, tree, django_assert_max_num_queries
):
    leader = UserFactory(username="ketua-ri")
    MembershipFactory(user=leader, unit=tree["ri"], role=Membership.Role.LEADER)
    client.force_login(leader)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("units:dashboard")).status_code == 200
        return len(ctx.captured_queries)

    small = count()
    for i in range(20):
        UnitFactory(
            code=f"kpu-extra-{i}", parent=tree["jambi"], level=tree["tanjabbar"].level
        )
    assert count() == small


def test_dashboard_pages_and_sorts_the_units(client, tree):
    leader = UserFactory(username="ketua-ri")
    MembershipFactory(user=leader, unit=tree["ri"], role=Membership.Role.LEADER)
    level = tree["tanjabbar"].level
    for i in range(60):
        UnitFactory(
            code=f"kpu-z{i:02d}",
            name=f"KPU Z {i:02d}",
            parent=tree["jambi"],
            level=level,
        )
    client.force_login(leader)

    first = client.get(reverse("units:dashboard"))
    last = client.get(reverse("units:dashboard"), {"page": "2"})
    by_name = client.get(reverse("units:dashboard"), {"urut": "nama", "page": "9"})
    junk = client.get(reverse("units:dashboard"), {"page": "dua", "urut": "x"})

    total = first.context["unit_page"].total
    assert total > 60
    assert len(first.context["rows"]) == 50
    assert len(last.context["rows"]) == total - 50
    assert first.context["rows"][0][0].unit.code == "kpu-ri"
    assert [i for _, i in first.context["rows"][:2]] == [0, 1]
    assert "Halaman 1 dari 2" in first.content.decode()
    assert 'href="?urut=pohon&amp;page=2"' in first.content.decode()
    assert by_name.context["unit_page"].number == 2  # clamped to the last page
    names = [a.unit.name for a, _ in by_name.context["rows"]]
    assert names == sorted(names)
    assert junk.status_code == 200
    assert junk.context["sort"] == "pohon"


def test_unit_dashboard_shows_team(client, alice, bob):
    client.force_login(alice)

    response = client.get(reverse("units:unit_dashboard", args=["kpu-tanjabbar"]))

    body = response.content.decode()
    assert "Bob PIC" in body and "Alice Koordinator" in body
    assert "Kelola anggota" in body


@pytest.fixture
def events(lena, alice, bob, tree):
    unit = tree["tanjabbar"]
    for i in range(3):
        audit.record(alice, "plan.updated", unit, unit=unit, n=i)
    audit.record(bob, "evidence.uploaded", unit, unit=unit)
    audit.record(bob, "evidence.uploaded", tree["tanjabtim"], unit=tree["tanjabtim"])
    return AuditEvent.objects.all()


def test_audit_log_shows_only_the_units_entries(client, lena, events):
    client.force_login(lena)

    response = client.get(reverse("units:audit_log", args=["kpu-tanjabbar"]))

    assert len(response.context["page"].object_list) == 4


def test_audit_log_tells_a_pimpinan_when_the_chain_is_checked(client, lena, events):
    """A pimpinan cannot run manage.py; the page says the check runs nightly."""
    client.force_login(lena)

    page = client.get(reverse("units:audit_log", args=["kpu-tanjabbar"])).text

    assert "otomatis setiap malam pukul 01.15" in page
    assert "manage.py" not in page


def test_audit_log_filters_by_actor_and_action(client, lena, bob, events):
    client.force_login(lena)
    url = reverse("units:audit_log", args=["kpu-tanjabbar"])

    by_actor = client.get(url, {"actor": bob.pk})
    by_action = client.get(url, {"action": "plan.updated"})

    assert [e.action for e in by_actor.context["page"]] == ["evidence.uploaded"]
    assert len(by_action.context["page"].object_list) == 3


def test_audit_log_filters_by_date_range(client, lena, events):
    client.force_login(lena)
    url = reverse("units:audit_log", args=["kpu-tanjabbar"])
    today = timezone.localdate()

    inside = client.get(
        url, {"date_from": today.isoformat(), "date_to": today.isoformat()}
    )
    before = client.get(url, {"date_to": (today - timedelta(days=1)).isoformat()})

    assert len(inside.context["page"].object_list) == 4
    assert len(before.context["page"].object_list) == 0


def test_audit_log_htmx_request_returns_only_results(client, lena, events):
    client.force_login(lena)

    response = client.get(
        reverse("units:audit_log", args=["kpu-tanjabbar"]), HTTP_HX_REQUEST="true"
    )

    body = response.content.decode()
    assert body.lstrip().startswith('<div id="results">')
    assert "<html" not in body


def test_audit_log_query_count_does_not_grow(client, lena, alice, tree):
    client.force_login(lena)
    url = reverse("units:audit_log", args=["kpu-tanjabbar"])

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        return len(ctx.captured_queries)

    audit.record(alice, "plan.updated", tree["tanjabbar"], unit=tree["tanjabbar"])
    small = count()
    for _ in range(30):
        audit.record(alice, "plan.updated", tree["tanjabbar"], unit=tree["tanjabbar"])
    assert count() == small


def test_audit_log_entries_read_like_sentences(client, lena, alice, bob, tree):
    unit = tree["tanjabbar"]
    audit.record(
        alice,
        "membership.added",
        unit,
        unit=unit,
        user=bob.username,
        role="team",
    )
    audit.record(
        alice,
        "unit.updated",
        unit,
        unit=unit,
        changes={"is_active": [True, False], "city": ["Kuala Tungkal", None]},
        counts={"layanan_terdaftar": 10},
    )
    client.force_login(lena)

    response = client.get(reverse("units:audit_log", args=["kpu-tanjabbar"]))

    rows = {e.action: e.changes for e in response.context["entries"]}
    added = {c.label: c.new for c in rows["Peran diberikan"]}
    assert added == {"Pengguna": "Bob PIC", "Peran": "Anggota Tim (PIC)"}
    updated = {c.label: (c.old, c.new) for c in rows["Unit diubah"]}
    assert updated["Aktif"] == ("Ya", "Tidak")
    assert updated["Counts"] == (None, "Layanan terdaftar: 10")
    body = response.content.decode()
    assert "{'" not in body and "layanan_terdaftar" not in body
    assert "bob" not in body.replace("Bob", "")


def test_audit_log_shows_a_bulk_entry_collapsed_with_its_items(
    client, lena, alice, bob, tree
):
    unit = tree["tanjabbar"]
    with audit.batch(alice, "unit.updated", unit, unit=unit):
        audit.record(alice, "membership.added", unit, unit=unit, user=bob.username)
        audit.record(alice, "membership.removed", unit, unit=unit, user="alice")
    client.force_login(lena)

    response = client.get(reverse("units:audit_log", args=["kpu-tanjabbar"]))

    assert AuditEvent.objects.filter(unit=unit).count() == 1
    html = response.content.decode()
    assert '<details class="audit-details"><summary>Rincian (2 perubahan)' in html
    (entry,) = response.context["entries"]
    assert [d.action for d in entry.details] == ["Peran diberikan", "Peran dicabut"]
    assert [c.new for d in entry.details for c in d.changes] == [
        "Bob PIC",
        "Alice Koordinator",
    ]


def test_audit_log_names_people_in_a_fixed_number_of_queries(client, lena, alice, tree):
    client.force_login(lena)
    unit = tree["tanjabbar"]
    url = reverse("units:audit_log", args=["kpu-tanjabbar"])

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        return len(ctx.captured_queries)

    audit.record(alice, "membership.added", unit, unit=unit, user="alice", role="team")
    small = count()
    for person in UserFactory.create_batch(5):
        audit.record(
            alice,
            "membership.added",
            unit,
            unit=unit,
            user=person.username,
            role="team",
        )
    assert count() == small


def test_coordinator_invites_a_new_pic_who_gets_an_email(
    client, alice, tree, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    data = {
        "username": "pic-baru",
        "full_name": "Pic Baru",
        "email": "pic.baru@example.go.id",
        "position": "Staf",
        "role": "team",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("units:unit_members", args=["kpu-tanjabbar"]), data
        )

    assert response.status_code == 302
    user = User.objects.get(username="pic-baru")
    assert user.has_usable_password() is False
    assert Membership.objects.filter(
        user=user, unit=tree["tanjabbar"], role="team"
    ).exists()
    assert mail.outbox[0].subject == "Akun SIZI Anda telah dibuat"
    recorded = AuditEvent.objects.exclude(action__startswith="auth.")
    assert list(recorded.values_list("action", flat=True).order_by("id")) == [
        "user.created",
        "membership.added",
    ]


def test_coordinator_cannot_appoint_a_leader(client, alice):
    client.force_login(alice)
    data = {
        "username": "x",
        "full_name": "X",
        "email": "x@example.go.id",
        "role": "leader",
    }

    response = client.post(reverse("units:unit_members", args=["kpu-tanjabbar"]), data)

    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert not User.objects.filter(username="x").exists()


def test_coordinator_removes_a_pic_role(client, alice, bob, tree):
    client.force_login(alice)
    membership = Membership.objects.get(user=bob)

    response = client.post(
        reverse("units:membership_remove", args=["kpu-tanjabbar", membership.pk])
    )

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEvent.objects.filter(action="membership.removed").count() == 1


def test_coordinator_cannot_remove_membership_of_another_unit(client, alice, charlie):
    client.force_login(alice)
    foreign = Membership.objects.get(user=charlie)

    response = client.post(
        reverse("units:membership_remove", args=["kpu-tanjabbar", foreign.pk])
    )

    assert response.status_code == 404
    assert Membership.objects.filter(pk=foreign.pk).exists()


def test_unit_tabs_offer_only_pages_the_user_may_open(client, bob, lena):
    url = reverse("units:unit_dashboard", args=["kpu-tanjabbar"])
    client.force_login(bob)
    pic_page = client.get(url).content.decode()
    client.force_login(lena)
    leader_page = client.get(url).content.decode()

    members_url = reverse("units:unit_members", args=["kpu-tanjabbar"])
    audit_url = reverse("units:audit_log", args=["kpu-tanjabbar"])
    assert (members_url in pic_page, audit_url in pic_page) == (False, False)
    assert (members_url in leader_page, audit_url in leader_page) == (True, True)


def test_pages_stay_indonesian_when_the_browser_prefers_english(client, tree):
    response = client.post(
        reverse("password_reset"),
        {"email": "bukan-surel"},
        HTTP_ACCEPT_LANGUAGE="en-US,en",
    )

    errors = response.context["form"].errors["email"]
    assert errors == ["Masukkan alamat email yang valid."]


def test_coordinator_cannot_pull_in_an_account_of_another_unit(client, charlie, bob):
    client.force_login(charlie)
    data = {
        "username": "bob",
        "full_name": "X",
        "email": "x@example.go.id",
        "role": "team",
    }

    response = client.post(reverse("units:unit_members", args=["kpu-tanjabtim"]), data)

    assert response.status_code == 200
    assert "Nama pengguna ini sudah dipakai" in response.content.decode()
    assert "bob@example.go.id" not in response.content.decode()
    assert list(
        Membership.objects.filter(user=bob).values_list("unit__code", flat=True)
    ) == ["kpu-tanjabbar"]


def test_system_administrator_may_attach_an_existing_account(client, admin, bob, tree):
    client.force_login(admin)
    data = {
        "username": "bob",
        "full_name": "Bob",
        "email": "b@example.go.id",
        "role": "viewer",
    }

    response = client.post(reverse("units:unit_members", args=["kpu-tanjabtim"]), data)

    assert response.status_code == 302
    assert Membership.objects.filter(
        user=bob, unit=tree["tanjabtim"], role="viewer"
    ).exists()


def test_coordinator_gives_an_existing_member_a_second_role(client, alice, bob, tree):
    client.force_login(alice)
    data = {
        "username": "bob",
        "full_name": "Bob",
        "email": "b@example.go.id",
        "role": "viewer",
    }

    response = client.post(reverse("units:unit_members", args=["kpu-tanjabbar"]), data)

    assert response.status_code == 302
    assert sorted(
        Membership.objects.filter(user=bob).values_list("role", flat=True)
    ) == [
        "team",
        "viewer",
    ]


def test_favicon_redirects_to_the_svg_icon(client):
    response = client.get("/favicon.ico")

    assert (response.status_code, response["Location"]) == (
        301,
        "/static/img/favicon.svg",
    )


def test_deploy_check_passes_without_collected_static_files(tmp_path):
    import base64
    import os
    import subprocess
    import sys

    # The browser fixture sets DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; a real
    # deployment never has it (and the deploy check refuses it).
    inherited = {
        k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env = {
        **inherited,
        "DEBUG": "0",
        "SIZI_TESTING": "0",
        "SECRET_KEY": "a-long-random-looking-secret-value-for-the-deploy-check-0123456789",
        "ALLOWED_HOSTS": "sizi.example.go.id",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
        # A production server has the WBS key (check cases.W001 warns without).
        "WBS_ENCRYPTION_KEY": base64.urlsafe_b64encode(os.urandom(32))
        .decode()
        .rstrip("="),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert (result.returncode, result.stderr) == (0, "")


def test_unit_dashboard_lists_only_children_the_user_may_open(client, rina, tree):
    coordinator = UserFactory(username="koor-jambi")
    MembershipFactory(
        user=coordinator, unit=tree["jambi"], role=Membership.Role.COORDINATOR
    )
    url = reverse("units:unit_dashboard", args=["kpu-jambi"])

    client.force_login(rina)
    reviewer_children = [a.unit.code for a in client.get(url).context["children"]]
    client.force_login(coordinator)
    coordinator_children = [a.unit.code for a in client.get(url).context["children"]]

    assert reviewer_children == ["kpu-tanjabbar", "kpu-tanjabtim"]
    assert coordinator_children == []


def test_invitation_accepts_a_user_name_with_dots(client, alice, tree):
    client.force_login(alice)

    response = client.post(
        reverse("units:unit_members", args=["kpu-tanjabbar"]),
        {
            "username": "pic3.tanjabbar",
            "full_name": "PIC Tiga",
            "email": "pic3@example.go.id",
            "position": "",
            "role": "team",
        },
    )

    assert response.status_code == 302
    assert Membership.objects.filter(
        user__username="pic3.tanjabbar", unit=tree["tanjabbar"], role="team"
    ).exists()


def test_invitation_refuses_a_user_name_with_spaces(client, alice, tree):
    client.force_login(alice)

    response = client.post(
        reverse("units:unit_members", args=["kpu-tanjabbar"]),
        {
            "username": "pic tiga",
            "full_name": "PIC Tiga",
            "email": "pic3@example.go.id",
            "role": "team",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["username"] == [
        "Nama pengguna hanya boleh berisi huruf, angka, dan tanda . @ + - _ "
        "(tanpa spasi), misalnya pic.tanjabbar."
    ]
