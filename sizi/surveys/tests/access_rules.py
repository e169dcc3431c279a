"""Access rules of the surveys app's URLs (see ``sizi.core.tests.access``).

Each unit gets a layanan, an extra question, a period in each status (an open
period of this year with one paper response, a draft for next year, a closed
and announced period of last year). Reading is for anyone who sees the unit,
running the surveys for its coordinator and leader, paper entry for PICs and
up (on a period that is not closed); the public pages go by token.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from sizi.core.tests.access import HIDDEN, Case, Rule, World, allow
from sizi.surveys import permissions, services
from sizi.surveys.instruments.loading import definition_of, ensure_instruments
from sizi.surveys.models import Response, SurveyInstrument, SurveyPeriod, UnitQuestion
from sizi.surveys.submission import ResponseInput
from sizi.units.models import Membership

UNIT_KEYS = ["jambi", "tanjabbar", "tanjabtim"]
Status = SurveyPeriod.Status


def build(world: World) -> None:
    """Give each unit layanan, a question, periods in each status and a response."""
    ensure_instruments()
    skm = SurveyInstrument.objects.get(code="skm")
    year = timezone.localdate().year
    for key in UNIT_KEYS:
        unit = world.units[key]
        coordinator = world.get(key, f"membership:{Membership.Role.COORDINATOR}").user
        pic = world.get(key, f"membership:{Membership.Role.TEAM}").user
        service_type = services.add_service_type(
            unit, name="Layanan informasi publik", by=coordinator
        )
        question = services.add_unit_question(
            unit,
            text="Dari mana Anda tahu layanan ini?",
            kind=_text_kind(),
            by=coordinator,
        )
        periods = {
            "open": _period(unit, skm, coordinator, year, Status.OPEN, service_type),
            "draft": _period(
                unit, skm, coordinator, year + 1, Status.DRAFT, service_type
            ),
            "closed": _period(
                unit, skm, coordinator, year - 1, Status.OPEN, service_type
            ),
        }
        services.close_period(periods["closed"], by=coordinator)
        services.publish_results(periods["closed"], by=coordinator, published=True)
        codes = definition_of(skm).question_codes
        response = services.record_response(
            periods["open"],
            ResponseInput(
                answers=dict.fromkeys(codes, 3), service_type_id=service_type.pk
            ),
            channel=Response.Channel.PAPER,
            by=pic,
        )
        world.put(key, "service_type", service_type)
        world.put(key, "unit_question", question)
        world.put(key, "response", response)
        for status, period in periods.items():
            world.put(key, f"period:{status}", period)


def _text_kind() -> str:
    return str(UnitQuestion.Kind.TEXT)


def _period(
    unit: Any, instrument: Any, by: Any, year: int, status: str, service_type: Any
) -> SurveyPeriod:
    return services.create_period(
        unit,
        instrument=instrument,
        year=year,
        values=services.PeriodValues(
            title=f"SKM {year}",
            starts_on=date(year, 1, 1),
            ends_on=date(year, 12, 31),
            population=200,
            service_types=[service_type],
        ),
        by=by,
        status=status,
    )


def manage(case: Case) -> bool:
    return permissions.can_manage_surveys(case.access)


def enter(case: Case) -> bool:
    period = case.world.get(case.unit_key, "period:open")
    return permissions.can_enter_into(case.access, period)


def kept_upload(case: Case) -> bool | int:
    """Without the ``?f=`` of a kept upload the step answers 404 to those who may."""
    return HIDDEN if manage(case) else False


def _pk(status: str) -> Any:
    def kwargs(case: Case) -> dict[str, Any]:
        return {"pk": case.world.get(case.unit_key, f"period:{status}").pk}

    return kwargs


OPEN = _pk("open")


def _object(name: str) -> Any:
    def kwargs(case: Case) -> dict[str, Any]:
        return {"pk": case.world.get(case.unit_key, name).pk}

    return kwargs


def _response(case: Case) -> dict[str, Any]:
    return {**OPEN(case), "response_pk": case.world.get(case.unit_key, "response").pk}


def _token(status: str) -> Any:
    def kwargs(case: Case) -> dict[str, Any]:
        period = case.world.get(case.unit_key, f"period:{status}")
        return {"token": period.public_token}

    return kwargs


def _published(case: Case) -> dict[str, Any]:
    return {"code": case.unit.code, **_token("closed")(case)}


def _read(kwargs: Any = None) -> Rule:
    if kwargs is None:
        return Rule("unit", get=allow, post=allow)
    return Rule("unit", get=allow, post=allow, kwargs=kwargs)


def _read_post(kwargs: Any) -> Rule:
    """A download started as a background job: POST by anyone who sees the unit."""
    return Rule("unit", get=None, post=allow, kwargs=kwargs)


def _manage_post(kwargs: Any) -> Rule:
    return Rule("unit", get=None, post=manage, kwargs=kwargs)


RULES: dict[str, Rule] = {
    "surveys:period_list": _read(),
    "surveys:period_create": Rule("unit", get=manage, post=manage),
    "surveys:setup": Rule("unit", get=manage, post=manage),
    "surveys:service_type_add": Rule("unit", get=None, post=manage),
    "surveys:service_type_toggle": _manage_post(_object("service_type")),
    "surveys:question_add": Rule("unit", get=None, post=manage),
    "surveys:question_toggle": _manage_post(_object("unit_question")),
    "surveys:period_detail": _read(OPEN),
    "surveys:period_edit": Rule("unit", get=manage, post=manage, kwargs=OPEN),
    "surveys:period_open": _manage_post(_pk("draft")),
    "surveys:period_close": _manage_post(OPEN),
    "surveys:period_reopen": _manage_post(_pk("closed")),
    "surveys:period_publish": _manage_post(_pk("closed")),
    "surveys:period_withdraw": _manage_post(_pk("closed")),
    "surveys:period_poster": _read(OPEN),
    "surveys:paper_entry": Rule("unit", get=enter, post=enter, kwargs=OPEN),
    "surveys:results": _read(_pk("closed")),
    "surveys:responses": _read(OPEN),
    "surveys:response_flag": _manage_post(_response),
    "surveys:follow_up": _manage_post(_pk("closed")),
    "surveys:report_pdf": _read_post(_pk("closed")),
    "surveys:report_docx": _read_post(_pk("closed")),
    "surveys:report_archive": _manage_post(_pk("closed")),
    # The import pages: the Manage rule on a period that is not closed.
    "surveys:import_upload": Rule("unit", get=manage, post=manage, kwargs=OPEN),
    "surveys:import_mapping": Rule("unit", get=kept_upload, post=None, kwargs=OPEN),
    "surveys:import_preview": Rule("unit", get=None, post=kept_upload, kwargs=OPEN),
    "surveys:import_confirm": _manage_post(OPEN),
    # Public pages, by the period's random token.
    "surveys:public_form": Rule("public", get=allow, post=allow, kwargs=_token("open")),
    "surveys:public_thanks": Rule(
        "public", get=allow, post=allow, kwargs=_token("open")
    ),
    "surveys:public_index": Rule("public", get=allow, post=allow),
    "surveys:public_results": Rule("public", get=allow, post=allow, kwargs=_published),
}
