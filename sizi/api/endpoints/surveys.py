"""Read-only survey summaries: a unit's periods of a year, one period's results."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from sizi.api.auth import caller
from sizi.api.endpoints.common import CODE, ID, READ_ERRORS, YEAR
from sizi.api.schemas import (
    SkmFrequencyOut,
    SurveyItemOut,
    SurveyLkeValueOut,
    SurveyPeriodOut,
    SurveyResultsOut,
    SurveyServiceOut,
    SurveyYearOut,
    decimal_text,
)
from sizi.surveys import lke_inputs, results
from sizi.surveys.lke_inputs import SurveyLkeValue
from sizi.surveys.permissions import get_period_for_user
from sizi.units import permissions as unit_permissions

router = Router(tags=["Survei"])


def _lke_value(value: SurveyLkeValue | None) -> SurveyLkeValueOut | None:
    if value is None:
        return None
    return SurveyLkeValueOut(
        question=value.question,
        instrument=value.instrument_code,
        value=str(value.value),
        index=str(value.index),
        period_id=value.period_id,
        period_title=value.period_title,
        respondents=value.respondents,
        minimum=value.minimum,
        minimum_reached=value.minimum_reached,
        warning=value.warning,
        source=value.source,
    )


@router.get(
    "/units/{code}/surveys/{year}",
    response={200: SurveyYearOut, **READ_ERRORS},
    summary="Ringkasan survei setahun",
)
def survey_year(
    request: HttpRequest, code: str = CODE, year: int = YEAR
) -> SurveyYearOut:
    """List the year's survey periods and the values the LKE takes from them."""
    access = unit_permissions.get_unit_for_user(caller(request), code)
    unit = access.unit
    frequency = lke_inputs.skm_frequency(unit, year)
    return SurveyYearOut(
        unit=unit.code,
        year=year,
        periods=[
            SurveyPeriodOut(
                id=row.period_id,
                title=row.title,
                instrument=row.instrument_code,
                year=row.year,
                starts_on=row.starts_on,
                ends_on=row.ends_on,
                status=row.status,
                respondents=row.respondents,
                required=row.required,
                reached=row.reached,
                suspicious=row.suspicious,
            )
            for row in results.period_rows(unit)
            if row.year == year
        ],
        lke_values={
            question: _lke_value(value)
            for question, value in lke_inputs.hasil_inputs(unit, year).items()
        },
        skm_frequency=SkmFrequencyOut(
            question=frequency.question,
            count=frequency.count,
            letter=frequency.letter,
            period_titles=list(frequency.period_titles),
        ),
    )


@router.get(
    "/units/{code}/survey-periods/{period_id}",
    response={200: SurveyResultsOut, **READ_ERRORS},
    summary="Hasil satu periode survei",
)
def survey_results(
    request: HttpRequest, code: str = CODE, period_id: int = ID
) -> SurveyResultsOut:
    """Return a period's index, grade, sample and items, as the results page shows."""
    _access, period = get_period_for_user(caller(request), code, period_id)
    summary = results.period_results(period)
    return SurveyResultsOut(
        id=summary.period_id,
        title=summary.title,
        instrument=summary.instrument_code,
        instrument_version=summary.instrument_version,
        index_name=summary.index_name,
        status=summary.status,
        respondents=summary.respondents,
        required=summary.sample.required,
        reached=summary.reached,
        index=decimal_text(summary.index),
        converted=decimal_text(summary.converted),
        grade=summary.grade,
        grade_label=summary.grade_label,
        lke_value=decimal_text(summary.lke_value),
        suspicious=summary.suspicious,
        items=[
            SurveyItemOut(
                code=item.code,
                name=item.name,
                respondents=item.respondents,
                nrr=decimal_text(item.nrr),
                converted=decimal_text(item.converted),
            )
            for item in summary.items
        ],
        services=[
            SurveyServiceOut(
                name=row.name,
                respondents=row.respondents,
                minimum=row.minimum,
                reached=row.reached,
                index=decimal_text(row.index),
                grade=row.grade,
            )
            for row in summary.services
        ],
    )
