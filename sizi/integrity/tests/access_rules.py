"""Access rules of the integrity app's URLs (see ``sizi.core.tests.access``).

In each unit the PIC is appointed to the UPG and the pemantau reports a
gratification (one report reported, one forwarded to the KPK, one decided), so
the reporter, the UPG and everyone else who sees the unit are all asked about.
Each unit also gets an LHKPN register, a risk with an RTP, a CoI statement
campaign (the pemantau's signature unsigned, the PIC's signed with a conflict
for the pimpinan to decide), a conflict map row and an evaluation.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from sizi.core.tests.access import HIDDEN, Case, Rule, World, allow
from sizi.integrity import permissions
from sizi.integrity.models import (
    GratificationReport,
    Signature,
    StatementKind,
    WealthReportCompliance,
)
from sizi.integrity.services import conflict, gratification, risk, wealth
from sizi.units.models import Membership
from sizi.units.permissions import can_manage_unit

Role = Membership.Role
UNIT_KEYS = ["jambi", "tanjabbar", "tanjabtim"]


def _user(world: World, key: str, role: str) -> Any:
    return world.get(key, f"membership:{role}").user


def build(world: World) -> None:
    for key in UNIT_KEYS:
        _build_gratification(world, key)
        _build_registers(world, key)
        _build_statements(world, key)


def _report_data() -> gratification.ReportData:
    Report = GratificationReport
    return gratification.ReportData(
        kind=Report.Kind.RECEIPT,
        giver_name="PT Maju Jaya",
        giver_relation=Report.Relation.VENDOR,
        event=Report.Event.SERVICE,
        event_description="Pengadaan logistik pemilihan",
        gift_type=Report.GiftType.GOODS,
        description="Parsel berisi jam tangan",
        estimated_value=Decimal(2500000),
        received_on=timezone.localdate() - timedelta(days=3),
        place="Kantor KPU",
        object_location=Report.ObjectLocation.UPG,
    )


def _build_gratification(world: World, key: str) -> None:
    unit = world.units[key]
    leader = _user(world, key, Role.LEADER)
    upg = _user(world, key, Role.TEAM)
    reporter = _user(world, key, Role.VIEWER)
    member = gratification.appoint_upg_member(unit, upg, by=leader)
    today = timezone.localdate()
    reports = [
        gratification.submit_report(unit, _report_data(), by=reporter) for _ in range(3)
    ]
    for report in reports[1:]:
        gratification.forward_to_kpk(
            report, by=upg, reference="KPK/1/2026", forwarded_on=today
        )
    gratification.record_decision(
        reports[2],
        by=upg,
        decision=GratificationReport.Decision.STATE,
        decided_on=today,
        reference="SK KPK 1",
    )
    world.put(key, "upg_member", member)
    world.put(key, "report", reports[0])
    world.put(key, "report:forwarded", reports[1])
    world.put(key, "report:decided", reports[2])


def _build_registers(world: World, key: str) -> None:
    unit = world.units[key]
    coordinator = _user(world, key, Role.COORDINATOR)
    pic = _user(world, key, Role.TEAM)
    year = timezone.localdate().year
    wealth.add_members(unit, year, by=coordinator)
    world.put(
        key, "wealth_entry", WealthReportCompliance.objects.filter(unit=unit).first()
    )
    register = risk.register_for(unit, year, by=coordinator)
    found = risk.save_risk(
        register,
        risk.RiskData(
            objective="Pengelolaan logistik pemilihan",
            statement="Logistik terlambat didistribusikan",
            cause="Perencanaan kebutuhan tidak akurat",
            effect="Pemungutan suara tertunda",
            element="KP",
            existing_controls="Daftar periksa distribusi",
            owner=pic,
            likelihood=4,
            impact=5,
            residual_likelihood=2,
            residual_impact=4,
        ),
        by=coordinator,
    )
    action = risk.add_control_action(
        found,
        by=coordinator,
        text="Rencana kebutuhan berbasis data",
        pic=pic,
        target_date=timezone.localdate() + timedelta(days=30),
    )
    world.put(key, "risk", found)
    world.put(key, "control_action", action)


def _build_statements(world: World, key: str) -> None:
    unit = world.units[key]
    coordinator = _user(world, key, Role.COORDINATOR)
    leader = _user(world, key, Role.LEADER)
    pic = _user(world, key, Role.TEAM)
    viewer = _user(world, key, Role.VIEWER)
    today = timezone.localdate()
    campaign = conflict.start_campaign(
        unit,
        kind=StatementKind.COI,
        year=today.year,
        title="Pernyataan bebas benturan kepentingan",
        due_date=today + timedelta(days=14),
        body=conflict.default_text(StatementKind.COI),
        by=coordinator,
    )
    declared = campaign.signatures.get(user=pic)
    conflict.sign(
        declared,
        conflict.Declaration(
            declaration=Signature.Declaration.CONFLICT,
            conflict_type=Signature.ConflictType.POTENTIAL,
            source=Signature.Source.AFFILIATION,
            nature="Penyedia kerabat",
            superior=leader,
        ),
        by=pic,
    )
    map_entry = conflict.save_map_entry(
        unit,
        today.year,
        {
            "duty": "Pengadaan logistik",
            "situation": "Penyedia kerabat pejabat",
            "source": "affiliation",
            "level": "high",
            "control": "Deklarasi dan recusal",
        },
        by=coordinator,
    )
    evaluation = conflict.record_evaluation(
        unit,
        today.year,
        {
            "period": "Semester I",
            "evaluated_on": today,
            "findings": "Dua deklarasi ditangani dengan recusal",
            "follow_up": "Sosialisasi ulang kepada PPK",
        },
        by=coordinator,
    )
    world.put(key, "campaign", campaign)
    world.put(key, "signature:unsigned", campaign.signatures.get(user=viewer))
    world.put(key, "signature:conflict", declared)
    world.put(key, "map_entry", map_entry)
    world.put(key, "evaluation", evaluation)


# Predicates -----------------------------------------------------------------


def manage(case: Case) -> bool:
    return permissions.can_manage_registers(case.access)


def report(case: Case) -> bool:
    return permissions.can_report_gratification(case.access)


def manage_upg(case: Case) -> bool:
    return permissions.can_manage_upg(case.access)


def upg(case: Case) -> bool:
    return permissions.is_upg_member(case.user, case.access)


def see_counts(case: Case) -> bool:
    return upg(case) or permissions.can_see_gratification_counts(case.access)


def file_recap(case: Case) -> bool:
    return upg(case) or can_manage_unit(case.access)


def file_upg_report(case: Case) -> bool:
    return see_counts(case) and file_recap(case)


def _reporter(case: Case, name: str) -> bool:
    return bool(case.world.get(case.unit_key, name).reporter_id == case.user.pk)


def read_report(case: Case) -> bool | int:
    return True if _reporter(case, "report") or upg(case) else HIDDEN


def edit_report(case: Case) -> bool | int:
    if _reporter(case, "report"):
        return True
    return False if upg(case) else HIDDEN


def _handle(name: str) -> Any:
    """UPG members other than the reporter handle the report; the reporter: 403."""

    def predicate(case: Case) -> bool | int:
        if _reporter(case, name):
            return False
        return True if upg(case) else HIDDEN

    return predicate


def _signature(case: Case, name: str) -> Any:
    return case.world.get(case.unit_key, name)


def _reads_signature(case: Case, name: str) -> bool:
    signature = _signature(case, name)
    return case.user.pk in {
        signature.user_id,
        signature.superior_id,
    } or can_manage_unit(case.access)


def read_signature(case: Case) -> bool | int:
    return True if _reads_signature(case, "signature:conflict") else HIDDEN


def sign(case: Case) -> bool | int:
    if not _reads_signature(case, "signature:unsigned"):
        return HIDDEN
    return bool(_signature(case, "signature:unsigned").user_id == case.user.pk)


def decide(case: Case) -> bool | int:
    if not _reads_signature(case, "signature:conflict"):
        return HIDDEN
    return bool(_signature(case, "signature:conflict").superior_id == case.user.pk)


# Keyword arguments ------------------------------------------------------------


def _pk(name: str) -> Any:
    def kwargs(case: Case) -> dict[str, Any]:
        return {"pk": case.world.get(case.unit_key, name).pk}

    return kwargs


REPORT = _pk("report")


def _get_post(get: Any, post: Any, kwargs: Any = None) -> Rule:
    if kwargs is None:
        return Rule("unit", get=get, post=post)
    return Rule("unit", get=get, post=post, kwargs=kwargs)


def _post(post: Any, kwargs: Any = None) -> Rule:
    return _get_post(None, post, kwargs)


RULES: dict[str, Rule] = {
    "integrity:my_work_panel": Rule("login", get=allow, post=allow),
    "integrity:home": _get_post(allow, allow),
    # Gratification: rows for the reporter and the UPG only.
    "integrity:gratification_list": _get_post(allow, allow),
    "integrity:gratification_create": _get_post(report, report),
    "integrity:gratification_value_check": _get_post(report, report),
    "integrity:gratification_detail": _get_post(read_report, read_report, REPORT),
    "integrity:gratification_edit": _get_post(edit_report, edit_report, REPORT),
    "integrity:gratification_verify": _post(_handle("report"), REPORT),
    "integrity:gratification_request_completion": _post(_handle("report"), REPORT),
    "integrity:gratification_forward": _post(_handle("report"), REPORT),
    "integrity:gratification_decide": _post(
        _handle("report:forwarded"), _pk("report:forwarded")
    ),
    "integrity:gratification_handover": _post(
        _handle("report:decided"), _pk("report:decided")
    ),
    "integrity:upg_members": _get_post(allow, manage_upg),
    "integrity:upg_member_remove": _post(manage_upg, _pk("upg_member")),
    "integrity:upg_report": _get_post(see_counts, file_upg_report),
    "integrity:public_campaign": _get_post(file_recap, file_recap),
    # LHKPN / LHKASN.
    "integrity:wealth_list": _get_post(allow, allow),
    "integrity:wealth_add_members": _post(manage),
    "integrity:wealth_export": _get_post(allow, manage),
    "integrity:wealth_edit": _get_post(manage, manage, _pk("wealth_entry")),
    "integrity:wealth_remove": _post(manage, _pk("wealth_entry")),
    # SPIP risk register.
    "integrity:risk_register": _get_post(allow, allow),
    "integrity:risk_create": _get_post(manage, manage),
    "integrity:risk_export": _get_post(allow, manage),
    "integrity:risk_detail": _get_post(allow, allow, _pk("risk")),
    "integrity:risk_edit": _get_post(manage, manage, _pk("risk")),
    "integrity:risk_action_add": _post(manage, _pk("risk")),
    "integrity:risk_monitor": _post(manage, _pk("risk")),
    "integrity:risk_remove": _post(manage, _pk("risk")),
    "integrity:risk_action_remove": _post(manage, _pk("control_action")),
    # Statements, conflicts, the CoI map and its evaluation.
    "integrity:campaign_list": _get_post(allow, allow),
    "integrity:campaign_create": _get_post(manage, manage),
    "integrity:campaign_detail": _get_post(allow, allow, _pk("campaign")),
    "integrity:campaign_file": _post(manage, _pk("campaign")),
    "integrity:signature_detail": _get_post(
        read_signature, read_signature, _pk("signature:conflict")
    ),
    "integrity:signature_sign": _post(sign, _pk("signature:unsigned")),
    "integrity:signature_decide": _post(decide, _pk("signature:conflict")),
    "integrity:conflict_map": _get_post(allow, manage),
    "integrity:conflict_map_remove": _post(manage, _pk("map_entry")),
    "integrity:conflict_evaluations": _get_post(allow, manage),
    "integrity:conflict_follow_up": _post(manage, _pk("evaluation")),
}
