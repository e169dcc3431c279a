"""Filing generated documents (recaps, matrices, reports) as bukti fisik."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from sizi.core.models import AuditEvent
from sizi.evidence import services
from sizi.evidence.models import Evidence
from sizi.evidence.tests.conftest import pdf, second_coordinator

Status = Evidence.Status


def _document(text: str = "Rekap", **overrides: object) -> services.GeneratedDocument:
    fields: dict[str, object] = {
        "source": "cases.complaint_recap:2025",
        "title": "Rekapitulasi pengaduan 2025",
        "filename": "rekap-pengaduan-2025.pdf",
        "content": pdf(text),
        "document_date": date(2025, 12, 31),
        "period": "Tahun 2025",
        "questions": ["R.5.ii"],
    }
    fields.update(overrides)
    return services.GeneratedDocument(**fields)  # type: ignore[arg-type]


def test_first_filing_creates_a_submitted_item_with_its_source(tree, alice, steps):
    evidence = services.file_generated_document(
        tree["tanjabbar"], _document(), by=alice, steps=steps[:1]
    )
    assert evidence.status == Status.SUBMITTED
    assert (evidence.source, evidence.period, evidence.supported_questions) == (
        "cases.complaint_recap:2025",
        "Tahun 2025",
        ["R.5.ii"],
    )
    assert evidence.current_revision.number == 1
    assert evidence.current_revision.original_name == "rekap-pengaduan-2025.pdf"
    assert list(evidence.action_steps.all()) == steps[:1]
    event = AuditEvent.objects.get(action="evidence.generated_filed")
    assert event.unit_id == tree["tanjabbar"].pk


def test_identical_content_changes_nothing(tree, alice):
    first = services.file_generated_document(tree["tanjabbar"], _document(), by=alice)
    again = services.file_generated_document(tree["tanjabbar"], _document(), by=alice)
    assert again.pk == first.pk
    assert first.revisions.count() == 1
    assert (
        AuditEvent.objects.filter(action__startswith="evidence.generated").count() == 1
    )


def test_a_refresh_of_a_verified_item_adds_a_revision_for_review(tree, alice):
    unit = tree["tanjabbar"]
    evidence = services.file_generated_document(unit, _document("v1"), by=alice)
    services.verify_evidence(evidence, by=second_coordinator(unit))
    verified_revision = evidence.current_revision

    refreshed = services.file_generated_document(unit, _document("v2"), by=alice)

    assert refreshed.pk == evidence.pk
    assert refreshed.status == Status.SUBMITTED
    assert refreshed.current_revision.number == 2
    assert list(refreshed.revisions.order_by("number")) == [
        verified_revision,
        refreshed.current_revision,
    ]
    assert AuditEvent.objects.filter(action="evidence.generated_refreshed").count() == 1


def test_each_unit_has_its_own_item_per_source(tree, alice, charlie):
    mine = services.file_generated_document(tree["tanjabbar"], _document(), by=alice)
    theirs = services.file_generated_document(
        tree["tanjabtim"], _document(), by=charlie
    )
    assert mine.pk != theirs.pk


def test_a_document_without_a_source_or_with_a_bad_file_is_refused(tree, alice):
    with pytest.raises(ValidationError):
        services.file_generated_document(
            tree["tanjabbar"], _document(source=" "), by=alice
        )
    with pytest.raises(ValidationError):
        services.file_generated_document(
            tree["tanjabbar"], _document(content=b"MZ not a pdf"), by=alice
        )
    assert Evidence.objects.count() == 0
