"""The rules of `surveys.permissions` themselves (the URL matrix is in test_permissions.py)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from sizi.surveys import permissions, services
from sizi.surveys.models import ServiceType, SurveyInstrument, SurveyPeriod
from sizi.surveys.tests.conftest import make_period
from sizi.units.models import Unit, User
from sizi.units.permissions import access_for

pytestmark = pytest.mark.django_db
CODE = "kpu-tanjabbar"


@pytest.mark.parametrize(
    ("persona", "manage", "paper"),
    [
        ("alice", True, True),
        ("lena", True, True),
        ("bob", False, True),
        ("vera", False, False),
        ("rina", False, False),
    ],
)
def test_rights_by_role(
    period: SurveyPeriod,
    persona: str,
    manage: bool,
    paper: bool,
    request: pytest.FixtureRequest,
    tree: dict[str, Unit],
) -> None:
    user = request.getfixturevalue(persona)
    rights = permissions.rights_for(access_for(user, tree["tanjabbar"]), period)
    assert rights.can_view
    assert (rights.can_manage, rights.can_import, rights.can_follow_up) == (
        manage,
        manage,
        manage,
    )
    assert rights.can_enter_paper == paper
    assert rights.can_close == manage and not rights.can_open


def test_rights_follow_the_period_status(
    period: SurveyPeriod, alice: User, bob: User, tree: dict[str, Unit]
) -> None:
    services.close_period(period, by=alice)
    coordinator = permissions.rights_for(access_for(alice, tree["tanjabbar"]), period)
    pic = permissions.rights_for(access_for(bob, tree["tanjabbar"]), period)
    assert (
        not coordinator.can_import
        and not coordinator.can_close
        and coordinator.can_generate_report
    )
    assert not pic.can_enter_paper
    without_period = permissions.rights_for(access_for(alice, tree["tanjabbar"]))
    assert without_period.can_manage and not without_period.can_follow_up


def test_another_units_objects_are_404(
    period: SurveyPeriod, layanan: list[ServiceType], charlie: User, alice: User
) -> None:
    question = services.add_unit_question(
        period.unit, text="Kesan Anda?", kind="text", by=alice
    )
    with pytest.raises(Http404):
        permissions.get_period_for_user(charlie, CODE, period.pk)
    with pytest.raises(Http404):
        permissions.get_period_for_user(charlie, "kpu-tanjabtim", period.pk)
    with pytest.raises(Http404):
        permissions.get_service_type_for_user(charlie, "kpu-tanjabtim", layanan[0].pk)
    with pytest.raises(Http404):
        permissions.get_unit_question_for_user(charlie, "kpu-tanjabtim", question.pk)
    with pytest.raises(Http404):
        permissions.get_period_for_user(AnonymousUser(), CODE, period.pk)
    access, found = permissions.get_period_for_user(alice, CODE, period.pk)
    assert found == period and access.unit.code == CODE


def test_reviewers_above_read_the_period(
    period: SurveyPeriod, rina: User, tia: User
) -> None:
    for user in (rina, tia):
        _, found = permissions.get_period_for_user(user, CODE, period.pk)
        assert found == period


def test_public_period_needs_the_exact_token_and_no_draft(
    tree: dict[str, Unit], instruments: dict[str, SurveyInstrument], alice: User
) -> None:
    draft = make_period(
        tree["tanjabbar"], instruments["skm"], alice, status=SurveyPeriod.Status.DRAFT
    )
    with pytest.raises(Http404):
        permissions.get_public_period(CODE, draft.public_token)
    services.open_period(draft, by=alice)
    assert permissions.get_public_period(CODE, draft.public_token) == draft
    with pytest.raises(Http404):
        permissions.get_public_period("kpu-tanjabtim", draft.public_token)
    with pytest.raises(Http404):
        permissions.get_public_period(CODE, draft.public_token[:-1])
