"""The integrity registers' data, one module per register."""

from sizi.integrity.models.gratification import GratificationReport, UpgMember

__all__ = ["GratificationReport", "UpgMember"]
