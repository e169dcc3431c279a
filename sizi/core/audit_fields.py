"""Audit field labels of core's own models (see `sizi.core.audit_display`)."""

from __future__ import annotations

from sizi.core.audit_display import register, register_model
from sizi.core.models import CalendarDay

register_model("core.calendar_day", CalendarDay)
register(
    labels={
        "audit.chain_verified:checked": "peristiwa diperiksa",
        "audit.chain_verified:intact": "rantai utuh",
        "version": "versi",
        "core.calendar_loaded:created": "hari ditambahkan",
        "core.calendar_loaded:updated": "hari diubah",
        "core.calendar_loaded:removed": "hari dihapus",
    },
    values={"version": str},
    hidden={"audit.chain_verified:problem"},
)
