"""Gratification pages: forms, confidentiality, audit of reads, flat queries, outputs."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from sizi.core.models import AuditEvent
from sizi.core.tests.jobs import job_file, start_and_run
from sizi.evidence.models import Evidence
from sizi.integrity.models import GratificationReport
from sizi.integrity.queries import gratification_recap, period
from sizi.integrity.reminders import send_gratification_reminders
from sizi.units.models import Unit, User

pytestmark = pytest.mark.django_db
CODE = "kpu-tanjabbar"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "kind": "receipt",
        "received_on": (timezone.localdate() - timedelta(days=2)).isoformat(),
        "giver_name": "Ibu Sari",
        "giver_relation": "service_user",
        "event": "wedding",
        "event_description": "Pernikahan anak",
        "gift_type": "money",
        "description": "Amplop berisi uang",
        "estimated_value": "1.200.000",
        "place": "Kuala Tungkal",
        "object_location": "upg",
    }
    data.update(overrides)
    return data


def test_an_employee_reports_with_indonesian_numbers(bob: User) -> None:
    response = _client(bob).post(
        reverse("integrity:gratification_create", args=[CODE]), _form(), follow=True
    )
    report = GratificationReport.objects.get()
    assert report.estimated_value == 1200000
    assert report.reporter == bob
    assert response.status_code == 200
    # Under the 1/2026 ceremony threshold: explained on the report, not refused.
    assert "tidak wajib dilaporkan" in response.content.decode()


def test_a_bad_value_gets_a_clear_message(bob: User) -> None:
    response = _client(bob).post(
        reverse("integrity:gratification_create", args=[CODE]),
        _form(estimated_value="satu juta"),
    )
    assert response.status_code == 422
    assert "Perkiraan nilai" in response.content.decode()
    assert not GratificationReport.objects.exists()


def test_upg_reads_are_audited_the_reporter_s_are_not(
    bob_report: GratificationReport, bob: User, ursula: User
) -> None:
    url = reverse("integrity:gratification_detail", args=[CODE, bob_report.pk])
    _client(bob).get(url)
    assert not AuditEvent.objects.filter(action="integrity.gratification_read").exists()
    _client(ursula).get(url)
    _client(ursula).get(url)
    reads = AuditEvent.objects.filter(action="integrity.gratification_read")
    assert reads.count() == 2
    assert {e.actor_id for e in reads} == {ursula.pk}


def test_leaders_see_counts_not_rows(
    bob_report: GratificationReport, lena: User
) -> None:
    response = _client(lena).get(reverse("integrity:gratification_list", args=[CODE]))
    html = response.content.decode()
    assert 'id="gratification-counts"' in html
    assert bob_report.number not in html
    assert "Bob" not in html


def test_the_upg_sees_every_row_a_member_only_their_own(
    make_report: Any, bob: User, alice: User, ursula: User
) -> None:
    own = make_report(alice)
    other = make_report(bob)
    html = _client(alice).get(reverse("integrity:gratification_list", args=[CODE]))
    assert own.number in html.content.decode()
    assert other.number not in html.content.decode()
    upg = _client(ursula).get(reverse("integrity:gratification_list", args=[CODE]))
    assert own.number in upg.content.decode() and other.number in upg.content.decode()


def test_the_list_costs_the_same_queries_for_more_reports(
    make_report: Any,
    bob: User,
    alice: User,
    ursula: User,
    django_assert_num_queries: Any,
) -> None:
    make_report(bob)
    client = _client(ursula)
    url = reverse("integrity:gratification_list", args=[CODE])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(6):
        make_report(alice)
        make_report(bob)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(url)


def test_the_upg_forwards_through_the_page(
    bob_report: GratificationReport, ursula: User
) -> None:
    client = _client(ursula)
    url = reverse("integrity:gratification_forward", args=[CODE, bob_report.pk])
    bad = client.post(url, {"kpk_reference": "", "forwarded_on": ""})
    assert bad.status_code == 422
    client.post(
        url,
        {
            "kpk_reference": "GOL-2026-7",
            "forwarded_on": timezone.localdate().isoformat(),
        },
    )
    bob_report.refresh_from_db()
    assert bob_report.status == GratificationReport.Status.FORWARDED
    assert bob_report.kpk_reference == "GOL-2026-7"


def test_the_reporter_completes_after_a_request(
    bob_report: GratificationReport, bob: User, ursula: User
) -> None:
    _client(ursula).post(
        reverse(
            "integrity:gratification_request_completion", args=[CODE, bob_report.pk]
        ),
        {"completion_note": "Lampirkan foto parsel"},
    )
    bob_report.refresh_from_db()
    assert bob_report.status == GratificationReport.Status.INCOMPLETE
    panel = _client(bob).get(reverse("integrity:my_work_panel")).content.decode()
    assert bob_report.number in panel
    _client(bob).post(
        reverse("integrity:gratification_edit", args=[CODE, bob_report.pk]),
        _form(description="Parsel, foto terlampir"),
    )
    bob_report.refresh_from_db()
    assert bob_report.status == GratificationReport.Status.REPORTED


def test_late_forwarding_shows_in_the_upg_panel(
    make_report: Any, bob: User, ursula: User
) -> None:
    report = make_report(bob)
    GratificationReport.objects.filter(pk=report.pk).update(
        due_upg_to_kpk=timezone.localdate() - timedelta(days=1)
    )
    panel = _client(ursula).get(reverse("integrity:my_work_panel")).content.decode()
    assert report.number in panel and "Terlambat" in panel
    other = _client(bob).get(reverse("integrity:my_work_panel")).content.decode()
    assert "Tidak ada pekerjaan" in other


def test_reminders_go_to_the_upg_once_a_day(
    make_report: Any, bob: User, ursula: User
) -> None:
    report = make_report(bob)
    GratificationReport.objects.filter(pk=report.pk).update(
        due_upg_to_kpk=timezone.localdate() - timedelta(days=1)
    )
    assert send_gratification_reminders() == 1
    assert mail.outbox[0].to == [ursula.email]
    assert report.number in mail.outbox[0].body
    assert "PT Maju Jaya" not in mail.outbox[0].body
    assert send_gratification_reminders() == 0


def test_upg_report_downloads_and_files_as_evidence(
    make_report: Any, bob: User, ursula: User
) -> None:
    make_report(bob)
    make_report(bob, estimated_value=20000000)
    client = _client(ursula)
    url = reverse("integrity:upg_report", args=[CODE])
    year = timezone.localdate().year
    pdf = start_and_run(client, url, {"year": year, "unduh": "pdf"})
    assert (pdf.kind, pdf.result_content_type) == (
        "integrity.upg_report",
        "application/pdf",
    )
    assert pdf.result_filename == f"laporan-upg-{CODE}-{year}.pdf"
    assert job_file(client, pdf).startswith(b"%PDF")
    xlsx = start_and_run(client, url, {"year": year, "quarter": 1, "unduh": "xlsx"})
    assert xlsx.result_filename == f"laporan-upg-{CODE}-{year}-Q1.xlsx"
    xlsx = start_and_run(client, url, {"year": year, "unduh": "xlsx"})
    sheet = load_workbook(io.BytesIO(job_file(client, xlsx))).worksheets[0]
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "> Rp10.000.000" in cells
    client.post(url, {"year": year, "quarter": "0", "format": "pdf"})
    client.post(url, {"year": year, "quarter": "0", "format": "pdf"})
    evidence = Evidence.objects.get()
    assert evidence.source == f"integrity.upg_report:{year}:pdf"
    assert evidence.supported_questions == ["P.5.i.b"]
    assert evidence.revisions.count() == 1


def test_recap_counts_by_band_and_status(
    make_report: Any, bob: User, tree: dict[str, Unit]
) -> None:
    make_report(bob, estimated_value=500000)
    make_report(bob, estimated_value=20000000)
    recap = gratification_recap(tree["tanjabbar"], period(timezone.localdate().year))
    assert recap.total.count == 2
    assert [b.count for b in recap.by_band] == [1, 0, 0, 1]
    assert recap.by_status[0].count == 2


def test_quarters() -> None:
    q2 = period(2026, 2)
    assert (q2.start, q2.end, q2.code) == (
        date(2026, 4, 1),
        date(2026, 6, 30),
        "2026-Q2",
    )


def test_gratification_rules_command_text_and_json() -> None:
    out = io.StringIO()
    call_command("gratification_rules", "2026-01-19", stdout=out)
    text = out.getvalue()
    assert "Peraturan KPK Nomor 2 Tahun 2019" in text
    assert "Rp1.000.000 per pemberi" in text
    before = io.StringIO()
    after = io.StringIO()
    call_command("gratification_rules", "2026-01-19", "--json", stdout=before)
    call_command("gratification_rules", "2026-01-20", "--json", stdout=after)
    b, a = json.loads(before.getvalue()), json.loads(after.getvalue())
    assert (b["rule_set"], a["rule_set"]) == ("perkom-2-2019", "perkom-1-2026")
    due_b = {d["key"]: d for d in b["deadlines"]}
    due_a = {d["key"]: d for d in a["deadlines"]}
    assert (
        due_b["completeness"]["working_days"],
        due_a["completeness"]["working_days"],
    ) == (30, 20)
    # 19 Jan + 30 vs 20 Jan + 20 working days, both across Imlek (16 Feb cuti
    # bersama, 17 Feb holiday).
    assert due_b["completeness"]["due"] == "2026-03-04"
    assert due_a["completeness"]["due"] == "2026-02-19"


def test_gratification_rules_command_refuses_a_bad_date() -> None:
    with pytest.raises(CommandError, match="bukan tanggal"):
        call_command("gratification_rules", "kemarin")


@pytest.fixture
def pw_indicator(tree: dict[str, Unit]) -> Any:
    from sizi.plans.models import ActionPlan, Area, Component, Indicator

    plan = ActionPlan.objects.create(
        unit=tree["tanjabbar"], year=timezone.localdate().year
    )
    area = Area.objects.create(
        plan=plan, numeral="V", title="Penguatan Pengawasan", lke_area="PW", order=5
    )
    component = Component.objects.create(
        area=area, number="1", name="Gratifikasi", order=1
    )
    return Indicator.objects.create(
        component=component, text="Public campaign", order=1
    )


def test_the_upg_plans_a_public_campaign_as_a_step(
    ursula: User, bob: User, pw_indicator: Any
) -> None:
    url = reverse("integrity:public_campaign", args=[CODE])
    client = _client(ursula)
    assert client.get(url).status_code == 200
    client.post(url, {"text": "E-banner gratifikasi triwulan I", "pic": bob.pk,
                      "indicator": pw_indicator.pk})  # fmt: skip
    step = pw_indicator.steps.get()
    assert step.text == "E-banner gratifikasi triwulan I"
    assert list(step.owners.all()) == [bob]
    assert AuditEvent.objects.filter(
        action="integrity.gratification_campaign_planned"
    ).exists()


@pytest.mark.parametrize("who", ["bob", "vera"])
def test_only_the_upg_or_managers_plan_campaigns(
    request: Any, who: str, ursula: User
) -> None:
    user = request.getfixturevalue(who)
    assert (
        _client(user).get(reverse("integrity:public_campaign", args=[CODE])).status_code
        == 403
    )


def test_the_form_explains_the_rule_while_typing(bob: User) -> None:
    url = reverse("integrity:gratification_value_check", args=[CODE])
    params = {"received_on": "2026-01-19", "event": "wedding", "giver_relation": "vendor",
              "gift_type": "money", "estimated_value": "1.200.000"}  # fmt: skip
    before = _client(bob).get(url, params).content.decode()
    after = (
        _client(bob).get(url, {**params, "received_on": "2026-01-20"}).content.decode()
    )
    assert "Nomor 2 Tahun 2019 tentang" in before and "wajib dilaporkan" in before
    assert "Nomor 1 Tahun 2026" in after and "tidak wajib dilaporkan" in after
    bad = (
        _client(bob).get(url, {**params, "estimated_value": "banyak"}).content.decode()
    )
    assert "Perkiraan nilai" in bad


@pytest.mark.parametrize(("who", "status"), [("rina", 403), ("charlie", 404)])
def test_the_rule_preview_is_for_members(
    request: Any, who: str, status: int, bob: User
) -> None:
    user = request.getfixturevalue(who)
    url = reverse("integrity:gratification_value_check", args=[CODE])
    assert _client(user).get(url).status_code == status


def test_a_verified_report_can_still_be_sent_back(
    bob_report: GratificationReport, ursula: User
) -> None:
    from sizi.integrity.services import gratification as services

    services.verify_report(bob_report, by=ursula)
    response = _client(ursula).post(
        reverse(
            "integrity:gratification_request_completion", args=[CODE, bob_report.pk]
        ),
        {"completion_note": "Nilai perlu bukti"},
    )
    assert response.status_code == 302
    bob_report.refresh_from_db()
    assert bob_report.status == GratificationReport.Status.INCOMPLETE
