"""Fixtures of the survey tests: loaded instruments, layanan, periods, responses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from sizi.surveys import services
from sizi.surveys.instruments.definition import Instrument
from sizi.surveys.instruments.loading import definition_of, ensure_instruments
from sizi.surveys.models import Response, ServiceType, SurveyInstrument, SurveyPeriod
from sizi.surveys.submission import ResponseInput
from sizi.units.models import Unit, User


@pytest.fixture
def instruments(db: None) -> dict[str, SurveyInstrument]:
    ensure_instruments()
    return {i.code: i for i in SurveyInstrument.objects.all()}


@pytest.fixture
def skm(instruments: dict[str, SurveyInstrument]) -> Instrument:
    return definition_of(instruments["skm"])


@pytest.fixture
def layanan(tree: dict[str, Unit], alice: User) -> list[ServiceType]:
    unit = tree["tanjabbar"]
    return [
        services.add_service_type(unit, name=name, by=alice)
        for name in ("Layanan informasi publik", "Layanan data pemilih")
    ]


def make_period(
    unit: Unit,
    instrument: SurveyInstrument,
    by: User,
    *,
    service_types: list[ServiceType] | None = None,
    population: int | None = 200,
    year: int = 2025,
    status: str = SurveyPeriod.Status.OPEN,
) -> SurveyPeriod:
    return services.create_period(
        unit,
        instrument=instrument,
        year=year,
        values=services.PeriodValues(
            title=f"{instrument.get_code_display()} {year}",
            starts_on=date(year, 1, 1),
            ends_on=date(year, 12, 31),
            population=population,
            service_types=service_types or [],
        ),
        by=by,
        status=status,
    )


@pytest.fixture
def period(
    tree: dict[str, Unit],
    instruments: dict[str, SurveyInstrument],
    layanan: list[ServiceType],
    alice: User,
) -> SurveyPeriod:
    return make_period(
        tree["tanjabbar"], instruments["skm"], alice, service_types=layanan
    )


def answers_for(period: SurveyPeriod, value: int | list[int]) -> dict[str, int]:
    codes = definition_of(period.instrument).question_codes
    values = value if isinstance(value, list) else [value] * len(codes)
    return dict(zip(codes, values, strict=True))


def filled(
    period: SurveyPeriod,
    value: int | list[int] = 3,
    service_type: ServiceType | None = None,
    **extra: Any,
) -> ResponseInput:
    fields: dict[str, Any] = {
        "gender": "P",
        "age_group": "30-39",
        "education": "s1",
        "occupation": "swasta",
    }
    fields.update(extra)
    return ResponseInput(
        answers=answers_for(period, value),
        service_type_id=service_type.pk if service_type else None,
        **fields,
    )


@pytest.fixture
def respond() -> Callable[..., Response]:
    def _respond(
        period: SurveyPeriod,
        value: int | list[int] = 3,
        service_type: ServiceType | None = None,
        *,
        channel: str = Response.Channel.ONLINE,
        by: User | None = None,
        **extra: Any,
    ) -> Response:
        if service_type is None:
            service_type = period.service_types.order_by("pk").first()
        return services.record_response(
            period, filled(period, value, service_type, **extra), channel=channel, by=by
        )

    return _respond
