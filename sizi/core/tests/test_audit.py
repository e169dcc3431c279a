"""The audit log is written by services and cannot be changed afterwards."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.contrib.admin.sites import site
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory

from sizi.core.models import AuditEvent
from sizi.units import services
from sizi.units.models import Membership, Unit
from sizi.units.tests.factories import UserFactory


def test_adding_a_membership_records_actor_unit_action_and_target(alice, tree):
    newcomer = UserFactory(username="newcomer")

    membership = services.add_membership(
        user=newcomer, unit=tree["tanjabbar"], role=Membership.Role.TEAM, by=alice
    )

    event = AuditEvent.objects.get(
        action="membership.added", target_id=str(membership.pk)
    )
    assert (event.actor, event.actor_name, event.unit, event.target_type) == (
        alice,
        "Alice Koordinator",
        tree["tanjabbar"],
        "units.membership",
    )
    assert event.changes == {"user": "newcomer", "role": "team"}


def test_updating_a_unit_records_what_changed(admin, tree):
    unit = tree["tanjabbar"]
    unit.city = "Tungkal Ilir"

    services.save_unit(unit, by=admin)

    event = AuditEvent.objects.get(action="unit.updated")
    assert event.changes == {"city": ["Kuala Tungkal", "Tungkal Ilir"]}


def test_moving_a_unit_rewrites_the_paths_below_it(admin, tree):
    jambi = tree["jambi"]
    jambi.code = "kpu-prov-jambi"

    services.save_unit(jambi, by=admin)

    paths = sorted(Unit.objects.values_list("path", flat=True))
    assert paths == [
        "kpu-ri/",
        "kpu-ri/kpu-prov-jambi/",
        "kpu-ri/kpu-prov-jambi/kpu-tanjabbar/",
        "kpu-ri/kpu-prov-jambi/kpu-tanjabtim/",
    ]


def test_unit_cannot_be_placed_under_its_own_child(admin, tree):
    from django.core.exceptions import ValidationError

    jambi = tree["jambi"]
    jambi.parent = tree["tanjabbar"]

    with pytest.raises(ValidationError):
        services.save_unit(jambi, by=admin)
    assert Unit.objects.get(pk=jambi.pk).parent == tree["ri"]


@pytest.fixture
def event(alice, tree):
    return services.add_membership(
        user=UserFactory(), unit=tree["tanjabbar"], role="viewer", by=alice
    ) and AuditEvent.objects.get(action="membership.added")


def test_saving_an_existing_entry_is_refused(event):
    event.action = "forged"

    with pytest.raises(PermissionError):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).action == "membership.added"


def test_deleting_an_entry_is_refused(event):
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_queryset_update_is_refused(event):
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action="forged")
    assert AuditEvent.objects.get(pk=event.pk).action == "membership.added"


def test_database_refuses_raw_update(event):
    with (
        pytest.raises(DatabaseError),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE core_auditevent SET action = 'forged' WHERE id = %s", [event.pk]
        )
    assert AuditEvent.objects.get(pk=event.pk).action == "membership.added"


def test_admin_offers_no_add_change_or_delete(event, admin):
    model_admin = site._registry[AuditEvent]
    request = RequestFactory().get("/admin/")
    request.user = admin

    assert (
        model_admin.has_add_permission(request),
        model_admin.has_change_permission(request, event),
        model_admin.has_delete_permission(request, event),
    ) == (False, False, False)


def test_postgresql_refuses_raw_delete(event):
    if connection.vendor != "postgresql":
        pytest.skip(
            "DELETE is refused by a trigger on PostgreSQL only (see migration 0003)"
        )

    with (
        pytest.raises(DatabaseError),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def _recorded_actions(tree: ast.AST) -> set[str]:
    """Return the literal action codes passed to ``record(by, "action", …)``
    or to ``batch(by, "action", …)``."""
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or len(node.args) < 2:
            continue
        name = getattr(node.func, "attr", getattr(node.func, "id", ""))
        action = node.args[1]
        if name in {"record", "batch"} and isinstance(action, ast.Constant):
            found.add(str(action.value))
    return found


def test_every_action_recorded_by_the_code_has_an_indonesian_label():
    from sizi.core.audit_labels import ACTION_LABELS

    root = Path(__file__).resolve().parents[2]
    used = {
        code
        for path in root.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
        for code in _recorded_actions(ast.parse(path.read_text(encoding="utf-8")))
    }
    assert len(used) > 100
    assert sorted(used - set(ACTION_LABELS)) == []


def _recorded_fields(tree: ast.AST) -> set[tuple[str, str]]:
    """Return (action, field) for the literal fields recorded with a literal action:
    keyword arguments, literal keys of ``changes={…}``, and the field lists of
    ``snapshot(obj, [...])`` or ``fields = [...]`` in the same function."""
    found: set[tuple[str, str]] = set()
    for func in ast.walk(tree):
        if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        snapshot_fields: set[str] = set()
        actions: set[str] = set()
        for node in ast.walk(func):
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.List)
                and any(getattr(t, "id", "") == "fields" for t in node.targets)
            ):
                snapshot_fields |= {
                    e.value for e in node.value.elts if isinstance(e, ast.Constant)
                }
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if (
                name == "snapshot"
                and len(node.args) == 2
                and isinstance(node.args[1], ast.List)
            ):
                snapshot_fields |= {
                    e.value for e in node.args[1].elts if isinstance(e, ast.Constant)
                }
            if name not in {"record", "batch"} or len(node.args) < 2:
                continue
            if not isinstance(node.args[1], ast.Constant):
                continue
            action = str(node.args[1].value)
            actions.add(action)
            for keyword in node.keywords:
                if keyword.arg in {None, "unit", "entries"}:  # entries: a drill-down
                    continue
                if keyword.arg == "changes":
                    if isinstance(keyword.value, ast.Dict):
                        found |= {
                            (action, str(k.value))
                            for k in keyword.value.keys
                            if isinstance(k, ast.Constant)
                        }
                    continue
                found.add((action, keyword.arg))
        found |= {(a, f) for a in actions for f in snapshot_fields}
    return found


def test_every_field_recorded_by_the_code_has_an_indonesian_label():
    from sizi.core.audit_display import REGISTRY, _lookup

    root = Path(__file__).resolve().parents[2]
    used = {
        pair
        for path in root.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
        for pair in _recorded_fields(ast.parse(path.read_text(encoding="utf-8")))
    }
    assert len(used) > 100
    missing = sorted(
        f"{action}:{name}"
        for action, name in used
        if not _lookup(REGISTRY.labels, action, name)[1]
    )
    assert missing == []
