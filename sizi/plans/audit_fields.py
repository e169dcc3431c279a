"""Audit field labels of the Rencana Aksi (see `sizi.core.audit_display`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sizi.core.audit_display import register, register_model, shorten
from sizi.plans.models import (
    ActionPlan,
    ActionStep,
    FollowUp,
    Indicator,
    Realisation,
    ReviewMeeting,
)

KINDS = {
    "area": "area",
    "component": "komponen",
    "indicator": "indikator",
    "step": "langkah aksi",
    "evidence": "bukti fisik",
}


def row_counts(counts: Any) -> str:
    """Spell an import's counts per kind of row, leaving out the zeros."""
    if not isinstance(counts, dict):
        return str(counts)
    shown = [f"{n} {KINDS.get(k, k)}" for k, n in counts.items() if n]
    return ", ".join(shown) or "tidak ada"


_PLAN_FIELDS = {f.name: str(f.verbose_name) for f in ActionPlan._meta.concrete_fields}


def step_names(ids: set[str]) -> Mapping[str, str]:
    """Return {step id: the step's text, cut at a word}."""
    wanted = [int(i) for i in ids if i.isdigit()]
    found = ActionStep.objects.filter(pk__in=wanted).only("text")
    return {str(s.pk): shorten(s.text, 70) for s in found}


register_model("plans.decree", ActionPlan)
register_model("plans.plan", ActionPlan)
register_model("plans.indicator", Indicator)
register_model("plans.step", ActionStep)
register_model("plans.realisation", Realisation)
register_model("plans.meeting", ReviewMeeting)
register_model("plans.follow_up", FollowUp)
register(
    labels={
        "plans:steps": "langkah aksi",
        "plans:owner": "PIC",
        "plans:due_on": "tenggat",
        "plans:held_on": "tanggal rapat",
        "plans:done_on": "tanggal pelaksanaan",
        "plans.plan:filename": "berkas",
        "plans.plan:created_plan": "rencana aksi baru",
        "plans.plan:created": "ditambahkan",
        "plans.plan:updated": "diubah",
        "plans.plan:removed": "dihapus",
        "plans.plan:removed_rows": "baris yang dihapus",
        "plans.plan:decree_changes": "data SK yang berubah",
        "plans.plan:area": "area",
        "plans.plan:component": "komponen",
        "plans.plan:indicator": "indikator",
        "plans.plan:step": "langkah",
        "plans.plan:evidence": "bukti fisik",
        "plans.row:text": "isi",
        "plans.plan:confirmed_warnings": "peringatan yang dikonfirmasi",
    },
    values={
        "plans.plan:created": row_counts,
        "plans.plan:updated": row_counts,
        "plans.plan:removed": row_counts,
        "plans.step:progress": lambda v: f"{v}%",
        "plans.plan:decree_changes": lambda v: _PLAN_FIELDS.get(str(v), str(v)),
    },
    resolvers={"plans:steps": step_names},
    lists={"plans:steps", "plans.plan:removed_rows", "plans.plan:confirmed_warnings"},
)
