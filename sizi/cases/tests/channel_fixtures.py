"""Fixtures of the complaint and PPID tests: officers, a filed complaint and request."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from sizi.cases.complaints import services as complaint_services
from sizi.cases.complaints.models import ChannelOfficer, Complaint
from sizi.cases.officers import appoint_officer
from sizi.cases.ppid import services as ppid_services
from sizi.cases.ppid.models import InformationRequest
from sizi.units.models import Membership, Unit, User
from sizi.units.tests.factories import MembershipFactory, UserFactory

REPORTER_NAME = "Rahmat Pelapor Rahasia"
REPORTER_EMAIL = "rahmat.pelapor@example.net"
REQUESTER_NIK = "1506012345678901"


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


def _member(username: str, full_name: str, unit: Unit) -> User:
    user = UserFactory(username=username, full_name=full_name)
    MembershipFactory(user=user, unit=unit, role=Membership.Role.TEAM)
    return user


@pytest.fixture
def clerk(tree: dict[str, Unit], lena: User) -> User:
    """A member appointed pengelola pengaduan of kpu-tanjabbar."""
    user = _member("dewi", "Dewi Pengelola", tree["tanjabbar"])
    appoint_officer(
        tree["tanjabbar"], user, ChannelOfficer.Role.COMPLAINT_HANDLER, by=lena
    )
    return user


@pytest.fixture
def ppid_officer(tree: dict[str, Unit], lena: User) -> User:
    user = _member("putri", "Putri PPID", tree["tanjabbar"])
    appoint_officer(tree["tanjabbar"], user, ChannelOfficer.Role.PPID, by=lena)
    return user


@pytest.fixture
def ppid_superior(tree: dict[str, Unit], lena: User) -> User:
    appoint_officer(tree["tanjabbar"], lena, ChannelOfficer.Role.PPID_SUPERIOR, by=lena)
    return lena


def file_complaint(unit: Unit, **overrides: Any) -> tuple[Complaint, str]:
    data = {
        "subject": "Antrean pelayanan data pemilih lama",
        "body": "Saya menunggu tiga jam di loket data pemilih tanpa kepastian.",
    }
    data.update(overrides)
    privacy = data.pop("privacy", Complaint.Privacy.CONFIDENTIAL)
    reporter = (
        None
        if privacy == Complaint.Privacy.ANONYMOUS
        else complaint_services.ReporterData(
            REPORTER_NAME, REPORTER_EMAIL, "0812-1111-2222", wants_updates=True
        )
    )
    return complaint_services.file_complaint(
        unit,
        complaint_services.ComplaintData(privacy=privacy, **data),
        reporter=reporter,
    )


@pytest.fixture
def complaint(tree: dict[str, Unit]) -> Complaint:
    return file_complaint(tree["tanjabbar"])[0]


def file_request(unit: Unit, **overrides: Any) -> tuple[InformationRequest, str]:
    return ppid_services.file_request(
        unit,
        ppid_services.RequestData(
            information=overrides.get(
                "information", "Salinan DPT Kecamatan Tungkal Ilir"
            ),
            purpose="Penelitian skripsi",
            received_at=overrides.get("received_at"),
        ),
        ppid_services.RequesterData(
            kind="perorangan",
            name="Sari Pemohon",
            identity_number=REQUESTER_NIK,
            address="Jl. Pelabuhan 5, Kuala Tungkal",
            phone="0813-2222-3333",
            email="sari.pemohon@example.net",
        ),
    )


@pytest.fixture
def info_request(tree: dict[str, Unit]) -> InformationRequest:
    return file_request(tree["tanjabbar"])[0]
