"""Audit entries read like sentences; a bulk write is one entry with a drill-down."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest
from django.db import transaction

from sizi.core import audit
from sizi.core.audit_display import (
    ChangeRow,
    Registry,
    describe,
    format_value,
    register,
    scopes,
    shorten,
)
from sizi.core.models import AuditEvent


@dataclass
class FakeEvent:
    action: str
    changes: Any
    target_type: str = ""
    target_repr: str = "Objek"
    id: int = 1
    at: datetime = field(
        default_factory=lambda: datetime(2025, 12, 15, 7, 30, tzinfo=UTC)
    )
    actor_name: str = "Siti"


def _registry() -> Registry:
    reg = Registry(actions={"lke.answer_saved": "Jawaban LKE disimpan"})
    register(
        registry=reg,
        labels={
            "status": "status",
            "plans.step:progress": "kemajuan",
            "lke:question": "pertanyaan",
            "lke:layer": "lapisan",
            "lke:value": "jawaban",
            "lke:inputs": "isian",
            "people": "pegawai",
        },
        values={
            "plans.step:status": {"not_started": "Belum mulai", "done": "Selesai"},
            "lke:layer": {"self": "Penilaian mandiri"},
            "lke:value": lambda v: str(v).capitalize(),
        },
        lists={"people"},
        targets={"lke.answer": ("question", "layer")},
    )
    return reg


def _rows(reg: Registry, action: str, changes: Any, **kw: Any) -> tuple[ChangeRow, ...]:
    return describe([FakeEvent(action, changes, **kw)], reg)[0].changes


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (True, "Ya"),
        (False, "Tidak"),
        (None, "—"),
        ("", "—"),
        ("2025-12-15", "15 Desember 2025"),
        ("2025-12-15T07:30:00+00:00", "15 Desember 2025, 14.30"),
        ("3.62", "3,62"),
        (10, "10"),
    ],
)
def test_values_are_spelled_in_house_style(value, shown):
    assert format_value(value) == shown


def test_scopes_go_from_the_action_to_its_app():
    assert scopes("integrity.gratification_forwarded") == [
        "integrity.gratification_forwarded",
        "integrity.gratification",
        "integrity",
        "",
    ]


def test_shorten_cuts_at_a_word():
    assert (
        shorten("Unit kerja telah membentuk tim pembangunan", 25) == "Unit kerja telah…"
    )


def test_a_change_reads_with_labels_and_choice_names_not_codes():
    rows = _rows(
        _registry(),
        "plans.step_updated",
        {"progress": [0, 100], "status": ["not_started", "done"]},
    )
    assert rows == (
        ChangeRow("Kemajuan", "0", "100"),
        ChangeRow("Status", "Belum mulai", "Selesai"),
    )


def test_a_dict_is_never_shown_as_python():
    rows = _rows(
        _registry(), "plans.plan_imported", {"created": {"layanan_terdaftar": 10}}
    )
    assert rows == (ChangeRow("Created", None, "Layanan terdaftar: 10"),)
    assert "{" not in rows[0].new


def test_empty_values_are_left_out_and_a_plain_list_is_not_a_change():
    rows = _rows(
        _registry(),
        "integrity.wealth_members_added",
        {"other": [None, {}], "note": "", "people": ["ani", "budi"]},
    )
    assert rows == (ChangeRow("Pegawai", None, "ani, budi"),)


def test_a_resolver_names_ids_once_for_the_whole_page():
    reg = _registry()
    asked: list[set[str]] = []

    def names(ids: set[str]) -> dict[str, str]:
        asked.append(set(ids))
        return {"4": "Menetapkan SK", "5": "Sosialisasi"}

    register(registry=reg, resolvers={"steps": names}, labels={"steps": "langkah"})
    events = [
        FakeEvent("evidence.uploaded", {"steps": [4]}, id=1),
        FakeEvent("evidence.steps_changed", {"steps": [[4], [4, 5]]}, id=2),
    ]
    rows = describe(events, reg)
    assert asked == [{"4", "5"}]
    assert rows[0].changes == (ChangeRow("Langkah", None, "Menetapkan SK"),)
    assert rows[1].changes == (
        ChangeRow("Langkah", "Menetapkan SK", "Menetapkan SK, Sosialisasi"),
    )


def test_an_answer_is_shown_by_its_question_and_layer_not_internal_names():
    reg = _registry()
    register(
        registry=reg, resolvers={"lke:question": lambda c: {"P.1.a": "P.1.a Tim ZI"}}
    )
    row = describe(
        [
            FakeEvent(
                "lke.answer_saved",
                {"value": [None, "ya"], "layer": "self", "question": "P.1.a"},
                target_type="lke.answer",
                target_repr="P.1.a [self] ya",
            )
        ],
        reg,
    )[0]
    assert row.target == "P.1.a Tim ZI · Penilaian mandiri"
    assert row.changes == (ChangeRow("Jawaban", None, "Ya"),)


def test_a_bulk_entry_lists_the_entries_it_folded():
    row = describe(
        [
            FakeEvent(
                "lke.answers_imported",
                {
                    "layer": "self",
                    "changed": 1,
                    "entries": [
                        {
                            "action": "lke.answer_saved",
                            "target_type": "lke.answer",
                            "target": "P.1.a (Penilaian mandiri)",
                            "changes": {
                                "value": ["tidak", "ya"],
                                "layer": "self",
                                "question": "P.1.a",
                            },
                        }
                    ],
                },
            )
        ],
        _registry(),
    )[0]
    assert [c.label for c in row.changes] == ["Lapisan", "Changed"]
    (detail,) = row.details
    assert detail.action == "Jawaban LKE disimpan"
    assert detail.target == "P.1.a · Penilaian mandiri"
    assert detail.changes == (ChangeRow("Jawaban", "Tidak", "Ya"),)


@pytest.mark.django_db
def test_a_batch_writes_one_entry_and_keeps_the_chain_intact():
    with (
        transaction.atomic(),
        audit.batch(None, "lke.answers_imported", layer="self") as entry,
    ):
        for n in range(3):
            audit.record(None, "lke.answer_saved", question=f"P.{n}")
        entry.extra["changed"] = 3

    (event,) = AuditEvent.objects.all()
    assert event.action == "lke.answers_imported"
    assert event.changes["changed"] == 3
    assert [i["changes"]["question"] for i in event.changes["entries"]] == [
        "P.0",
        "P.1",
        "P.2",
    ]
    assert audit.verify_log().intact


@pytest.mark.django_db
def test_a_batch_that_records_nothing_or_fails_writes_nothing():
    with audit.batch(None, "lke.answers_imported"):
        pass
    with pytest.raises(RuntimeError), audit.batch(None, "lke.answers_imported"):
        audit.record(None, "lke.answer_saved", question="P.1")
        raise RuntimeError

    assert AuditEvent.objects.count() == 0
    audit.record(None, "lke.answer_saved", question="P.2")
    assert AuditEvent.objects.get().action == "lke.answer_saved"
