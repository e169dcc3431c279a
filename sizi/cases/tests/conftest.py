"""Fixtures of the cases tests."""

# --- WBS ------------------------------------------------------------------------
from sizi.cases.tests.wbs_fixtures import (  # noqa: F401
    _fresh_rate_limits,
    custodian,
    handler,
    other_handler,
    seeded,
)
