"""Services: storage, revisions, the review state machine, requests and the audit log."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage

from sizi.core.models import AuditEvent
from sizi.evidence import services
from sizi.evidence.models import (
    Evidence,
    EvidenceRequest,
    EvidenceRevision,
    EvidenceStatusChange,
)
from sizi.evidence.tests.conftest import PNG, add_evidence, incoming, pdf, stored_files
from sizi.evidence.tests.test_validation import bomb

Status = Evidence.Status
DATA = services.EvidenceData(title="SK Tim", document_date=date(2026, 2, 1))


def test_upload_stores_file_with_hash_and_audit(tree, bob, steps) -> None:
    data = pdf("SK")
    [evidence] = services.upload_evidence(
        tree["tanjabbar"], [incoming("sk.pdf", data)], DATA, by=bob, steps=steps[:1]
    )
    revision = evidence.current_revision
    assert (revision.number, revision.original_name, revision.size) == (
        1,
        "sk.pdf",
        len(data),
    )
    assert revision.sha256 == hashlib.sha256(data).hexdigest()
    assert revision.content_type == "application/pdf"
    with default_storage.open(revision.file.name, "rb") as stored:
        assert stored.read() == data
    assert (
        "sk" not in revision.file.name.rsplit("/", 1)[-1]
    )  # storage name is not the user's
    assert list(evidence.action_steps.all()) == steps[:1]
    assert evidence.status == Status.DRAFT
    event = AuditEvent.objects.get(action="evidence.uploaded")
    assert event.changes["sha256"] == revision.sha256
    assert event.unit_id == tree["tanjabbar"].pk


def test_many_files_make_many_items(tree, bob, settings) -> None:
    created = services.upload_evidence(
        tree["tanjabbar"],
        [incoming("a.pdf", pdf("a")), incoming("b.pdf", pdf("b"))],
        DATA,
        by=bob,
        submit=True,
    )
    assert [e.title for e in created] == ["SK Tim — a", "SK Tim — b"]
    assert {e.status for e in created} == {Status.SUBMITTED}
    assert len(stored_files(settings)) == 2


def test_batch_with_one_bad_file_leaves_nothing_behind(tree, bob, settings) -> None:
    with pytest.raises(ValidationError, match="tidak sesuai"):
        services.upload_evidence(
            tree["tanjabbar"],
            [incoming("a.pdf", pdf("a")), incoming("b.pdf", PNG)],
            DATA,
            by=bob,
        )
    assert stored_files(settings) == []
    assert Evidence.objects.count() == 0
    assert EvidenceRevision.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="evidence.").exists()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("kosong.pdf", b""),
        ("foto.pdf", PNG),
        ("../x.pdf", pdf()),
        ("a\x00.pdf", pdf()),
        ("teks.pdf", b"plain text"),
        ("bom.docx", bomb(30 * 1024 * 1024)),
    ],
)
def test_bad_upload_leaves_nothing_behind(tree, bob, settings, name, data) -> None:
    with pytest.raises(ValidationError):
        services.upload_evidence(
            tree["tanjabbar"], [incoming(name, data)], DATA, by=bob
        )
    assert stored_files(settings) == []
    assert (Evidence.objects.count(), EvidenceRevision.objects.count()) == (0, 0)


def test_failure_after_storing_removes_the_file(
    tree, bob, settings, monkeypatch
) -> None:
    def explode(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(services.audit, "record", explode)
    with pytest.raises(RuntimeError):
        services.upload_evidence(
            tree["tanjabbar"], [incoming("a.pdf", pdf())], DATA, by=bob
        )
    assert stored_files(settings) == []
    assert Evidence.objects.count() == 0


def test_revision_keeps_old_versions_and_resets_review(tree, bob, alice) -> None:
    evidence = add_evidence(
        tree["tanjabbar"], bob, status=Status.VERIFIED, verifier=alice
    )
    first = evidence.current_revision
    new_data = pdf("versi dua")
    revision = services.add_revision(evidence, incoming("v2.pdf", new_data), by=bob)
    evidence.refresh_from_db()
    assert evidence.current_revision == revision
    assert [r.number for r in evidence.revisions.all()] == [2, 1]
    assert revision.sha256 == hashlib.sha256(new_data).hexdigest()
    assert default_storage.exists(first.file.name)
    assert evidence.status == Status.DRAFT
    assert evidence.status_changes.last().note == "Revisi 2 diunggah."


def test_bad_revision_leaves_item_unchanged(tree, bob, settings) -> None:
    evidence = add_evidence(tree["tanjabbar"], bob)
    before = stored_files(settings)
    with pytest.raises(ValidationError):
        services.add_revision(evidence, incoming("v2.pdf", PNG), by=bob)
    evidence.refresh_from_db()
    assert stored_files(settings) == before
    assert evidence.revisions.count() == 1


def test_review_state_machine_and_history(tree, bob, alice) -> None:
    evidence = add_evidence(tree["tanjabbar"], bob)
    with pytest.raises(ValidationError):
        services.verify_evidence(evidence, by=alice)
    services.submit_evidence(evidence, by=bob)
    services.return_evidence(evidence, by=alice, note="Tanda tangan kurang")
    services.submit_evidence(evidence, by=bob)
    services.verify_evidence(evidence, by=alice, note="Lengkap")
    history = list(
        EvidenceStatusChange.objects.filter(evidence=evidence).values_list(
            "to_status", "note"
        )
    )
    assert history == [
        (Status.DRAFT, ""),
        (Status.SUBMITTED, ""),
        (Status.RETURNED, "Tanda tangan kurang"),
        (Status.SUBMITTED, ""),
        (Status.VERIFIED, "Lengkap"),
    ]
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions[-4:] == [
        "evidence.submitted",
        "evidence.returned",
        "evidence.submitted",
        "evidence.verified",
    ]


def test_return_needs_a_note(tree, bob, alice) -> None:
    evidence = add_evidence(tree["tanjabbar"], bob, status=Status.SUBMITTED)
    with pytest.raises(ValidationError):
        services.return_evidence(evidence, by=alice, note="  ")
    evidence.refresh_from_db()
    assert evidence.status == Status.SUBMITTED


def test_link_registration(tree, bob) -> None:
    evidence = services.register_link(
        tree["tanjabbar"], "https://kpu.go.id/berita/1", DATA, by=bob, submit=True
    )
    assert (evidence.kind, evidence.status, evidence.current_revision) == (
        Evidence.Kind.LINK,
        Status.SUBMITTED,
        None,
    )
    with pytest.raises(ValidationError):
        services.add_revision(evidence, incoming("a.pdf", pdf()), by=bob)


def test_steps_of_another_unit_are_refused(tree, bob, steps) -> None:
    with pytest.raises(ValidationError, match="rencana aksi unit ini"):
        services.upload_evidence(
            tree["tanjabtim"], [incoming("a.pdf", pdf())], DATA, by=bob, steps=steps[:1]
        )


def test_set_steps_links_and_unlinks(tree, bob, steps) -> None:
    evidence = add_evidence(tree["tanjabbar"], bob, steps=steps[:2])
    services.set_evidence_steps(evidence, [steps[2]], by=bob)
    assert list(evidence.action_steps.all()) == [steps[2]]
    event = AuditEvent.objects.get(action="evidence.steps_changed")
    assert event.changes["steps"] == [[steps[0].pk, steps[1].pk], [steps[2].pk]]


def test_request_lifecycle(tree, alice, bob, steps) -> None:
    request = services.create_request(
        tree["tanjabbar"],
        requested_from=bob,
        title="SK Tim",
        due_date=date(2026, 4, 1),
        step=steps[0],
        by=alice,
    )
    evidence = add_evidence(tree["tanjabbar"], bob)
    services.fulfil_request(request, evidence, by=bob)
    request.refresh_from_db()
    assert (request.status, request.fulfilled_by) == (
        EvidenceRequest.Status.FULFILLED,
        evidence,
    )
    assert list(evidence.action_steps.all()) == [steps[0]]
    with pytest.raises(ValidationError):
        services.cancel_request(request, by=alice)


def test_request_to_non_member_is_refused(tree, alice, charlie) -> None:
    with pytest.raises(ValidationError):
        services.create_request(
            tree["tanjabbar"],
            requested_from=charlie,
            title="x",
            due_date=date(2026, 4, 1),
            by=alice,
        )


def test_request_fulfilled_with_other_units_evidence_is_refused(
    tree, alice, bob, charlie
) -> None:
    request = services.create_request(
        tree["tanjabbar"],
        requested_from=bob,
        title="x",
        due_date=date(2026, 4, 1),
        by=alice,
    )
    other = add_evidence(tree["tanjabtim"], charlie)
    with pytest.raises(ValidationError):
        services.fulfil_request(request, other, by=bob)


def test_oversize_upload_leaves_nothing_behind(tree, bob, settings) -> None:
    settings.EVIDENCE_MAX_UPLOAD_SIZE = 500
    with pytest.raises(ValidationError, match="melebihi batas"):
        services.upload_evidence(
            tree["tanjabbar"], [incoming("a.pdf", pdf() + b"0" * 600)], DATA, by=bob
        )
    assert stored_files(settings) == []
    assert (Evidence.objects.count(), EvidenceRevision.objects.count()) == (0, 0)


def test_nobody_verifies_their_own_upload(tree, alice) -> None:
    evidence = add_evidence(tree["tanjabbar"], alice, status=Status.SUBMITTED)

    with pytest.raises(ValidationError, match="diverifikasi orang lain"):
        services.verify_evidence(evidence, by=alice)
    evidence.refresh_from_db()
    assert evidence.status == Status.SUBMITTED


def test_editing_a_verified_item_sends_it_back_for_verification(
    tree, bob, alice
) -> None:
    evidence = add_evidence(
        tree["tanjabbar"], bob, status=Status.VERIFIED, verifier=alice
    )

    services.update_evidence(
        evidence,
        services.EvidenceData(title="Judul lain", document_date=evidence.document_date),
        by=bob,
    )

    evidence.refresh_from_db()
    last = EvidenceStatusChange.objects.filter(evidence=evidence).latest("pk")
    assert (evidence.status, last.note) == (
        Status.SUBMITTED,
        "Diubah setelah diverifikasi; perlu diverifikasi ulang.",
    )
