"""Access rules of the public channels' URLs (see ``sizi.core.tests.access``).

The rules are those of the module docstrings of ``test_permissions.py``
(complaints, PPID) and ``test_wbs_permissions.py`` (WBS, public page). In each
unit of the world the channels are staffed from the matrix's personas, so that
the officers' rights are asked too: the pemantau is pengelola pengaduan and WBS
custodian, the PIC is PPID and the PIC a complaint is assigned to, the pimpinan
is Atasan PPID and the penilai is the WBS handler. Each unit holds a complaint
with an attachment, an information request, a DIP entry, a WBS report with an
attachment and an identity request, and its public page with a maklumat PDF.
"""

from __future__ import annotations

import io
from typing import Any

from django.core.cache import cache
from PIL import Image

from sizi.cases import permissions
from sizi.cases.attachments import IncomingFile
from sizi.cases.complaints import services as complaint_services
from sizi.cases.complaints.models import ChannelOfficer
from sizi.cases.officers import appoint_officer
from sizi.cases.ppid import services as ppid_services
from sizi.cases.ppid.models import PublicInformation
from sizi.cases.public_page import services as page_services
from sizi.cases.wbs import permissions as wbs_permissions
from sizi.cases.wbs import services as wbs_services
from sizi.cases.wbs.models import WbsOfficer, WhistleblowReport
from sizi.cases.wbs.sealing import Identity, ReportContent
from sizi.core.tests.access import HIDDEN, Case, Rule, World, allow
from sizi.evidence.minipdf import minimal_pdf
from sizi.units.models import Membership

UNIT_KEYS = ["jambi", "tanjabbar", "tanjabtim"]
Role = Membership.Role


def _member(world: World, key: str, role: str) -> Any:
    return world.get(key, f"membership:{role}").user


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(out, format="JPEG")
    return out.getvalue()


def build(world: World) -> None:
    """Staff each unit's channels and give each the objects the URLs name."""
    for key in UNIT_KEYS:
        unit = world.units[key]
        leader = _member(world, key, Role.LEADER)
        pic = _member(world, key, Role.TEAM)
        viewer = _member(world, key, Role.VIEWER)
        reviewer = _member(world, key, Role.REVIEWER)
        handler = appoint_officer(
            unit, viewer, ChannelOfficer.Role.COMPLAINT_HANDLER, by=leader
        )
        appoint_officer(unit, pic, ChannelOfficer.Role.PPID, by=leader)
        appoint_officer(unit, leader, ChannelOfficer.Role.PPID_SUPERIOR, by=leader)
        world.put(key, "channel_officer", handler)
        _build_complaint(world, key, pic, leader)
        _build_ppid(world, key, leader)
        _build_wbs(world, key, leader, reviewer, viewer)
        page_services.save_public_info(
            unit,
            by=leader,
            pledge_text="Kami berjanji melayani tanpa pungutan.",
            standard_text="",
            pledge_file=page_services.PublicFile(
                "maklumat.pdf", io.BytesIO(minimal_pdf(["Maklumat"]))
            ),
        )
    cache.clear()  # the rate limits counted by building


def _build_complaint(world: World, key: str, pic: Any, leader: Any) -> None:
    complaint, _ = complaint_services.file_complaint(
        world.units[key],
        complaint_services.ComplaintData(
            subject="Antrean pelayanan data pemilih lama",
            body="Saya menunggu tiga jam di loket data pemilih tanpa kepastian.",
        ),
        reporter=complaint_services.ReporterData("Rahmat Pelapor", "r@example.net"),
        files=[IncomingFile("bukti.pdf", io.BytesIO(minimal_pdf(["Bukti pengaduan"])))],
    )
    complaint_services.assign_complaint(complaint, handler=None, pic=pic, by=leader)
    world.put(key, "complaint", complaint)
    world.put(key, "complaint_attachment", complaint.attachments.get())


def _build_ppid(world: World, key: str, leader: Any) -> None:
    unit = world.units[key]
    request, _ = ppid_services.file_request(
        unit,
        ppid_services.RequestData(
            information="Salinan DPT Kecamatan Tungkal Ilir",
            purpose="Penelitian skripsi",
        ),
        ppid_services.RequesterData(
            kind="perorangan",
            name="Sari Pemohon",
            identity_number="1506012345678901",
            address="Jl. Pelabuhan 5, Kuala Tungkal",
            email="sari.pemohon@example.net",
        ),
    )
    entry = ppid_services.save_public_information(
        PublicInformation(unit=unit),
        {
            "category": PublicInformation.Category.PERIODIC,
            "title": "Laporan keuangan tahunan",
        },
        by=leader,
    )
    world.put(key, "info_request", request)
    world.put(key, "dip_entry", entry)


def _build_wbs(world: World, key: str, leader: Any, reviewer: Any, viewer: Any) -> None:
    unit = world.units[key]
    officer = wbs_services.appoint_officer(
        unit, reviewer, WbsOfficer.Role.HANDLER, by=leader
    )
    wbs_services.appoint_officer(unit, viewer, WbsOfficer.Role.CUSTODIAN, by=leader)
    report, _ = wbs_services.submit_report(
        unit,
        category=WhistleblowReport.Category.GRATIFICATION,
        content=ReportContent(summary="Amplop dari rekanan", body="Uang tunai."),
        identity=Identity("Siti Pelapor", "0812-3456-7890"),
        files=(wbs_services.Upload("bukti.jpg", _jpeg()),),
    )
    identity_request = wbs_services.request_identity(
        report, by=reviewer, reason="Perlu konfirmasi saksi."
    )
    world.put(key, "wbs_officer", officer)
    world.put(key, "wbs_report", report)
    world.put(key, "wbs_attachment", report.attachments.get())
    world.put(key, "wbs_identity_request", identity_request)


# --- Predicates: the app's rights, for the case's user and unit ---------------


def _rights(case: Case, complaint: Any = None) -> permissions.ChannelRights:
    channel = permissions.channel_access(case.user, case.unit.code)
    return permissions.rights_for(channel, complaint=complaint)


def _complaint_rights(case: Case) -> permissions.ChannelRights | None:
    """The rights on the unit's complaint, or None when it must look missing."""
    complaint = case.world.get(case.unit_key, "complaint")
    rights = _rights(case, complaint)
    if not (rights.can_view_complaints or rights.can_note):
        return None
    return rights


def _on_complaint(right: str) -> Any:
    def predicate(case: Case) -> bool | int:
        rights = _complaint_rights(case)
        return HIDDEN if rights is None else bool(getattr(rights, right))

    return predicate


def _on_request(right: str) -> Any:
    def predicate(case: Case) -> bool | int:
        rights = _rights(case)
        if not rights.can_view_requests:
            return HIDDEN
        return bool(getattr(rights, right))

    return predicate


def _channel(right: str) -> Any:
    def predicate(case: Case) -> bool:
        return bool(getattr(_rights(case), right))

    return predicate


def _ppid_report_file(case: Case) -> bool:
    rights = _rights(case)
    return rights.can_handle_requests or rights.can_manage_dip


def _wbs(case: Case) -> wbs_permissions.WbsAccess:
    return wbs_permissions.wbs_access_for(case.user, case.unit.code)


def wbs_open(case: Case) -> bool:
    return wbs_permissions.rights_for(_wbs(case)).can_open_channel_page


def wbs_handler(case: Case) -> bool | int:
    """Reports: the unit's handlers only, anyone else as if there were none."""
    return True if _wbs(case).is_handler else HIDDEN


def wbs_identity_show(case: Case) -> bool | int:
    # No identity request of the world's reports is approved: a 404 for all.
    return HIDDEN


def wbs_custodian(case: Case) -> bool:
    return _wbs(case).is_custodian


def wbs_custodian_or_hidden(case: Case) -> bool | int:
    return True if _wbs(case).is_custodian else HIDDEN


def wbs_appoint(case: Case) -> bool:
    return wbs_permissions.can_appoint(_wbs(case))


def wbs_recap(case: Case) -> bool:
    return wbs_permissions.rights_for(_wbs(case)).can_file_recap


# --- Keyword arguments -----------------------------------------------------------


def _pk(name: str) -> Any:
    def kwargs(case: Case) -> dict[str, Any]:
        return {"pk": case.world.get(case.unit_key, name).pk}

    return kwargs


def _complaint_attachment(case: Case) -> dict[str, Any]:
    row = case.world.get(case.unit_key, "complaint_attachment")
    return {"pk": row.complaint_id, "attachment": row.pk}


def _wbs_attachment(case: Case) -> dict[str, Any]:
    row = case.world.get(case.unit_key, "wbs_attachment")
    return {"pk": row.report_id, "attachment": row.pk}


def _fresh_visitor(case: Case) -> dict[str, Any]:
    """Each public case stands for another visitor: the matrix asks a rate-limited
    form two dozen times from one address, so the limits start afresh (the
    tests' cache is the process's local memory)."""
    cache.clear()
    return {}


def _public(get: bool = True, post: bool = True) -> Rule:
    return Rule(
        "public",
        get=allow if get else None,
        post=allow if post else None,
        kwargs=_fresh_visitor,
    )


COMPLAINT = _pk("complaint")
REQUEST = _pk("info_request")
handle_complaint = _on_complaint("can_handle_complaint")

RULES: dict[str, Rule] = {
    # --- Public pages (no sign-in) -------------------------------------------------
    "cases:public_page": _public(post=False),
    "cases:public_file": Rule(
        "public", get=allow, post=None, kwargs=lambda c: {"kind": "maklumat"}
    ),
    "cases:complaint_new": _public(),
    "cases:complaint_receipt": _public(),
    "cases:complaint_track": _public(),
    "cases:complaint_respond": _public(get=False),
    "cases:info_request_new": _public(),
    "cases:info_request_receipt": _public(),
    "cases:info_request_track": _public(),
    "cases:info_request_object": _public(get=False),
    "cases:dip_public": _public(),
    "cases:wbs_submit": _public(),
    "cases:wbs_login": _public(),
    "cases:wbs_reporter": _public(),
    "cases:wbs_logout": _public(get=False),
    # --- Complaints ---------------------------------------------------------------
    "cases:my_work_panel": Rule("login", get=allow, post=allow),
    "cases:complaint_list": Rule("unit", get=allow, post=allow),
    "cases:dashboard_panel": Rule("unit", get=allow, post=allow),
    "cases:complaint_recap": Rule("unit", get=allow, post=allow),
    "cases:complaint_register": Rule(
        "unit",
        get=_channel("can_handle_complaint"),
        post=_channel("can_handle_complaint"),
    ),
    "cases:complaint_recap_file": Rule(
        "unit", get=None, post=_channel("can_handle_complaint")
    ),
    "cases:channel_settings": Rule(
        "unit", get=_channel("can_manage"), post=_channel("can_manage")
    ),
    "cases:officer_appoint": Rule("unit", get=None, post=_channel("can_manage")),
    "cases:officer_remove": Rule(
        "unit", get=None, post=_channel("can_manage"), kwargs=_pk("channel_officer")
    ),
    "cases:complaint_detail": Rule(
        "unit",
        get=_on_complaint("can_note"),
        post=_on_complaint("can_note"),
        kwargs=COMPLAINT,
    ),
    "cases:complaint_attachment": Rule(
        "unit",
        get=_on_complaint("can_note"),
        post=_on_complaint("can_note"),
        kwargs=_complaint_attachment,
    ),
    "cases:complaint_note": Rule(
        "unit", get=None, post=_on_complaint("can_note"), kwargs=COMPLAINT
    ),
    **{
        f"cases:complaint_{action}": Rule(
            "unit", get=None, post=handle_complaint, kwargs=COMPLAINT
        )
        for action in (
            "verify",
            "reclassify",
            "assign",
            "forward",
            "reply",
            "follow_up",
            "close",
        )
    },
    # --- PPID -----------------------------------------------------------------------
    "cases:request_list": Rule("unit", get=allow, post=allow),
    "cases:dip_list": Rule("unit", get=allow, post=allow),
    "cases:request_register": Rule(
        "unit",
        get=_channel("can_handle_requests"),
        post=_channel("can_handle_requests"),
    ),
    "cases:request_detail": Rule(
        "unit",
        get=_on_request("can_view_requests"),
        post=_on_request("can_view_requests"),
        kwargs=REQUEST,
    ),
    "cases:request_extend": Rule(
        "unit", get=None, post=_on_request("can_handle_requests"), kwargs=REQUEST
    ),
    "cases:request_decide": Rule(
        "unit", get=None, post=_on_request("can_handle_requests"), kwargs=REQUEST
    ),
    "cases:request_notice": Rule(
        "unit",
        get=_on_request("can_see_requester"),
        post=_on_request("can_see_requester"),
        kwargs=lambda c: {**REQUEST(c), "fmt": "pdf"},
    ),
    "cases:objection_decide": Rule(
        "unit", get=None, post=_on_request("can_decide_objection"), kwargs=REQUEST
    ),
    "cases:objection_register": Rule(
        "unit", get=None, post=_on_request("can_see_requester"), kwargs=REQUEST
    ),
    "cases:dip_create": Rule(
        "unit", get=_channel("can_manage_dip"), post=_channel("can_manage_dip")
    ),
    "cases:dip_edit": Rule(
        "unit",
        get=_channel("can_manage_dip"),
        post=_channel("can_manage_dip"),
        kwargs=_pk("dip_entry"),
    ),
    "cases:dip_delete": Rule(
        "unit", get=None, post=_channel("can_manage_dip"), kwargs=_pk("dip_entry")
    ),
    "cases:ppid_report": Rule(
        "unit", get=_channel("can_view_requests"), post=_channel("can_view_requests")
    ),
    "cases:ppid_report_file": Rule("unit", get=None, post=_ppid_report_file),
    # --- The public page's editor ---------------------------------------------------
    "cases:public_page_edit": Rule(
        "unit", get=_channel("can_manage"), post=_channel("can_manage")
    ),
    # --- WBS --------------------------------------------------------------------------
    "cases:wbs_index": Rule("unit", get=wbs_open, post=None),
    "cases:wbs_officers": Rule("unit", get=wbs_appoint, post=wbs_appoint),
    "cases:wbs_officer_remove": Rule(
        "unit", get=None, post=wbs_appoint, kwargs=_pk("wbs_officer")
    ),
    "cases:wbs_retention": Rule("unit", get=None, post=wbs_appoint),
    "cases:wbs_recap": Rule("unit", get=None, post=wbs_recap),
    "cases:wbs_identity_list": Rule("unit", get=wbs_custodian, post=None),
    "cases:wbs_identity_decide": Rule(
        "unit",
        get=None,
        post=wbs_custodian_or_hidden,
        kwargs=_pk("wbs_identity_request"),
    ),
    "cases:wbs_report": Rule(
        "unit", get=wbs_handler, post=None, kwargs=_pk("wbs_report")
    ),
    "cases:wbs_message": Rule(
        "unit", get=None, post=wbs_handler, kwargs=_pk("wbs_report")
    ),
    "cases:wbs_status": Rule(
        "unit", get=None, post=wbs_handler, kwargs=_pk("wbs_report")
    ),
    "cases:wbs_attachment": Rule(
        "unit", get=wbs_handler, post=None, kwargs=_wbs_attachment
    ),
    "cases:wbs_identity_request": Rule(
        "unit", get=None, post=wbs_handler, kwargs=_pk("wbs_report")
    ),
    "cases:wbs_identity_show": Rule(
        "unit", get=wbs_identity_show, post=None, kwargs=_pk("wbs_report")
    ),
}
