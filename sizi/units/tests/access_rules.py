"""Access rules of the units app's URLs and sign-in pages, and the world they run in.

The personas of the matrix: each role (pimpinan, koordinator, PIC, penilai,
pemantau) held in kpu-tanjabbar, asking about kpu-tanjabbar (own unit), kpu-jambi
(its parent) and kpu-tanjabtim (its sibling); each role held in kpu-jambi,
asking about kpu-tanjabbar (its child); plus anonymous, a signed-in user without
any membership, and a system administrator. See ``sizi.core.tests.access``.
"""

from __future__ import annotations

from typing import Any

from sizi.core import jobs
from sizi.core.models import Job
from sizi.core.tests.access import HIDDEN, Case, Rule, World, allow
from sizi.units import permissions
from sizi.units.models import Membership, Notification
from sizi.units.notifications import notify
from sizi.units.tests.factories import (
    MembershipFactory,
    UnitFactory,
    UnitLevelFactory,
    UserFactory,
)

Role = Membership.Role
ROLE_LABELS = {
    Role.LEADER: "pimpinan",
    Role.COORDINATOR: "koordinator",
    Role.TEAM: "pic",
    Role.REVIEWER: "penilai",
    Role.VIEWER: "pemantau",
}
# (relation, unit the role is held in, target unit)
PLACEMENTS = [
    ("own", "tanjabbar", "tanjabbar"),
    ("parent", "tanjabbar", "jambi"),
    ("sibling", "tanjabbar", "tanjabtim"),
    ("child", "jambi", "tanjabbar"),
]
UNIT_KEYS = ["jambi", "tanjabbar", "tanjabtim"]


def build(world: World) -> None:
    national = UnitLevelFactory(code="nasional", name="KPU RI", rank=0)
    province = UnitLevelFactory(code="provinsi", name="KPU Provinsi", rank=1)
    regency = UnitLevelFactory(
        code="kabkota", name="KPU Kab/Kota", rank=2, needs_preliminary_review=True
    )
    ri = UnitFactory(code="kpu-ri", level=national)
    jambi = UnitFactory(code="kpu-jambi", level=province, parent=ri)
    world.units.update(
        ri=ri,
        jambi=jambi,
        tanjabbar=UnitFactory(code="kpu-tanjabbar", level=regency, parent=jambi),
        tanjabtim=UnitFactory(code="kpu-tanjabtim", level=regency, parent=jambi),
    )
    for key in UNIT_KEYS:
        for role, label in ROLE_LABELS.items():
            user = UserFactory(username=f"{label}.{key}")
            membership = MembershipFactory(user=user, unit=world.units[key], role=role)
            world.users[f"{role}@{key}"] = user
            world.put(key, f"membership:{role}", membership)
    world.users["none"] = UserFactory(username="tanpa.peran")
    world.users["admin"] = UserFactory(
        username="admin", is_superuser=True, is_staff=True
    )
    _build_job(world)
    _build_notification(world)


def cases(world: World) -> list[Case]:
    """Return every persona × relation the matrix asks about."""
    found = [
        Case("anonim", None, "anonymous", "none", "tanjabbar", world),
        _case(world, "tanpa peran", world.users["none"], "", "none", "tanjabbar"),
        _case(
            world, "admin sistem", world.users["admin"], "admin", "none", "tanjabbar"
        ),
    ]
    for relation, home, target in PLACEMENTS:
        for role, label in ROLE_LABELS.items():
            user = world.users[f"{role}@{home}"]
            found.append(
                _case(world, f"{label}@{relation}", user, role, relation, target)
            )
    return found


def _case(
    world: World, label: str, user: Any, role: str, relation: str, target: str
) -> Case:
    access = permissions.access_for(user, world.units[target])
    return Case(label, user, role, relation, target, world, access)


def manage(case: Case) -> bool:
    return permissions.can_manage_unit(case.access)


def manage_or_admin(case: Case) -> bool:
    return permissions.can_manage_unit(case.access) or case.access.is_admin


def superuser(case: Case) -> bool:
    return permissions.can_administer_system(case.user)


def remove_viewer(case: Case) -> bool:
    # Coordinators and leaders may take away the roles they may give (viewer).
    return manage_or_admin(case)


def _viewer_membership(case: Case) -> dict[str, Any]:
    return {"pk": case.world.get(case.unit_key, f"membership:{Role.VIEWER}").pk}


JOB_OWNER = f"{Role.COORDINATOR}@tanjabbar"


def _build_job(world: World) -> None:
    owner = world.users[JOB_OWNER]
    job = Job.objects.create(
        user=owner,
        unit=world.units["tanjabbar"],
        kind="matrix.test",
        title="Ekspor uji",
        task_path="sizi.units.tests.access_rules.no_task",
    )
    with jobs.running(str(job.pk)) as run:
        assert run is not None  # noqa: S101
        run.store("ekspor.txt", "text/plain", b"isi")
    world.put("", "job", job)


def job_owner(case: Case) -> bool | int:
    """Only the starter sees a job; to anyone else it does not exist."""
    return True if case.user == case.world.users[JOB_OWNER] else HIDDEN


def _job(case: Case) -> dict[str, Any]:
    return {"pk": case.world.get("", "job").pk}


def _build_notification(world: World) -> None:
    notification = notify(
        world.users[JOB_OWNER],
        kind=Notification.Kind.ASSIGNMENT,
        title="Anda ditugaskan sebagai PIC.",
        url="/",
        unit=world.units["tanjabbar"],
    )[0]
    world.put("", "notification", notification)


def notification_owner(case: Case) -> bool | int:
    """A notification is its recipient's alone; anyone else gets a 404."""
    return True if case.user == case.world.users[JOB_OWNER] else HIDDEN


def _notification(case: Case) -> dict[str, Any]:
    return {"pk": case.world.get("", "notification").pk}


RULES: dict[str, Rule] = {
    "units:dashboard": Rule("login", get=allow, post=allow),
    "units:system_overview": Rule("login", get=superuser, post=superuser),
    "units:unit_dashboard": Rule("unit", get=allow, post=allow),
    "units:audit_log": Rule(
        "unit",
        get=lambda c: permissions.can_view_audit_log(c.access),
        post=lambda c: permissions.can_view_audit_log(c.access),
    ),
    "units:unit_members": Rule("unit", get=manage_or_admin, post=manage_or_admin),
    "units:membership_remove": Rule(
        "unit", get=None, post=remove_viewer, kwargs=_viewer_membership
    ),
    # Sign-in and password pages (sizi/units/account_urls.py).
    "login": Rule("public", get=allow, post=allow),
    # SSO instansi: back to the login page while OIDC is not set up (as here).
    "oidc_authentication_init": Rule("public", get=allow, post=None),
    "oidc_authentication_callback": Rule("public", get=allow, post=None),
    "logout": Rule("public", get=None, post=allow),
    "password_change": Rule("login", get=allow, post=allow),
    "password_change_done": Rule("login", get=allow, post=None),
    "password_reset": Rule("public", get=allow, post=allow),
    "password_reset_done": Rule("public", get=allow, post=None),
    "password_reset_confirm": Rule(
        "public",
        get=allow,
        post=allow,
        kwargs=lambda c: {"uidb64": "MQ", "token": "tidak-sah"},
    ),
    "password_reset_complete": Rule("public", get=allow, post=None),
    # Two-factor sign-in (sizi/units/two_factor_views.py): one's own account.
    "two_factor": Rule("login", get=allow, post=allow),
    "two_factor_setup": Rule("login", get=allow, post=allow),
    "two_factor_verify": Rule("login", get=allow, post=allow),
    "two_factor_recovery_codes": Rule("login", get=None, post=allow),
    "two_factor_disable": Rule("login", get=None, post=allow),
    # Unduhan saya (sizi/units/downloads.py): a job is its starter's alone.
    "units:my_downloads": Rule("login", get=allow, post=None),
    "units:job_detail": Rule("login", get=job_owner, post=None, kwargs=_job),
    "units:job_download": Rule("login", get=job_owner, post=None, kwargs=_job),
    # Notifikasi and Akun saya (sizi/units/notification_views.py): one's own only.
    "units:notifications": Rule("login", get=allow, post=None),
    # the bell answers an ended session with nothing to swap, not a redirect
    "units:notification_bell": Rule("public", get=allow, post=None),
    "units:notifications_read_all": Rule("login", get=None, post=allow),
    "units:notification_open": Rule(
        "login", get=notification_owner, post=None, kwargs=_notification
    ),
    "account": Rule("login", get=allow, post=allow),
}
