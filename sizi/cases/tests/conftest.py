"""Fixtures of the cases tests."""

# --- WBS ------------------------------------------------------------------------
# --- Complaints and PPID -----------------------------------------------------------
from sizi.cases.tests.channel_fixtures import (  # noqa: E402, F401
    _fresh_cache,
    clerk,
    complaint,
    info_request,
    ppid_officer,
    ppid_superior,
)
from sizi.cases.tests.wbs_fixtures import (  # noqa: F401
    _fresh_rate_limits,
    custodian,
    handler,
    other_handler,
    seeded,
)
