"""LHKPN / LHKASN compliance: the register, its figures, the LKE inputs, access.

URL names and their rule (for the access matrix):

- ``integrity:wealth_list`` and ``integrity:wealth_export`` (GET) — anyone who
  sees the unit (reviewers above included); 404 for another unit.
- ``integrity:wealth_add_members``, ``integrity:wealth_edit``,
  ``integrity:wealth_remove``, ``integrity:wealth_export`` (POST, file as bukti
  fisik) — the unit's coordinator or own pimpinan; 403 for other roles; 404
  for another unit's row.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sizi.core.models import AuditEvent
from sizi.core.tests.jobs import job_file, start_and_run
from sizi.evidence.models import Evidence
from sizi.integrity import lke_inputs
from sizi.integrity.compliance import Figures
from sizi.integrity.models import WealthReportCompliance
from sizi.integrity.services import wealth as services
from sizi.units.models import Membership, Unit, User
from sizi.units.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
CODE = "kpu-tanjabbar"
YEAR = 2026
W = WealthReportCompliance


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def register(
    tree: dict[str, Unit], lena: User, alice: User, bob: User, vera: User
) -> dict[str, W]:
    services.add_members(tree["tanjabbar"], YEAR, by=alice)
    rows = {r.user.username: r for r in W.objects.select_related("user")}
    services.update_entry(rows["lena"], by=alice, obligation="lhkpn", category="head")
    services.update_entry(
        rows["alice"],
        by=alice,
        obligation="lhkpn",
        category="official",
        reported_on=date(2026, 3, 20),
        receipt_number="LHKPN-2026-0042",
    )
    services.update_entry(
        rows["bob"], by=alice, reported_on=date(2026, 3, 1), receipt_number="SIHARKA-1"
    )
    services.update_entry(rows["vera"], by=alice, obligation="none", category="none")
    return rows


def test_figures() -> None:
    assert Figures(4, 3).ratio == Decimal("0.7500")
    assert Figures(4, 3).percent == Decimal("75.00")
    assert Figures(3, 1).ratio == Decimal("0.3333")
    assert Figures(2, 5).ratio == Decimal(1)
    assert Figures(0, 0).ratio is None
    assert Figures(0, 0).complete


def test_members_are_listed_once_and_keep_last_year_s_flags(
    tree: dict[str, Unit], alice: User, lena: User, bob: User
) -> None:
    unit = tree["tanjabbar"]
    assert services.add_members(unit, 2025, by=alice) == 3
    last = W.objects.get(year=2025, user=lena)
    services.update_entry(last, by=alice, obligation="lhkpn", category="head")
    assert services.add_members(unit, 2025, by=alice) == 0
    assert services.add_members(unit, 2026, by=alice) == 3
    assert W.objects.get(year=2026, user=lena).category == "head"
    assert W.objects.get(year=2026, user=bob).obligation == "lhkasn"
    assert (
        AuditEvent.objects.filter(action="integrity.wealth_members_added").count() == 2
    )


def test_inconsistent_entries_are_refused(register: dict[str, W], alice: User) -> None:
    bob_row = register["bob"]
    with pytest.raises(ValidationError):
        services.update_entry(bob_row, by=alice, category="head")
    with pytest.raises(ValidationError):
        services.update_entry(
            register["lena"], by=alice, reported_on=date(2026, 3, 1), receipt_number=""
        )
    with pytest.raises(ValidationError):
        services.update_entry(
            register["vera"], by=alice, reported_on=date(2026, 3, 1), receipt_number="X"
        )


def test_updates_are_audited_with_their_diff(register: dict[str, W]) -> None:
    event = AuditEvent.objects.filter(
        action="integrity.wealth_entry_updated", target_id=str(register["alice"].pk)
    ).get()
    assert event.changes["receipt_number"] == ["", "LHKPN-2026-0042"]


def test_r5iii_inputs_and_the_p5_condition(
    register: dict[str, W], tree: dict[str, Unit], alice: User
) -> None:
    unit = tree["tanjabbar"]
    inputs = lke_inputs.r5iii_inputs(unit, YEAR)
    assert (inputs.lhkpn.code, inputs.lhkpn.required, inputs.lhkpn.reported) == (
        "R.5.iii.a",
        2,
        1,
    )
    assert inputs.lhkpn.value == Decimal("0.5000")
    assert (inputs.lhkasn.required, inputs.lhkasn.reported) == (1, 1)
    assert inputs.lhkasn.value == Decimal(1)
    assert "Register LHKPN/LHKASN SIZI" in inputs.lhkpn.source
    condition = lke_inputs.full_compliance(unit, YEAR)
    assert not condition.met and "1 pegawai" in condition.detail
    services.update_entry(
        register["lena"], by=alice, reported_on=date(2026, 3, 2), receipt_number="L-2"
    )
    assert lke_inputs.full_compliance(unit, YEAR).met


def test_no_register_is_no_data(tree: dict[str, Unit]) -> None:
    inputs = lke_inputs.r5iii_inputs(tree["tanjabbar"], YEAR)
    assert not inputs.has_data and inputs.lhkpn.value is None
    condition = lke_inputs.full_compliance(tree["tanjabbar"], YEAR)
    assert not condition.met and not condition.has_data


@pytest.mark.parametrize(
    ("who", "status"), [("alice", 200), ("vera", 200), ("rina", 200), ("charlie", 404)]
)
def test_list_access(
    register: dict[str, W], rina: User, charlie: User, who: str, status: int
) -> None:
    users = {
        "alice": register["alice"].user,
        "vera": register["vera"].user,
        "rina": rina,
        "charlie": charlie,
    }
    response = _client(users[who]).get(
        reverse("integrity:wealth_list", args=[CODE]), {"tahun": YEAR}
    )
    assert response.status_code == status


@pytest.mark.parametrize(
    ("who", "status"), [("bob", 403), ("vera", 403), ("charlie", 404)]
)
def test_writes_need_the_coordinator_or_pimpinan(
    register: dict[str, W], charlie: User, who: str, status: int
) -> None:
    users = {
        "bob": register["bob"].user,
        "vera": register["vera"].user,
        "charlie": charlie,
    }
    client = _client(users[who])
    row = register["lena"]
    assert (
        client.post(reverse("integrity:wealth_add_members", args=[CODE])).status_code
        == status
    )
    assert (
        client.get(reverse("integrity:wealth_edit", args=[CODE, row.pk])).status_code
        == status
    )
    assert (
        client.post(reverse("integrity:wealth_remove", args=[CODE, row.pk])).status_code
        == status
    )
    assert (
        client.post(
            reverse("integrity:wealth_export", args=[CODE]), {"tahun": YEAR}
        ).status_code
        == status
    )
    assert W.objects.filter(pk=row.pk).exists()


def test_another_unit_s_row_is_404(
    register: dict[str, W], charlie: User, tree: dict[str, Unit]
) -> None:
    services.add_members(tree["tanjabtim"], YEAR, by=charlie)
    other = W.objects.get(unit=tree["tanjabtim"])
    alice = register["alice"].user
    url = reverse("integrity:wealth_edit", args=[CODE, other.pk])
    assert _client(alice).get(url).status_code == 404


def test_the_coordinator_records_a_report(register: dict[str, W]) -> None:
    alice = register["alice"].user
    row = register["lena"]
    response = _client(alice).post(
        reverse("integrity:wealth_edit", args=[CODE, row.pk]),
        {
            "obligation": "lhkpn",
            "category": "head",
            "reported_on": "2026-03-25",
            "receipt_number": "LHKPN-7",
            "note": "",
        },  # fmt: skip
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.reported_on, row.receipt_number) == (date(2026, 3, 25), "LHKPN-7")


def test_list_queries_stay_flat(register: dict[str, W], tree: dict[str, Unit]) -> None:
    alice = register["alice"].user
    client = _client(alice)
    url = reverse("integrity:wealth_list", args=[CODE])
    client.get(url, {"tahun": YEAR})
    with CaptureQueriesContext(connection) as small:
        client.get(url, {"tahun": YEAR})
    for n in range(15):
        user = UserFactory(username=f"pegawai{n}")
        MembershipFactory(
            user=user, unit=tree["tanjabbar"], role=Membership.Role.VIEWER
        )
    services.add_members(tree["tanjabbar"], YEAR, by=alice)
    with CaptureQueriesContext(connection) as large:
        client.get(url, {"tahun": YEAR})
    assert len(large.captured_queries) == len(small.captured_queries)


def test_recap_downloads_and_files_as_evidence(register: dict[str, W]) -> None:
    alice = register["alice"].user
    client = _client(alice)
    url = reverse("integrity:wealth_export", args=[CODE])
    pdf = start_and_run(client, url, {"tahun": YEAR, "unduh": "pdf"})
    assert pdf.kind == "integrity.wealth_recap"
    assert job_file(client, pdf).startswith(b"%PDF")
    xlsx = start_and_run(client, url, {"tahun": YEAR, "unduh": "xlsx"})
    assert xlsx.result_filename == f"kepatuhan-lhkpn-lhkasn-{CODE}-{YEAR}.xlsx"
    assert job_file(client, xlsx).startswith(b"PK")
    assert not Evidence.objects.exists()
    client.post(url, {"tahun": YEAR, "format": "pdf"})
    evidence = Evidence.objects.get()
    assert evidence.source == f"integrity.wealth_recap:{YEAR}:pdf"
    assert evidence.supported_questions == ["R.5.iii.a", "R.5.iii.b"]
    assert evidence.period == str(YEAR)


def test_the_page_shows_the_percentages(register: dict[str, W]) -> None:
    html = (
        _client(register["vera"].user)
        .get(reverse("integrity:wealth_list", args=[CODE]), {"tahun": YEAR})
        .content.decode()
    )
    assert "50.00 %" in html or "50,00 %" in html
    assert "LHKPN-2026-0042" in html
