"""Every write of the surveys app. Each function is one transaction with full_clean()
and an audit record (an anonymous online response excepted, see `responses`).

`periods`: create, edit, open, close, reopen, announce a period; `setup`: layanan
and extra questions; `responses`: a questionnaire, an imported file, a flag;
`follow_ups`: a follow-up filed as a Rencana Aksi step.
"""

from sizi.surveys.services.follow_ups import create_follow_up
from sizi.surveys.services.periods import (
    PeriodValues,
    close_period,
    create_period,
    ensure_year_period,
    open_period,
    publish_results,
    reopen_period,
    update_period,
)
from sizi.surveys.services.responses import (
    BURST,
    BURST_COUNT,
    BURST_WINDOW,
    SAME_DEVICE,
    ImportSource,
    allowed_service_ids,
    device_token_hash,
    has_answered,
    import_responses,
    instrument_of,
    record_response,
    set_suspicious,
)
from sizi.surveys.services.setup import (
    add_service_type,
    add_unit_question,
    update_service_type,
    update_unit_question,
)

__all__ = [
    "BURST",
    "BURST_COUNT",
    "BURST_WINDOW",
    "SAME_DEVICE",
    "ImportSource",
    "PeriodValues",
    "add_service_type",
    "add_unit_question",
    "allowed_service_ids",
    "close_period",
    "create_follow_up",
    "create_period",
    "device_token_hash",
    "ensure_year_period",
    "has_answered",
    "import_responses",
    "instrument_of",
    "open_period",
    "publish_results",
    "record_response",
    "reopen_period",
    "set_suspicious",
    "update_period",
    "update_service_type",
    "update_unit_question",
]
