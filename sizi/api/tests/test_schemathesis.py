"""Schemathesis against the OpenAPI document: no server error, no answer off-schema.

The schema is the API's own document; requests go through Django's WSGI
application with a valid token of a coordinator on seeded data (a plan with
steps, an evidence item, an LKE assessment), so both refusals and successful
reads and writes are exercised. The example count is bounded per operation.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from sizi.api import services
from sizi.api.api import api
from sizi.cases.tests.channel_fixtures import file_complaint
from sizi.evidence.tests.conftest import add_evidence
from sizi.lke import services as lke_services
from sizi.surveys import services as survey_services
from sizi.surveys.instruments.loading import ensure_instruments
from sizi.surveys.models import SurveyInstrument
from sizi.surveys.tests.conftest import filled, make_period

pytestmark = pytest.mark.django_db

#: Examples per API operation: enough to reach every branch the schema allows,
#: few enough that the whole run stays well under a minute.
EXAMPLES = 8


schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()


@pytest.fixture(autouse=True)
def _wsgi_app(settings: Any) -> Iterator[None]:
    """Serve the WSGI app inside the test's transaction, as Django's test client does.

    The handler closes the database connection after each request; the test
    client disconnects that signal for the request, and so does this fixture.
    """
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def token(tree, alice, bob, steps, instrument) -> str:
    """A coordinator's token on a unit with a plan, evidence, an assessment, a
    survey period with a response and a complaint."""
    add_evidence(tree["tanjabbar"], bob, steps=steps[:1])
    ensure_instruments()
    survey = SurveyInstrument.objects.get(code="skm")
    period = make_period(tree["tanjabbar"], survey, alice, year=2026)
    survey_services.record_response(
        period, filled(period, 4), channel="online", by=None
    )
    file_complaint(tree["tanjabbar"])
    lke_services.start_assessment(unit=tree["tanjabbar"], year=2026, by=alice)
    lke_services.start_assessment(
        unit=tree["tanjabbar"], year=timezone.localdate().year, by=alice
    )
    return services.create_token(by=alice, name="Schemathesis").secret


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_the_api_keeps_to_its_schema(case: Any, token: str) -> None:
    cache.clear()  # bad tokens of earlier examples must not reach the limit
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        # The pages' forms check more than a schema can say (a file's content, a
        # step of this unit's plan): a schema-valid upload may still be refused.
        excluded_checks=[positive_data_acceptance],
    )
