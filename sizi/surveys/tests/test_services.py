"""Writes: periods and their status, layanan, extra questions, responses, flags."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sizi.core.models import AuditEvent
from sizi.plans.models import ActionPlan, Area, Component, Indicator
from sizi.surveys import services
from sizi.surveys.models import (
    FollowUp,
    Response,
    ResponseAnswer,
    ServiceType,
    SurveyInstrument,
    SurveyPeriod,
    UnitQuestion,
)
from sizi.surveys.submission import ResponseInput
from sizi.surveys.tests.conftest import answers_for, filled, make_period
from sizi.units.models import Unit, User

pytestmark = pytest.mark.django_db


def test_public_token_is_random_and_long_enough(
    period: SurveyPeriod,
    tree: dict[str, Unit],
    instruments: dict[str, SurveyInstrument],
    alice: User,
) -> None:
    other = make_period(tree["tanjabbar"], instruments["ipak"], alice)
    assert len(period.public_token) >= 16 and period.public_token != other.public_token


def test_period_dates_are_checked(
    tree: dict[str, Unit], instruments: dict[str, SurveyInstrument], alice: User
) -> None:
    values = services.PeriodValues(
        title="SKM", starts_on=date(2025, 6, 1), ends_on=date(2025, 5, 1)
    )
    with pytest.raises(ValidationError) as caught:
        services.create_period(
            tree["tanjabbar"],
            instrument=instruments["skm"],
            year=2024,
            values=values,
            by=alice,
        )
    assert set(caught.value.message_dict) == {"ends_on", "starts_on"}
    assert not SurveyPeriod.objects.exists()


def test_period_layanan_must_be_the_units(
    tree: dict[str, Unit],
    instruments: dict[str, SurveyInstrument],
    alice: User,
    charlie: User,
) -> None:
    foreign = services.add_service_type(
        tree["tanjabtim"], name="Layanan lain", by=charlie
    )
    with pytest.raises(ValidationError):
        make_period(
            tree["tanjabbar"], instruments["skm"], alice, service_types=[foreign]
        )
    assert not SurveyPeriod.objects.exists()


def test_open_close_and_reopen_are_audited(
    tree: dict[str, Unit], instruments: dict[str, SurveyInstrument], alice: User
) -> None:
    period = make_period(
        tree["tanjabbar"], instruments["skm"], alice, status=SurveyPeriod.Status.DRAFT
    )
    services.open_period(period, by=alice)
    with pytest.raises(ValidationError):
        services.open_period(period, by=alice)
    services.close_period(period, by=alice)
    assert period.closed_at is not None
    services.reopen_period(period, by=alice)
    actions = list(
        AuditEvent.objects.filter(target_type="surveys.surveyperiod").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == sorted(
        [
            "surveys.period_created",
            "surveys.period_opened",
            "surveys.period_closed",
            "surveys.period_opened",
        ]
    )


def test_update_period_records_the_changed_layanan(
    period: SurveyPeriod, layanan: list[ServiceType], alice: User
) -> None:
    values = services.PeriodValues(
        title="SKM Semester I", starts_on=date(2025, 1, 1), ends_on=date(2025, 6, 30),
        population=300, service_types=layanan[:1], service_populations={layanan[0].pk: 300},
    )  # fmt: skip
    services.update_period(period, values=values, by=alice)
    period.refresh_from_db()
    assert (period.title, period.population) == ("SKM Semester I", 300)
    assert list(period.service_types.all()) == layanan[:1]
    event = AuditEvent.objects.get(action="surveys.period_updated")
    assert event.changes["service_types"][1] == ["Layanan informasi publik"]


def test_layanan_and_extra_questions(tree: dict[str, Unit], alice: User) -> None:
    unit = tree["tanjabbar"]
    first = services.add_service_type(unit, name="Layanan informasi", by=alice)
    with pytest.raises(ValidationError):
        services.add_service_type(unit, name="Layanan informasi", by=alice)
    services.update_service_type(
        first, name="Layanan informasi publik", is_active=False, by=alice
    )
    assert ServiceType.objects.get().name == "Layanan informasi publik"
    question = services.add_unit_question(
        unit,
        text="Dari mana Anda tahu layanan ini?",
        kind="choice",
        options=["Teman", "Media sosial", " "],
        by=alice,
    )
    assert question.options == ["Teman", "Media sosial"] and question.code.startswith(
        "dari-mana"
    )
    with pytest.raises(ValidationError):
        services.add_unit_question(
            unit, text="Satu pilihan", kind="choice", options=["Ya"], by=alice
        )
    services.update_unit_question(
        question,
        text=question.text,
        options=["Teman", "Spanduk"],
        is_active=True,
        by=alice,
    )
    assert UnitQuestion.objects.count() == 1
    assert AuditEvent.objects.filter(action__startswith="surveys.").count() == 4


def test_a_response_is_stored_whole(
    period: SurveyPeriod, layanan: list[ServiceType]
) -> None:
    response = services.record_response(
        period,
        filled(period, 4, layanan[0], suggestion=" Antrean lebih cepat "),
        channel="online",
        by=None,
    )
    assert response.suggestion == "Antrean lebih cepat"
    assert ResponseAnswer.objects.filter(response=response).count() == 9
    assert not AuditEvent.objects.filter(action="surveys.response_entered").exists()


def test_an_incomplete_response_stores_nothing(
    period: SurveyPeriod, layanan: list[ServiceType]
) -> None:
    data = ResponseInput(
        answers={"U1": 4, "U2": 5}, service_type_id=layanan[0].pk, gender="X"
    )
    with pytest.raises(ValidationError) as caught:
        services.record_response(period, data, channel="online", by=None)
    messages = caught.value.messages
    assert "U2 Sistem, Mekanisme, dan Prosedur: nilai 5 di luar skala 1–4." in messages
    assert "U3 Waktu Penyelesaian: belum dijawab." in messages
    assert "Jenis kelamin: pilihan 'X' tidak dikenal." in messages
    assert "Usia: wajib diisi." in messages
    assert not Response.objects.exists() and not ResponseAnswer.objects.exists()


def test_layanan_is_required_and_must_be_the_periods(
    period: SurveyPeriod, tree: dict[str, Unit], charlie: User
) -> None:
    foreign = services.add_service_type(
        tree["tanjabtim"], name="Layanan Tanjabtim", by=charlie
    )
    with pytest.raises(ValidationError, match="wajib dipilih"):
        services.record_response(
            period, filled(period, 3, None), channel="online", by=None
        )
    with pytest.raises(ValidationError, match="tidak termasuk"):
        services.record_response(
            period, filled(period, 3, foreign), channel="online", by=None
        )


def test_online_answers_need_an_open_period_paper_needs_not_closed(
    tree: dict[str, Unit],
    instruments: dict[str, SurveyInstrument],
    alice: User,
    bob: User,
) -> None:
    period = make_period(
        tree["tanjabbar"], instruments["skm"], alice, status=SurveyPeriod.Status.DRAFT
    )
    with pytest.raises(ValidationError, match="belum dibuka"):
        services.record_response(period, filled(period), channel="online", by=None)
    paper = services.record_response(
        period, filled(period, gender=""), channel="kertas", by=bob
    )
    assert paper.entered_by == bob and paper.gender == ""
    assert AuditEvent.objects.filter(action="surveys.response_entered").count() == 1
    services.open_period(period, by=alice)
    services.close_period(period, by=alice)
    with pytest.raises(ValidationError, match="sudah ditutup"):
        services.record_response(period, filled(period), channel="kertas", by=bob)


def test_a_period_without_layanan_accepts_the_units_active_ones(
    tree: dict[str, Unit],
    instruments: dict[str, SurveyInstrument],
    layanan: list[ServiceType],
    alice: User,
) -> None:
    period = make_period(tree["tanjabbar"], instruments["skm"], alice)
    assert services.allowed_service_ids(period) == {s.pk for s in layanan}
    services.record_response(
        period, filled(period, 3, layanan[1]), channel="online", by=None
    )


def test_same_device_is_stored_and_flagged(
    period: SurveyPeriod, layanan: list[ServiceType]
) -> None:
    first = services.record_response(
        period,
        filled(period, 3, layanan[0]),
        channel="online",
        by=None,
        device_token="token-perangkat-satu-123",
    )
    assert services.has_answered(period, "token-perangkat-satu-123")
    assert not services.has_answered(period, "token-lain-456")
    again = services.record_response(
        period,
        filled(period, 4, layanan[0]),
        channel="online",
        by=None,
        device_token="token-perangkat-satu-123",
    )
    assert not first.is_suspicious
    assert again.is_suspicious and again.suspicious_reason == services.SAME_DEVICE
    assert (
        "token-perangkat" not in again.device_token_hash
        and len(again.device_token_hash) == 64
    )
    assert Response.objects.filter(period=period).count() == 2


def test_a_burst_of_online_answers_is_flagged_not_dropped(
    period: SurveyPeriod, layanan: list[ServiceType]
) -> None:
    start = timezone.now()
    for n in range(services.BURST_COUNT):
        data = filled(period, 3, layanan[0], submitted_at=start + timedelta(seconds=n))
        services.record_response(period, data, channel="online", by=None)
    responses = Response.objects.filter(period=period)
    assert responses.count() == services.BURST_COUNT
    assert (
        responses.filter(is_suspicious=True, suspicious_reason=services.BURST).count()
        == services.BURST_COUNT
    )


def test_slow_answers_are_not_a_burst(
    period: SurveyPeriod, layanan: list[ServiceType]
) -> None:
    start = timezone.now()
    for n in range(services.BURST_COUNT):
        data = filled(period, 3, layanan[0], submitted_at=start + timedelta(minutes=n))
        services.record_response(period, data, channel="online", by=None)
    assert not Response.objects.filter(is_suspicious=True).exists()


def test_set_suspicious_keeps_the_row(
    period: SurveyPeriod, respond: Callable[..., Response], alice: User
) -> None:
    response = respond(period)
    services.set_suspicious(
        response, suspicious=True, reason="Isian sama persis", by=alice
    )
    services.set_suspicious(
        response, suspicious=True, reason="Isian sama persis", by=alice
    )
    response.refresh_from_db()
    assert response.is_suspicious and response.suspicious_reason == "Isian sama persis"
    assert AuditEvent.objects.filter(action="surveys.response_flagged").count() == 1
    services.set_suspicious(response, suspicious=False, by=alice)
    response.refresh_from_db()
    assert not response.is_suspicious and response.suspicious_reason == ""


def test_ensure_year_period_creates_once_and_refuses_ambiguity(
    tree: dict[str, Unit], instruments: dict[str, SurveyInstrument], alice: User
) -> None:
    unit, skm = tree["tanjabbar"], instruments["skm"]
    period, created = services.ensure_year_period(
        unit, instrument=skm, year=2025, by=None
    )
    assert (
        created
        and period.is_open
        and (period.starts_on, period.ends_on) == (date(2025, 1, 1), date(2025, 12, 31))
    )
    assert services.ensure_year_period(unit, instrument=skm, year=2025, by=None) == (
        period,
        False,
    )
    make_period(unit, skm, alice)
    with pytest.raises(ValidationError, match="beberapa periode terbuka"):
        services.ensure_year_period(unit, instrument=skm, year=2025, by=None)


def test_follow_up_becomes_a_plan_step_with_owners(
    period: SurveyPeriod, alice: User, bob: User, tree: dict[str, Unit]
) -> None:
    plan = ActionPlan.objects.create(unit=tree["tanjabbar"], year=2025)
    area = Area.objects.create(
        plan=plan,
        numeral="VI",
        title="Peningkatan Kualitas Pelayanan Publik",
        lke_area="PP",
    )
    component = Component.objects.create(area=area, name="Penilaian Kepuasan Pelayanan")
    indicator = Indicator.objects.create(
        component=component, text="Hasil survei ditindaklanjuti"
    )
    follow_up = services.create_follow_up(
        period,
        question="U3",
        text="Tambah loket",
        indicator=indicator,
        owners=[bob],
        by=alice,
    )
    assert follow_up.step is not None and follow_up.step.indicator == indicator
    assert list(follow_up.step.owners.all()) == [bob]
    with pytest.raises(ValidationError):
        services.create_follow_up(
            period, question="X9", text="?", indicator=indicator, by=alice
        )
    assert FollowUp.objects.count() == 1


def test_answers_helper_covers_every_question(period: SurveyPeriod) -> None:
    assert list(answers_for(period, 2)) == [f"U{n}" for n in range(1, 10)]
