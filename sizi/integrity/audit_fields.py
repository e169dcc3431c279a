"""Audit field labels of the integrity registers (see `sizi.core.audit_display`).

Gratification entries never hold the giver, the reporter or the value; only
their status and dates are labelled here.
"""

from __future__ import annotations

from sizi.core.audit_display import register, register_model
from sizi.integrity.models import (
    ConflictEvaluation,
    ConflictMapEntry,
    ControlAction,
    GratificationReport,
    Risk,
    RiskMonitoring,
    RiskRegister,
    Signature,
    StatementCampaign,
    StatementKind,
    StatementText,
    UpgMember,
    WealthReportCompliance,
)
from sizi.integrity.spip_rules import risk_rules
from sizi.plans.audit_fields import step_names

register_model("integrity.gratification", GratificationReport)
register_model("integrity.upg_member", UpgMember)
register_model("integrity.wealth", WealthReportCompliance)
register_model("integrity.risk_register", RiskRegister)
register_model("integrity.risk", Risk)
register_model("integrity.control_action", ControlAction)
register_model("integrity.risk_monitored", RiskMonitoring)
register_model("integrity.statement_text", StatementText)
register_model("integrity.campaign", StatementCampaign)
register_model("integrity.statement", Signature)
register_model("integrity.conflict", Signature)
register_model("integrity.conflict_map", ConflictMapEntry)
register_model("integrity.conflict_evaluated", ConflictEvaluation)
register_model("integrity.conflict_follow_up", ConflictEvaluation)
register(
    labels={
        "integrity:year": "tahun",
        "integrity.upg_member:member": "anggota UPG",
        "integrity.upg_member:decree": "SK",
        "integrity.wealth:people": "pegawai",
        "integrity.campaign:signers": "penanda tangan",
        "integrity.campaign:kind": "jenis pernyataan",
        "integrity.statement:campaign": "kampanye",
        "integrity.control_action:step": "langkah aksi",
        "integrity.control_action:target_date": "target",
        "integrity.conflict_follow_up:done_on": "selesai pada",
    },
    values={
        "integrity.campaign:kind": dict(StatementKind.choices),
        "integrity.risk:element": lambda key: risk_rules().element_label(str(key)),
    },
    resolvers={"integrity.control_action:step": step_names},
)
