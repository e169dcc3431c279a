"""The one way to write the audit log: `record()`, called by services."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.db.models import F, Max, Q
from django.utils import timezone

from sizi.core.audit_chain import (
    GENESIS,
    HASHED_FIELDS,
    ChainReport,
    ChainRow,
    ChainWalker,
    event_hash,
)
from sizi.core.models import AuditChainHead, AuditEvent

if TYPE_CHECKING:
    from sizi.units.models import Unit, User


CHAIN_FIELDS = [name for name in HASHED_FIELDS if name != "seq"]


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    return value


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Return {field: [old, new]} for the fields whose value changed."""
    return {
        key: [_jsonable(before.get(key)), _jsonable(after.get(key))]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """Return the current values of `fields` of `obj`, for a later `diff()`."""
    return {name: getattr(obj, name) for name in fields}


@dataclass
class Batch:
    """The entries folded into one bulk entry, and what its summary adds."""

    items: list[dict[str, Any]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


_batch: ContextVar[Batch | None] = ContextVar("sizi_audit_batch", default=None)


@contextmanager
def batch(
    by: User | None,
    action: str,
    target: models.Model | None = None,
    *,
    unit: Unit | None = None,
    **extra: Any,
) -> Iterator[Batch]:
    """Fold every `record()` made inside into ONE entry of `action`.

    A bulk write (a workbook import of 110 answers) is one entry on the log;
    the entries it folded are kept under its ``entries`` (`audit_display.ITEMS`)
    and shown as a drill-down. Values put in ``Batch.extra`` inside the block
    join the summary. Nothing is written when nothing was recorded inside, or
    when the block raises (the surrounding transaction rolls back anyway).
    Batches nest: an inner batch becomes one item of the outer one.
    """
    current = Batch(extra=dict(extra))
    token = _batch.set(current)
    try:
        yield current
    finally:
        _batch.reset(token)
    if current.items:
        record(by, action, target, unit=unit, **current.extra, entries=current.items)


def record(
    by: User | None,
    action: str,
    target: models.Model | None = None,
    *,
    unit: Unit | None = None,
    changes: dict[str, Any] | None = None,
    **extra: Any,
) -> AuditEvent:
    """Append one entry to the audit log; call inside the service's transaction.

    The entry is chained to the previous one under a lock on the chain head,
    held until the surrounding transaction ends.
    """
    data = dict(changes or {})
    data.update(extra)
    folding = _batch.get()
    if folding is not None:
        folding.items.append(
            {
                "action": action,
                "target_type": target._meta.label_lower if target is not None else "",
                "target": str(target)[:300] if target is not None else "",
                "changes": json.loads(json.dumps(_jsonable(data))),
            }
        )
        return AuditEvent(action=action, changes=data)
    actor = by if by is not None and by.is_authenticated else None
    fields: dict[str, Any] = {
        "actor_id": actor.pk if actor else None,
        "actor_name": (actor.get_full_name() or actor.get_username())[:150]
        if actor
        else "sistem",
        "unit_id": unit.pk if unit is not None else None,
        "action": action,
        "target_type": target._meta.label_lower if target is not None else "",
        "target_id": str(target.pk) if target is not None else "",
        "target_repr": str(target)[:300] if target is not None else "",
        # Stored exactly as it reads back from the database, so the hash holds.
        "changes": json.loads(json.dumps(_jsonable(data))),
    }
    with transaction.atomic(savepoint=False):
        head = _locked_head()
        now = timezone.now()
        fields["at"] = max(now, head.at) if head.at else now
        # A row forged past the head must not block every later write; the
        # chain skips over it and the verifier reports it.
        stored = AuditEvent.objects.aggregate(last=Max("seq"))["last"] or 0
        seq = max(head.seq, stored) + 1
        digest = event_hash(head.hash, {"seq": seq, **fields})
        event = AuditEvent.objects.create(
            seq=seq, prev_hash=head.hash, hash=digest, **fields
        )
        head.seq, head.hash, head.at = seq, digest, fields["at"]
        head.save(update_fields=["seq", "hash", "at"])
    return event


def _locked_head() -> AuditChainHead:
    """Return the chain head locked for this transaction, creating it if missing.

    The row is missing only after a test flush or on a fresh table; it is then
    rebuilt from the last chained event.
    """
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is not None:
        return head
    last = AuditEvent.objects.exclude(seq=None).order_by("-seq").first()
    AuditChainHead.objects.bulk_create(
        [
            AuditChainHead(
                pk=1,
                seq=last.seq if last and last.seq else 0,
                hash=last.hash if last else GENESIS,
                at=last.at if last else None,
            )
        ],
        ignore_conflicts=True,
    )
    return AuditChainHead.objects.select_for_update().get(pk=1)


VERIFIED_ACTION = "audit.chain_verified"


def verify_log() -> ChainReport:
    """Walk the whole chain, record the result as an audit event and return it.

    The bulk is walked without a lock; the last stretch (events written
    meanwhile, and anything past the head) is walked with the chain head locked,
    so that a concurrent write never looks like a break and a row forged past
    the head never goes unseen.
    """
    walker = ChainWalker()
    head = AuditChainHead.objects.filter(pk=1).first()
    upto = head.seq if head is not None else 0
    if walker.feed(_chain_rows(Q(seq__lte=upto))):
        with transaction.atomic():
            head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
            if walker.feed(_chain_rows(Q(seq__gt=upto) | Q(seq=None))):
                walker.check_head(
                    head.seq if head else 0, head.hash if head else GENESIS
                )
    report = walker.report()
    broken = report.broken
    record(
        None,
        VERIFIED_ACTION,
        intact=report.intact,
        checked=report.checked,
        broken_event=broken.event_id if broken else None,
        broken_seq=broken.seq if broken else None,
        problem=broken.problem if broken else "",
        message=broken.message if broken else "",
    )
    return report


def _chain_rows(condition: Q) -> Iterator[ChainRow]:
    values = (
        AuditEvent.objects.filter(condition)
        .order_by(F("seq").asc(nulls_last=True), "id")
        .values("id", "seq", "prev_hash", "hash", *CHAIN_FIELDS)
    )
    for row in values.iterator(chunk_size=2000):
        yield ChainRow(
            id=row["id"],
            seq=row["seq"],
            prev_hash=row["prev_hash"],
            hash=row["hash"],
            fields={name: row[name] for name in CHAIN_FIELDS},
        )


@dataclass(frozen=True)
class LastVerification:
    """The latest `verify_audit` result, for the audit log page."""

    at: datetime
    intact: bool
    broken_event: int | None


def last_verification() -> LastVerification | None:
    """Return the result of the latest chain verification, if any ran."""
    event = (
        AuditEvent.objects.filter(action=VERIFIED_ACTION)
        .order_by("-id")
        .only("at", "changes")
        .first()
    )
    if event is None:
        return None
    return LastVerification(
        at=event.at,
        intact=bool(event.changes.get("intact")),
        broken_event=event.changes.get("broken_event"),
    )
