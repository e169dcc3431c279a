"""The audit log's hash chain: pure functions, no Django.

Each event's hash covers its own content and the hash of the event before it,
so that changing, deleting or inserting a row breaks every later link. The
algorithm is versioned by `CHAIN_VERSION`; the data migration that chained the
existing rows uses these same functions, so they must never change meaning.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

CHAIN_VERSION = 1
GENESIS = "0" * 64
HASHED_FIELDS = (
    "seq",
    "at",
    "actor_id",
    "actor_name",
    "unit_id",
    "action",
    "target_type",
    "target_id",
    "target_repr",
    "changes",
)


def canonical_time(value: datetime) -> str:
    """Return an aware time in UTC with microseconds, the one form that is hashed."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def event_hash(prev_hash: str, fields: Mapping[str, Any]) -> str:
    """Return the SHA-256 of the previous hash and the event's canonical content."""
    content = {name: fields[name] for name in HASHED_FIELDS}
    content["at"] = canonical_time(content["at"])
    payload = json.dumps(
        [CHAIN_VERSION, prev_hash, content],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainRow:
    """One stored event as the verifier reads it."""

    id: int
    seq: int | None
    prev_hash: str
    hash: str
    fields: Mapping[str, Any]

    @property
    def at(self) -> datetime:
        value: datetime = self.fields["at"]
        return value


@dataclass(frozen=True)
class ChainBreak:
    """The first broken link: which event, and what is wrong with it."""

    event_id: int | None
    seq: int | None
    problem: str
    message: str


@dataclass(frozen=True)
class ChainReport:
    checked: int
    last_seq: int
    last_hash: str
    broken: ChainBreak | None

    @property
    def intact(self) -> bool:
        return self.broken is None


class ChainWalker:
    """Walk stored rows in `seq` order (rows without one last), stopping at the
    first break. Feed it in as many batches as needed, then check the head."""

    def __init__(self) -> None:
        self.prev_hash = GENESIS
        self.expected = 1
        self.prev_at: datetime | None = None
        self.checked = 0
        self.broken: ChainBreak | None = None

    def feed(self, rows: Iterable[ChainRow]) -> bool:
        """Check `rows` following the ones fed before; return False at a break."""
        for row in rows:
            self.broken = _check_row(
                row,
                prev_hash=self.prev_hash,
                expected=self.expected,
                prev_at=self.prev_at,
            )
            if self.broken is not None:
                return False
            self.prev_hash, self.prev_at = row.hash, row.at
            self.expected += 1
            self.checked += 1
        return True

    def check_head(self, head_seq: int, head_hash: str) -> None:
        """Compare the chain head kept beside the log with the last row walked."""
        last = self.expected - 1
        if self.broken is not None or (head_seq, head_hash) == (last, self.prev_hash):
            return
        if head_seq > last:
            message = (
                f"Kepala rantai menunjuk urutan {head_seq}, tetapi peristiwa "
                f"terakhir berurutan {last}: peristiwa di ujung log dihapus."
            )
        elif head_seq < last:
            message = (
                f"Peristiwa sesudah urutan {head_seq} tidak tercatat di kepala "
                "rantai (disisipkan di ujung log)."
            )
        else:
            message = "Peristiwa terakhir tidak sama dengan kepala rantai (diganti)."
        self.broken = ChainBreak(None, head_seq, "head", message)

    def report(self) -> ChainReport:
        return ChainReport(self.checked, self.expected - 1, self.prev_hash, self.broken)


def _check_row(
    row: ChainRow, *, prev_hash: str, expected: int, prev_at: datetime | None
) -> ChainBreak | None:
    if row.seq is None or not row.hash:
        return ChainBreak(
            row.id,
            row.seq,
            "inserted",
            "Peristiwa tanpa tempat di rantai (disisipkan).",
        )
    if row.seq != expected:
        missing = (
            f"Urutan {expected}"
            if row.seq == expected + 1
            else f"Urutan {expected} sampai {row.seq - 1}"
        )
        return ChainBreak(
            row.id,
            row.seq,
            "deleted",
            f"{missing} hilang sebelum peristiwa ini (baris dihapus).",
        )
    if row.prev_hash != prev_hash:
        return ChainBreak(
            row.id,
            row.seq,
            "link",
            "Tautan ke peristiwa sebelumnya tidak cocok (baris disisipkan atau "
            "diganti).",
        )
    if event_hash(prev_hash, {"seq": row.seq, **row.fields}) != row.hash:
        return ChainBreak(
            row.id, row.seq, "changed", "Isi peristiwa berubah setelah dicatat."
        )
    if prev_at is not None and row.at < prev_at:
        return ChainBreak(
            row.id,
            row.seq,
            "order",
            "Waktu peristiwa lebih awal dari peristiwa sebelumnya (dimundurkan).",
        )
    return None
