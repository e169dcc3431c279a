"""The integrity registers' data, one module per register."""

from sizi.integrity.models.conflict import (
    ConflictEvaluation,
    ConflictMapEntry,
    Signature,
    StatementCampaign,
    StatementKind,
    StatementText,
)
from sizi.integrity.models.gratification import GratificationReport, UpgMember
from sizi.integrity.models.risk import ControlAction, Risk, RiskMonitoring, RiskRegister
from sizi.integrity.models.wealth import WealthReportCompliance

__all__ = [
    "ConflictEvaluation",
    "ConflictMapEntry",
    "ControlAction",
    "GratificationReport",
    "Risk",
    "RiskMonitoring",
    "RiskRegister",
    "Signature",
    "StatementCampaign",
    "StatementKind",
    "StatementText",
    "UpgMember",
    "WealthReportCompliance",
]
