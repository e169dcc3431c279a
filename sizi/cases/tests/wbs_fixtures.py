"""Fixtures of the WBS tests: officers, a seeded report, request metadata to hunt for.

Imported by the WBS test modules (``from ... import *`` style, one name each),
so that the complaints/PPID tests of the same app keep their own conftest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache

from sizi.cases.wbs import services
from sizi.cases.wbs.models import WbsOfficer, WhistleblowReport
from sizi.cases.wbs.sealing import Identity, ReportContent
from sizi.units.models import Unit, User
from sizi.units.tests.factories import UserFactory

# What a reporter's request carries and must never be stored or logged.
CLIENT_ADDRESS = "203.0.113.77"
USER_AGENT = "PeramabanRahasia/9.9 (PerangkatPelapor-XQ7)"
REFERER = "https://intranet.example/halaman-rahasia-pelapor"
SECRET_SUMMARY = "Bendahara menerima amplop dari rekanan pengadaan"
SECRET_BODY = "Pada rapat tanggal 3 ada penyerahan uang tunai sebesar 25 juta."
SECRET_NAME = "Siti Pelapor Rahasia"
SECRET_CONTACT = "0812-3456-7890"
META = {
    "REMOTE_ADDR": CLIENT_ADDRESS,
    "HTTP_USER_AGENT": USER_AGENT,
    "HTTP_REFERER": REFERER,
    "HTTP_X_FORWARDED_FOR": CLIENT_ADDRESS,
}


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


@pytest.fixture
def handler(tree: dict[str, Unit], lena: User) -> User:
    """An Inspektorat officer with no role in the unit, appointed as handler."""
    user = UserFactory(username="hana", full_name="Hana Inspektorat")
    services.appoint_officer(tree["tanjabbar"], user, WbsOfficer.Role.HANDLER, by=lena)
    return user


@pytest.fixture
def custodian(tree: dict[str, Unit], lena: User) -> User:
    user = UserFactory(username="kusno", full_name="Kusno Kustodian")
    services.appoint_officer(
        tree["tanjabbar"], user, WbsOfficer.Role.CUSTODIAN, by=lena
    )
    return user


@pytest.fixture
def other_handler(tree: dict[str, Unit], admin: User) -> User:
    """A handler of kpu-tanjabtim: must never reach tanjabbar's reports."""
    user = UserFactory(username="tono", full_name="Tono Penangan Tanjabtim")
    services.appoint_officer(tree["tanjabtim"], user, WbsOfficer.Role.HANDLER, by=admin)
    return user


@dataclass(frozen=True)
class Seeded:
    report: WhistleblowReport
    receipt: str


def seed_report(
    unit: Unit, *, identity: bool = True, summary: str = SECRET_SUMMARY
) -> Seeded:
    report, receipt = services.submit_report(
        unit,
        category=WhistleblowReport.Category.GRATIFICATION,
        content=ReportContent(summary=summary, body=SECRET_BODY, where="Ruang rapat"),
        identity=Identity(SECRET_NAME, SECRET_CONTACT) if identity else None,
    )
    return Seeded(report, receipt)


@pytest.fixture
def seeded(tree: dict[str, Unit], handler: User) -> Seeded:
    return seed_report(tree["tanjabbar"])


def form_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "kategori": "gratifikasi",
        "ringkasan": SECRET_SUMMARY,
        "uraian": SECRET_BODY,
        "waktu": "",
        "tempat": "",
        "terlibat": "",
        "nama": "",
        "kontak": "",
        "situs_web": "",
    }
    data.update(overrides)
    return data
