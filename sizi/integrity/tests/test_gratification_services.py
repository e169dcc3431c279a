"""Gratification services: clocks from the rule in force, the UPG state machine, audit."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sizi.core.models import AuditEvent
from sizi.core.workdays import add_working_days
from sizi.integrity.models import GratificationReport, UpgMember
from sizi.integrity.services import gratification as services
from sizi.units.models import Unit, User

from .conftest import report_data

Status = GratificationReport.Status


def test_a_report_gets_its_number_rule_and_clocks(
    bob_report: GratificationReport,
) -> None:
    report = bob_report
    today = timezone.localdate()
    assert report.number == f"GRAT-{today.year}-0001"
    assert report.status == Status.REPORTED
    assert report.reported_on == today
    assert report.due_to_upg == add_working_days(report.received_on, 10)
    assert report.due_upg_to_kpk == add_working_days(today, 10)
    assert report.due_kpk_limit == add_working_days(report.received_on, 30)
    assert report.due_completeness is None


def test_numbers_run_per_unit(
    make_report: Any, bob: User, charlie: User, tree: dict[str, Unit]
) -> None:
    make_report(bob)
    second = make_report(bob)
    other = make_report(charlie, unit=tree["tanjabtim"])
    assert second.number.endswith("-0002")
    assert other.number.endswith("-0001")


@pytest.mark.parametrize(
    ("received", "rule_key"),
    [(date(2026, 1, 19), "perkom-2-2019"), (date(2026, 1, 20), "perkom-1-2026")],
)
def test_the_rule_in_force_on_receipt_applies(
    make_report: Any, bob: User, received: date, rule_key: str
) -> None:
    report = make_report(bob, received_on=received)
    assert report.rule_key == rule_key


def test_a_receipt_in_the_future_is_refused(make_report: Any, bob: User) -> None:
    with pytest.raises(ValidationError):
        make_report(bob, received_on=timezone.localdate() + timedelta(days=1))


def test_a_value_under_the_threshold_is_accepted_and_explained(
    make_report: Any, bob: User
) -> None:
    report = make_report(
        bob,
        received_on=date(2026, 2, 2),
        event=GratificationReport.Event.WEDDING,
        gift_type=GratificationReport.GiftType.MONEY,
        estimated_value=Decimal(500000),
    )
    notes = services.value_notes(report)
    assert [n.under_limit for n in notes] == [True]
    assert "Laporan tetap diterima" in notes[0].message


def test_the_audit_log_never_names_giver_reporter_or_value(
    bob_report: GratificationReport,
) -> None:
    event = AuditEvent.objects.get(action="integrity.gratification_reported")
    assert event.actor is None and event.actor_name == "sistem"
    text = f"{event.target_repr} {event.changes}"
    assert bob_report.number in text
    for secret in ("PT Maju Jaya", "Bob", "2500000", "jam tangan"):
        assert secret not in text


def test_the_upg_handles_a_report_to_its_close(
    bob_report: GratificationReport, ursula: User
) -> None:
    report = bob_report
    services.verify_report(report, by=ursula)
    assert report.status == Status.VERIFIED
    services.forward_to_kpk(
        report, by=ursula, reference="GOL-2026-00123", forwarded_on=timezone.localdate()
    )
    assert (report.status, report.kpk_reference) == (Status.FORWARDED, "GOL-2026-00123")
    services.record_decision(
        report,
        by=ursula,
        decision=GratificationReport.Decision.STATE,
        decided_on=timezone.localdate(),
        reference="SK-KPK-1",
    )
    assert report.status == Status.DECIDED
    services.record_handover(
        report, by=ursula, handed_over_on=timezone.localdate(), note="Ke KPK"
    )
    report.refresh_from_db()
    assert report.status == Status.CLOSED
    actions = list(
        AuditEvent.objects.filter(target_id=str(report.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "integrity.gratification_reported",
        "integrity.gratification_verified",
        "integrity.gratification_forwarded",
        "integrity.gratification_decided",
        "integrity.gratification_handed_over",
    ]


def test_milik_penerima_closes_the_report(
    bob_report: GratificationReport, ursula: User
) -> None:
    services.forward_to_kpk(
        bob_report, by=ursula, reference="GOL-1", forwarded_on=timezone.localdate()
    )
    services.record_decision(
        bob_report,
        by=ursula,
        decision=GratificationReport.Decision.RECIPIENT,
        decided_on=timezone.localdate(),
    )
    assert bob_report.status == Status.CLOSED


def test_steps_out_of_order_are_refused(
    bob_report: GratificationReport, ursula: User
) -> None:
    with pytest.raises(ValidationError):
        services.record_handover(
            bob_report, by=ursula, handed_over_on=timezone.localdate(), note=""
        )
    with pytest.raises(ValidationError):
        services.forward_to_kpk(
            bob_report, by=ursula, reference=" ", forwarded_on=timezone.localdate()
        )
    bob_report.refresh_from_db()
    assert bob_report.status == Status.REPORTED


def test_completion_request_sets_the_completeness_clock(
    bob_report: GratificationReport, ursula: User, bob: User
) -> None:
    services.request_completion(bob_report, by=ursula, note="Lampirkan foto")
    today = timezone.localdate()
    assert bob_report.status == Status.INCOMPLETE
    assert bob_report.due_completeness == add_working_days(today, 20)
    services.complete_report(
        bob_report, report_data(description="Parsel dan foto"), by=bob
    )
    assert bob_report.status == Status.REPORTED


def test_only_the_reporter_completes_and_not_after_forwarding(
    bob_report: GratificationReport, ursula: User, bob: User, alice: User
) -> None:
    with pytest.raises(ValidationError):
        services.complete_report(bob_report, report_data(), by=alice)
    services.forward_to_kpk(
        bob_report, by=ursula, reference="GOL-9", forwarded_on=timezone.localdate()
    )
    with pytest.raises(ValidationError):
        services.complete_report(bob_report, report_data(), by=bob)


def test_upg_members_are_unit_members_and_audited(
    tree: dict[str, Unit], lena: User, bob: User, charlie: User
) -> None:
    member = services.appoint_upg_member(tree["tanjabbar"], bob, by=lena, decree="SK 1")
    with pytest.raises(ValidationError):
        services.appoint_upg_member(tree["tanjabbar"], charlie, by=lena)
    with pytest.raises(ValidationError):
        services.appoint_upg_member(tree["tanjabbar"], bob, by=lena)
    services.remove_upg_member(member, by=lena)
    assert not UpgMember.objects.exists()
    assert list(
        AuditEvent.objects.filter(action__startswith="integrity.upg_member")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["integrity.upg_member_appointed", "integrity.upg_member_removed"]


def test_claim_reminder_once_a_day(bob_report: GratificationReport) -> None:
    today = timezone.localdate()
    assert services.claim_reminder(bob_report, today)
    assert not services.claim_reminder(bob_report, today)
    assert services.claim_reminder(bob_report, today + timedelta(days=1))


@pytest.mark.parametrize(
    ("received", "due_to_upg"),
    [
        # Natal 25 Dec, cuti bersama 26 Dec 2025, Tahun Baru 1 Jan 2026.
        (date(2025, 12, 22), date(2026, 1, 8)),
        # Nyepi and Idulfitri 1447 H with their cuti bersama (18-24 Mar 2026).
        (date(2026, 3, 16), date(2026, 4, 7)),
    ],
)
def test_deadlines_skip_cuti_bersama(
    make_report: Any, bob: User, received: date, due_to_upg: date
) -> None:
    report = make_report(bob, received_on=received)
    assert report.due_to_upg == due_to_upg
