"""The audit log's hash chain catches every way of altering it (decision 0004)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection

from sizi.core import audit
from sizi.core.audit_chain import GENESIS, event_hash
from sizi.core.models import AuditChainHead, AuditEvent
from sizi.units.models import Unit


def _events(count: int, unit: Unit) -> list[AuditEvent]:
    return [
        audit.record(None, "unit.updated", unit, unit=unit, changes={"n": n})
        for n in range(count)
    ]


def _lift_triggers() -> None:
    """Do what a tamperer with database access does first (rolled back after the test)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER USER")
        else:
            cursor.execute("DROP TRIGGER core_auditevent_no_update")


def _verify() -> tuple[int, dict]:
    from io import StringIO

    out = StringIO()
    try:
        call_command("verify_audit", "--json", stdout=out, stderr=StringIO())
    except SystemExit as exit_:
        return int(str(exit_.code)), json.loads(out.getvalue())
    return 0, json.loads(out.getvalue())


def test_events_are_chained_in_order(tree):
    first, second = _events(2, tree["jambi"])

    assert (first.prev_hash, second.prev_hash, second.seq - first.seq) == (
        AuditEvent.objects.get(seq=first.seq - 1).hash if first.seq > 1 else GENESIS,
        first.hash,
        1,
    )
    head = AuditChainHead.objects.get()
    assert (head.seq, head.hash) == (second.seq, second.hash)


def test_an_untouched_chain_verifies_and_the_result_is_recorded(tree):
    _events(3, tree["jambi"])

    code, result = _verify()

    assert (code, result["intact"], result["broken"]) == (0, True, None)
    last = audit.last_verification()
    assert last is not None and (last.intact, last.broken_event) == (True, None)


def test_a_raw_delete_is_caught_at_the_next_event(tree):
    events = _events(4, tree["jambi"])
    _lift_triggers()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [events[1].pk])

    code, result = _verify()

    assert (code, result["broken"]["event_id"], result["broken"]["problem"]) == (
        1,
        events[2].pk,
        "deleted",
    )
    last = audit.last_verification()
    assert last is not None and (last.intact, last.broken_event) == (
        False,
        events[2].pk,
    )


def test_a_raw_delete_through_the_orm_is_caught(tree):
    events = _events(3, tree["jambi"])
    _lift_triggers()

    AuditEvent.objects.filter(pk=events[0].pk)._raw_delete(connection.alias)

    code, result = _verify()
    assert (code, result["broken"]["event_id"], result["broken"]["problem"]) == (
        1,
        events[1].pk,
        "deleted",
    )


def test_deleting_the_last_events_is_caught_by_the_head(tree):
    events = _events(3, tree["jambi"])
    _lift_triggers()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [events[2].pk])

    code, result = _verify()

    assert (code, result["broken"]["problem"], result["broken"]["seq"]) == (
        1,
        "head",
        events[2].seq,
    )


def test_an_update_after_dropping_the_trigger_is_caught(tree):
    events = _events(3, tree["jambi"])
    _lift_triggers()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_auditevent SET actor_name = 'orang lain' WHERE id = %s",
            [events[1].pk],
        )

    code, result = _verify()

    assert (code, result["broken"]["event_id"], result["broken"]["problem"]) == (
        1,
        events[1].pk,
        "changed",
    )


def test_an_update_of_the_changes_is_caught(tree):
    events = _events(2, tree["jambi"])
    _lift_triggers()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_auditevent SET changes = %s WHERE id = %s",
            ['{"n": 99}', events[0].pk],
        )

    code, result = _verify()

    assert (code, result["broken"]["event_id"], result["broken"]["problem"]) == (
        1,
        events[0].pk,
        "changed",
    )


def _insert(**row: object) -> int:
    columns = ", ".join(row)
    marks = ", ".join(["%s"] * len(row))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO core_auditevent ({columns}) VALUES ({marks})",  # noqa: S608
            list(row.values()),
        )
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True)[0]


def test_a_back_dated_row_forged_with_a_correct_hash_is_caught(tree):
    last = _events(2, tree["jambi"])[-1]
    fields = {
        "at": last.at - timedelta(days=30),
        "actor_id": None,
        "actor_name": "sistem",
        "unit_id": tree["jambi"].pk,
        "action": "evidence.verified",
        "target_type": "",
        "target_id": "",
        "target_repr": "bukti palsu",
        "changes": {},
    }
    seq = last.seq + 1
    digest = event_hash(last.hash, {"seq": seq, **fields})
    forged = _insert(
        **{**fields, "changes": "{}"}, seq=seq, prev_hash=last.hash, hash=digest
    )

    code, result = _verify()

    assert (code, result["broken"]["event_id"], result["broken"]["problem"]) == (
        1,
        forged,
        "order",
    )


def test_a_row_inserted_without_a_place_in_the_chain_is_caught(tree):
    _events(2, tree["jambi"])
    forged = _insert(
        at=AuditEvent.objects.order_by("-seq")[0].at,
        actor_name="sistem",
        action="evidence.verified",
        target_type="",
        target_id="",
        target_repr="bukti palsu",
        changes="{}",
        prev_hash="",
        hash="",
    )

    code, result = _verify()

    assert (code, result["broken"]["event_id"], result["broken"]["problem"]) == (
        1,
        forged,
        "inserted",
    )


def test_a_missing_head_is_rebuilt_from_the_last_event(tree):
    _events(1, tree["jambi"])
    AuditChainHead.objects.all().delete()

    event = audit.record(None, "unit.updated", tree["jambi"], unit=tree["jambi"])

    assert event.prev_hash == AuditEvent.objects.get(seq=event.seq - 1).hash
    assert _verify()[0] == 0


def test_the_audit_page_shows_the_last_verification(client, lena, tree):
    _events(1, tree["tanjabbar"])
    client.force_login(lena)
    url = f"/u/{tree['tanjabbar'].code}/audit/"

    before = client.get(url).content.decode()
    _verify()
    after = client.get(url).content.decode()

    assert "Rantai audit belum pernah diverifikasi" in before
    assert "Rantai audit terakhir diverifikasi:" in after
    assert "<strong>utuh</strong>" in after


def test_the_audit_page_names_the_broken_event(client, lena, tree):
    events = _events(3, tree["tanjabbar"])
    _lift_triggers()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [events[1].pk])
    _verify()
    client.force_login(lena)

    page = client.get(f"/u/{tree['tanjabbar'].code}/audit/").content.decode()

    assert f"RUSAK pada peristiwa #{events[2].pk}" in page


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_chain_onto_the_same_event():
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections, transaction

    def write(n: int) -> None:
        try:
            for i in range(5):
                with transaction.atomic():
                    audit.record(None, "unit.updated", changes={"w": n, "i": i})
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(write, range(4)))

    seqs = sorted(AuditEvent.objects.values_list("seq", flat=True))
    assert seqs == list(range(seqs[0], seqs[0] + 20))
    assert _verify()[0] == 0
