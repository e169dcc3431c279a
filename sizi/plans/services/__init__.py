"""Writes to action plans. Every change goes through here and lands in the audit log.

`importing` brings a parsed decree into a plan; `work` holds the writes made while
following it (PICs, status, realisations, edits, monev); `rows` the shared
validated saves.
"""

from sizi.plans.services.importing import (
    ImportResult,
    decree_mismatches,
    import_plan,
    parse_errors_message,
)
from sizi.plans.services.rows import target_fields
from sizi.plans.services.work import (
    add_follow_up,
    add_realisation,
    add_step,
    assign_owners,
    edit_indicator,
    edit_step_text,
    record_meeting,
    remove_step,
    set_follow_up_done,
    update_decree,
    update_step,
)

__all__ = [
    "ImportResult",
    "add_follow_up",
    "add_realisation",
    "add_step",
    "decree_mismatches",
    "assign_owners",
    "edit_indicator",
    "edit_step_text",
    "import_plan",
    "parse_errors_message",
    "record_meeting",
    "remove_step",
    "set_follow_up_done",
    "target_fields",
    "update_decree",
    "update_step",
]
