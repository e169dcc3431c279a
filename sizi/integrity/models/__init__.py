"""The integrity registers' data, one module per register."""

from sizi.integrity.models.gratification import GratificationReport, UpgMember
from sizi.integrity.models.wealth import WealthReportCompliance

__all__ = ["GratificationReport", "UpgMember", "WealthReportCompliance"]
