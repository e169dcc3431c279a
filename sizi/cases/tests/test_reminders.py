"""The daily reminder command: closing silent complaints and one digest per person."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from sizi.cases.complaints import services
from sizi.cases.complaints.models import Complaint
from sizi.cases.ppid.models import InformationRequest
from sizi.cases.reminders import send_case_reminders
from sizi.cases.tests.channel_fixtures import file_complaint, file_request

pytestmark = pytest.mark.django_db


def test_late_items_are_mailed_once_a_day(tree, clerk, ppid_officer, bob):
    unit = tree["tanjabbar"]
    late, _ = file_complaint(unit)
    services.assign_complaint(late, handler=None, pic=bob, by=clerk)
    Complaint.objects.filter(pk=late.pk).update(
        due_on=timezone.localdate() - timedelta(days=3)
    )
    item, _ = file_request(unit)
    InformationRequest.objects.filter(pk=item.pk).update(due_on=timezone.localdate())
    closed, sent = send_case_reminders()
    assert closed == 0 and sent == 3  # clerk (handler unit), bob (PIC), putri (PPID)
    by_person = {m.to[0]: m.body for m in mail.outbox}
    assert late.number in by_person[bob.email] and late.number in by_person[clerk.email]
    assert item.number in by_person[ppid_officer.email]
    due = timezone.localdate() - timedelta(days=3)
    assert f"batas {due.day} " in by_person[bob.email]  # "3 Desember 2026"
    assert f"{due:%d-%m-%Y}" not in by_person[bob.email]
    assert send_case_reminders() == (0, 0)


def test_command_closes_silent_complaints(tree, clerk):
    complaint, _ = file_complaint(tree["tanjabbar"])
    services.verify_complaint(complaint, category="pengaduan", by=clerk)
    services.record_follow_up(complaint, text="Selesai", by=clerk)
    Complaint.objects.filter(pk=complaint.pk).update(
        due_on=timezone.localdate() - timedelta(days=1)
    )
    out = StringIO()
    call_command("send_case_reminders", stdout=out)
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.CLOSED
    assert out.getvalue().startswith("1 pengaduan ditutup otomatis")


def test_my_work_panel_lists_late_items_with_flat_queries(
    client, tree, clerk, bob, ppid_officer, django_assert_num_queries
):
    unit = tree["tanjabbar"]

    def late_one() -> None:
        complaint, _ = file_complaint(unit)
        services.assign_complaint(complaint, handler=clerk, pic=bob, by=clerk)
        Complaint.objects.filter(pk=complaint.pk).update(
            due_on=timezone.localdate() - timedelta(days=2)
        )

    late_one()
    client.force_login(clerk)
    url = "/saya/saluran-publik/"
    response = client.get(url)
    assert "Terlambat" in response.content.decode()
    with django_assert_num_queries(10) as first:
        client.get(url)
    for _ in range(4):
        late_one()
    with django_assert_num_queries(len(first.captured_queries)):
        body = client.get(url).content.decode()
    assert body.count("Terlambat") == 5


def test_my_work_panel_shows_the_handler_new_complaints_to_verify(client, tree, clerk):
    """A pengelola pengaduan finds new complaints before they are late."""
    unit = tree["tanjabbar"]
    file_complaint(unit)
    file_complaint(unit)
    client.force_login(clerk)
    body = client.get("/saya/saluran-publik/").content.decode()
    assert "Pengaduan baru menunggu verifikasi" in body
    assert f"/u/{unit.code}/pengaduan/?status=diterima" in body
    assert ">2</span> pengaduan baru" in body


def test_dashboard_panel_counts_late_items(client, tree, alice):
    complaint, _ = file_complaint(tree["tanjabbar"])
    Complaint.objects.filter(pk=complaint.pk).update(
        due_on=timezone.localdate() - timedelta(days=2)
    )
    client.force_login(alice)
    body = client.get("/u/kpu-tanjabbar/pengaduan/panel/").content.decode()
    assert "1 terlambat" in body


def test_atasan_ppid_sees_pending_keberatan_in_the_inbox(client, tree, ppid_superior):
    from sizi.cases.ppid import services as ppid

    item, _ = file_request(tree["tanjabbar"])
    InformationRequest.objects.filter(pk=item.pk).update(
        due_on=timezone.localdate() - timedelta(days=1)
    )
    item.refresh_from_db()
    ppid.file_objection(item, reason="c", statement="Tidak dijawab")
    client.force_login(ppid_superior)
    body = client.get("/saya/saluran-publik/").content.decode()
    assert "Keberatan menunggu tanggapan Atasan PPID" in body
