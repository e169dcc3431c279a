"""Audit field labels of units, accounts and roles (see `sizi.core.audit_display`).

People are recorded by their user name; the log shows their full name.
"""

from __future__ import annotations

from collections.abc import Mapping

from sizi.core.audit_display import register, register_model
from sizi.units.models import Membership, Unit, UnitLevel, User


def people(usernames: set[str]) -> Mapping[str, str]:
    """Return {user name: full name} for the accounts among `usernames`."""
    found = User.objects.filter(username__in=usernames).only(
        "username", "full_name", "first_name", "last_name"
    )
    return {u.username: u.get_full_name() or u.username for u in found}


register_model("unit", Unit)
register_model("unit_level", UnitLevel)
register_model("user", User, exclude={"password"})
register_model("membership", Membership)
register(
    labels={
        "attempts": "percobaan gagal",
        "remaining": "kode tersisa",
        "provider": "penyedia SSO",
        "reason": "alasan",
        "device": "perangkat",
        "prefix": "awalan token",
        "expires_on": "berlaku sampai",
    },
    values={"role": dict(Membership.Role.choices)},
    resolvers={
        "membership:user": people,
        "owners": people,
        "member": people,
        "people": people,
        "pic": people,
    },
    lists={"people"},
)
