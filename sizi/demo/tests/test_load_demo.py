"""Demo data: loading twice gives the same rows and keeps changed passwords."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from sizi.core.models import AuditEvent
from sizi.units.models import Membership, Unit, UnitLevel, User


@pytest.fixture(autouse=True)
def _development_mode(settings):
    """The demo loads in development (DEBUG on); pytest-django turns DEBUG off."""
    settings.DEBUG = True


def _counts() -> dict[str, int]:
    return {
        "levels": UnitLevel.objects.count(),
        "units": Unit.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
    }


def test_loading_demo_twice_gives_the_same_rows(db):
    call_command("load_demo", stdout=StringIO())
    first = _counts()
    first_audit = AuditEvent.objects.count()

    call_command("load_demo", stdout=StringIO())

    assert _counts() == first
    assert AuditEvent.objects.count() == first_audit
    assert first["units"] == 4


def test_demo_tree_matches_the_kpu_hierarchy(db):
    call_command("load_demo", stdout=StringIO())

    paths = list(Unit.objects.order_by("path").values_list("path", flat=True))

    assert paths == [
        "kpu-ri/",
        "kpu-ri/kpu-jambi/",
        "kpu-ri/kpu-jambi/kpu-tanjabbar/",
        "kpu-ri/kpu-jambi/kpu-tanjabtim/",
    ]


def test_rerun_keeps_a_password_the_user_changed(db):
    call_command("load_demo", stdout=StringIO())
    user = User.objects.get(username="koordinator.tanjabbar")
    user.set_password("sandi-baru-yang-panjang")
    user.save()

    call_command("load_demo", stdout=StringIO())

    user.refresh_from_db()
    assert user.check_password("sandi-baru-yang-panjang")


def test_demo_prints_the_accounts(db):
    out = StringIO()

    call_command("load_demo", stdout=out)

    assert "koordinator.tanjabbar" in out.getvalue()
    assert "sizi-demo-2025" in out.getvalue()


def test_demo_refuses_to_load_in_production_without_force(db, settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG=0"):
        call_command("load_demo", stdout=StringIO())
    assert not User.objects.filter(username="admin").exists()


def test_packaged_demo_decree_is_the_seed_decree(seed_decree_path):
    from sizi.plans import demo as plans_demo

    assert plans_demo.SEED.read_bytes() == seed_decree_path.read_bytes()


def test_demo_events_fill_the_bells_but_send_no_email(
    db, django_capture_on_commit_callbacks
):
    from django.core import mail

    from sizi.units.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=StringIO())

    assert Notification.objects.filter(kind=Notification.Kind.ASSIGNMENT).exists()
    assert Notification.objects.filter(
        kind=Notification.Kind.EVIDENCE_RETURNED
    ).exists()
    assert mail.outbox == []


def test_every_demo_account_has_its_own_name():
    """The audit log names people; two demo accounts must not share a name."""
    from sizi.cases.wbs.demo import OFFICERS
    from sizi.units.demo import PEOPLE

    names = [row[1] for row in PEOPLE] + [row[1] for row in OFFICERS]
    assert len(names) == len(set(names)), sorted(names)


def test_a_pics_bell_shows_open_work_not_every_old_assignment(db):
    """After the demo the PIC's unread notices are the open steps and the
    items that wait for them; finished steps' assignments are read."""
    from sizi.plans.models import ActionStep
    from sizi.units.models import Notification

    call_command("load_demo", stdout=StringIO())
    pic = User.objects.get(username="pic.tanjabbar")
    unread = Notification.objects.filter(recipient=pic, read_at__isnull=True)
    open_urls = {
        step.get_absolute_url()
        for step in ActionStep.objects.filter(owners=pic).exclude(
            status=ActionStep.Status.DONE
        )
    }
    assignments = unread.filter(kind=Notification.Kind.ASSIGNMENT)
    assert {n.url for n in assignments if "/langkah/" in n.url} <= open_urls
    assert open_urls  # the demo leaves some of the PIC's steps open
    assert unread.filter(kind=Notification.Kind.EVIDENCE_RETURNED).exists()
    assert unread.count() < 15
