"""Frozen snapshots of an assessment: canonical JSON and its SHA-256."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sizi.lke.models import Answer, Assessment, ResultInput, ReviewNote


def canonical_json(data: Any) -> bytes:
    """Return the canonical UTF-8 JSON of `data` (sorted keys, no spaces)."""
    return json.dumps(
        data, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")


def sha256_of(data: Any) -> str:
    """Return the SHA-256 of the canonical JSON of `data`."""
    return hashlib.sha256(canonical_json(data)).hexdigest()


def _evidence_entry(evidence: Any) -> dict[str, Any]:
    revision = evidence.current_revision
    return {
        "id": evidence.pk,
        "title": evidence.title,
        "kind": evidence.kind,
        "status": evidence.status,
        "url": evidence.url,
        "document_date": evidence.document_date.isoformat()
        if evidence.document_date
        else None,
        "revision": revision.number if revision else None,
        "file": revision.original_name if revision else None,
        "sha256": revision.sha256 if revision else None,
    }


def build_snapshot(assessment: Assessment) -> dict[str, Any]:
    """Return the plain-data picture of an assessment: answers, notes, evidence."""
    answers = (
        Answer.objects.filter(assessment=assessment)
        .select_related("question", "updated_by")
        .prefetch_related("evidence__current_revision")
        .order_by("question__order", "layer")
    )
    results = ResultInput.objects.filter(assessment=assessment).order_by("layer")
    notes = (
        ReviewNote.objects.filter(assessment=assessment)
        .select_related("question", "author")
        .order_by("question__order", "created_at", "pk")
    )
    return {
        "assessment": {
            "unit": assessment.unit.code,
            "unit_name": assessment.unit.name,
            "year": assessment.year,
            "instrument": assessment.instrument.code,
            "instrument_version": assessment.instrument.version,
            "instrument_sha256": assessment.instrument.source_hash,
            "status": assessment.status,
            "approved_at": assessment.approved_at.isoformat()
            if assessment.approved_at
            else None,
            "approved_by": assessment.approved_by.username
            if assessment.approved_by
            else None,
            "recommendation": assessment.recommendation,
            "adopted_layer": assessment.adopted_layer,
        },
        "answers": [
            {
                "question": a.question.code,
                "layer": a.layer,
                "value": a.value,
                "inputs": a.inputs,
                "note": a.note,
                "version": a.version,
                "updated_by": a.updated_by.get_username() if a.updated_by else None,
                "evidence": [_evidence_entry(e) for e in a.evidence.all()],
            }
            for a in answers
        ],
        "results": [
            {
                "layer": r.layer,
                "ipak": str(r.ipak) if r.ipak is not None else None,
                "ipak_source": r.ipak_source,
                "ipkp": str(r.ipkp) if r.ipkp is not None else None,
                "ipkp_source": r.ipkp_source,
                "performance": r.performance,
                "performance_note": r.performance_note,
            }
            for r in results
        ],
        "review_notes": [
            {
                "question": n.question.code,
                "layer": n.layer,
                "text": n.text,
                "returned": n.returned,
                "resolved": n.resolved,
                "author": n.author.get_username() if n.author else None,
            }
            for n in notes
        ],
    }
