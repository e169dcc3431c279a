"""Audit field labels of the public channels (see `sizi.core.audit_display`).

WBS entries never hold a reporter's identity; only their codes are labelled here.
"""

from __future__ import annotations

from sizi.cases.complaints.models import ChannelOfficer, ChannelSettings, Complaint
from sizi.cases.ppid.models import InformationRequest, Objection, PublicInformation
from sizi.cases.public_page.models import PublicServiceInfo
from sizi.cases.wbs.models import WbsChannel, WbsOfficer, WhistleblowReport
from sizi.core.audit_display import register, register_model
from sizi.units.audit_fields import people

register_model("cases.complaint", Complaint)
register_model("cases.officer", ChannelOfficer)
register_model("cases.levels", ChannelSettings)
register_model("cases.request", InformationRequest)
register_model("cases.objection", Objection)
register_model("cases.dip", PublicInformation)
register_model("cases.public_info", PublicServiceInfo)
register_model("wbs", WhistleblowReport)
register_model("wbs.officer", WbsOfficer)
register_model("wbs.retention", WbsChannel)
register(
    labels={
        "cases.complaint:attachments": "lampiran",
        "cases.complaint:source": "dari unit",
        "cases.complaint:to_unit": "ke unit",
        "cases.officer:user": "petugas",
        "wbs.officer:user": "petugas",
        "wbs:attachment": "lampiran",
        "wbs.retention:retention_days": "masa simpan (hari)",
    },
    values={
        "cases.request:decision": dict(InformationRequest.Decision.choices),
        "cases.request:channel": dict(InformationRequest.Channel.choices),
    },
    resolvers={"cases.officer:user": people, "wbs.officer:user": people},
)
