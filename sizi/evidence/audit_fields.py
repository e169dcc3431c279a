"""Audit field labels of bukti fisik (see `sizi.core.audit_display`)."""

from __future__ import annotations

from collections.abc import Mapping

from sizi.core.audit_display import register, register_model, shorten
from sizi.evidence.models import Evidence, EvidenceRequest
from sizi.plans.audit_fields import step_names


def evidence_names(ids: set[str]) -> Mapping[str, str]:
    """Return {evidence id: its title}."""
    wanted = [int(i) for i in ids if i.isdigit()]
    found = Evidence.objects.filter(pk__in=wanted).only("title")
    return {str(e.pk): shorten(e.title, 70) for e in found}


register_model("evidence", Evidence)
register_model("evidence.request", EvidenceRequest)
register(
    labels={
        "evidence:steps": "langkah aksi yang didukung",
        "evidence:file": "berkas",
        "evidence:size": "ukuran (bita)",
        "evidence:number": "revisi ke",
        "evidence.request:evidence": "bukti",
    },
    resolvers={
        "evidence:steps": step_names,
        "evidence.request:evidence": evidence_names,
    },
    lists={"evidence:steps", "evidence.request:evidence"},
)
