"""Demo integrity data for kpu-tanjabbar: a UPG, reports, LHKPN/LHKASN, SPIP risks.

Idempotent: the UPG appointment is matched by unit and user, reports by unit,
reporter and giver, so running the loader again adds nothing.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from io import TextIOBase

from django.utils import timezone

from sizi.integrity.models import GratificationReport, UpgMember, WealthReportCompliance
from sizi.integrity.services import gratification as services
from sizi.integrity.services import risk as risk_services
from sizi.integrity.services import wealth as wealth_services
from sizi.units.models import Unit, User

UNIT = "kpu-tanjabbar"
R = GratificationReport


def _reports(pic: User, upg: User, unit: Unit) -> int:
    today = timezone.localdate()
    rows = [
        # giver, relation, event, type, value, days ago, where, forward?
        ("CV Sinar Tungkal", R.Relation.VENDOR, R.Event.SERVICE, R.GiftType.GOODS,
         Decimal(2750000), 12, R.ObjectLocation.UPG, True),
        ("Keluarga Bapak Hasan", R.Relation.SERVICE_USER, R.Event.WEDDING,
         R.GiftType.FOOD, Decimal(350000), 4, R.ObjectLocation.CONSUMED, False),
    ]  # fmt: skip
    added = 0
    for giver, relation, event, gift, value, ago, where, forward in rows:
        if R.objects.filter(unit=unit, reporter=pic, giver_name=giver).exists():
            continue
        report = services.submit_report(
            unit,
            services.ReportData(
                kind=R.Kind.RECEIPT,
                giver_name=giver,
                giver_relation=relation,
                event=event,
                event_description="",
                gift_type=gift,
                description=f"Pemberian dari {giver}",
                estimated_value=value,
                received_on=today - timedelta(days=ago),
                place="Kuala Tungkal",
                object_location=where,
            ),
            by=pic,
        )
        if forward:
            services.verify_report(report, by=upg)
            services.forward_to_kpk(
                report, by=upg, reference="GOL-DEMO-0001", forwarded_on=today
            )
        added += 1
    return added


def load(*, stdout: TextIOBase) -> None:
    unit = Unit.objects.filter(code=UNIT).first()
    leader = User.objects.filter(username="pimpinan.tanjabbar").first()
    pic = User.objects.filter(username="pic.tanjabbar").first()
    upg = User.objects.filter(username="pic2.tanjabbar").first()
    if unit is None or leader is None or pic is None or upg is None:
        stdout.write("Integritas demo dilewati: unit atau akun demo belum ada.\n")
        return
    if not UpgMember.objects.filter(unit=unit, user=upg).exists():
        services.appoint_upg_member(unit, upg, by=leader, decree="SK UPG Demo/2025")
    added = _reports(pic, upg, unit)
    coordinator = (
        User.objects.filter(username="koordinator.tanjabbar").first() or leader
    )
    _wealth(unit, coordinator, leader)
    _risks(unit, coordinator, pic)
    stdout.write(
        f"Integritas demo {UNIT}: UPG pic2.tanjabbar, {added} laporan gratifikasi baru, "
        "register LHKPN/LHKASN dan risiko SPIP.\n"
    )


def _wealth(unit: Unit, coordinator: User, leader: User) -> None:
    year = timezone.localdate().year
    wealth_services.add_members(unit, year, by=coordinator)
    head = WealthReportCompliance.objects.get(unit=unit, year=year, user=leader)
    if head.obligation != "lhkpn":
        wealth_services.update_entry(
            head,
            by=coordinator,
            obligation="lhkpn",
            category="head",
            reported_on=date(year, 3, 14),
            receipt_number=f"LHKPN-{year}-0117",
        )


def _risks(unit: Unit, coordinator: User, owner: User) -> None:
    register = risk_services.register_for(
        unit, timezone.localdate().year, by=coordinator
    )
    if register.risks.exists():
        return
    risk = risk_services.save_risk(
        register,
        risk_services.RiskData(
            objective="Distribusi logistik pemilihan",
            statement="Logistik pemilihan terlambat diterima PPK",
            cause="Jadwal pengiriman penyedia tidak dipantau",
            effect="Tahapan pemungutan suara tertunda",
            element="KP",
            existing_controls="Berita acara serah terima",
            owner=owner,
            likelihood=3,
            impact=5,
            residual_likelihood=2,
            residual_impact=4,
        ),
        by=coordinator,
    )
    risk_services.add_control_action(
        risk,
        by=coordinator,
        text="Pantau jadwal pengiriman mingguan",
        pic=owner,
        target_date=date(register.year, 6, 30),
    )
