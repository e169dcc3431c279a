"""A public submission costs the same number of queries however many came before."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sizi.surveys import services
from sizi.surveys.models import ServiceType, SurveyPeriod
from sizi.surveys.tests.conftest import filled

pytestmark = pytest.mark.django_db


def _cost(period: SurveyPeriod, layanan: ServiceType, token: str) -> int:
    data = filled(period, 3, layanan)
    with CaptureQueriesContext(connection) as captured:
        services.record_response(
            period, data, channel="online", by=None, device_token=token
        )
    return len(captured)


def test_record_response_query_count_is_flat(
    period: SurveyPeriod, layanan: list[ServiceType]
) -> None:
    first = _cost(period, layanan[0], "perangkat-pertama-000000")
    for n in range(20):
        services.record_response(
            period, filled(period, 1 + n % 4, layanan[n % 2]), channel="kertas", by=None
        )
    later = _cost(period, layanan[1], "perangkat-kedua-0000000")
    # layanan ids, same device, insert, answers, burst count (+ savepoint, release)
    assert first == later == 7
