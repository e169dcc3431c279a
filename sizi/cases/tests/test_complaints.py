"""Complaints: intake, codes, the handling state machine, deadlines, recap, LKE inputs."""

from __future__ import annotations

from datetime import UTC, date, datetime
from io import BytesIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from sizi.cases import codes
from sizi.cases.attachments import IncomingFile
from sizi.cases.complaints import recap, services
from sizi.cases.complaints.models import (
    Complaint,
    ComplaintAttachment,
    ComplaintEvent,
    ComplaintReporter,
)
from sizi.cases.lke_inputs import r5ii_inputs
from sizi.cases.tests.channel_fixtures import REPORTER_NAME, file_complaint
from sizi.core.models import AuditEvent, Job
from sizi.core.tests.jobs import job_file, run_task, start_and_run
from sizi.evidence.minipdf import minimal_pdf
from sizi.evidence.models import Evidence

pytestmark = pytest.mark.django_db
Status = Complaint.Status


def _form(**extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "privacy": "rahasia",
        "name": REPORTER_NAME,
        "email": "rahmat@example.net",
        "phone": "",
        "subject": "Petugas loket tidak ramah",
        "body": "Petugas membentak warga yang bertanya tentang pindah memilih.",
        "location": "Kantor KPU",
        "situs_web": "",
    }
    data.update(extra)
    return data


def test_codes_are_random_80_bits_and_stored_only_as_digests(complaint):
    first, second = codes.new_code(), codes.new_code()
    assert first != second
    assert len(codes.normalise(first)) == 16  # 16 × 5 bits
    assert codes.looks_valid(first.lower().replace("-", " "))
    assert first not in complaint.tracking_digest
    assert codes.matches(first, codes.digest(first, scope="x"), scope="x")
    assert not codes.matches(second, codes.digest(first, scope="x"), scope="x")


def test_public_form_files_a_confidential_complaint_and_shows_the_code_once(
    client, tree
):
    url = reverse("cases:complaint_new", args=["kpu-tanjabbar"])
    attachment = SimpleUploadedFile("foto.pdf", minimal_pdf(["bukti"]))
    response = client.post(url, _form(attachments=attachment))
    assert response.status_code == 302
    receipt = client.get(response["Location"])
    code = receipt.context["code"]
    assert code in receipt.content.decode()
    assert client.get(response["Location"]).status_code == 302  # shown once
    complaint = Complaint.objects.get()
    assert complaint.privacy == "rahasia" and complaint.status == Status.RECEIVED
    assert complaint.reporter.name == REPORTER_NAME
    assert ComplaintAttachment.objects.get().original_name == "foto.pdf"
    assert complaint.due_on is not None
    assert services.find_by_code(tree["tanjabbar"], code) == complaint
    assert services.find_by_code(tree["tanjabtim"], code) is None


def test_anonymous_complaint_keeps_no_identity_even_if_typed(client, tree):
    url = reverse("cases:complaint_new", args=["kpu-tanjabbar"])
    response = client.post(url, _form(privacy="anonim", email="x@example.net"))
    assert response.status_code == 302
    assert not ComplaintReporter.objects.exists()
    assert Complaint.objects.get().privacy == "anonim"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"name": ""}, "Isi nama Anda"),
        ({"subject": ""}, "This field is required|wajib"),
        ({"wants_updates": "on", "email": ""}, "Isi surel"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_written(client, tree, extra, message):
    url = reverse("cases:complaint_new", args=["kpu-tanjabbar"])
    response = client.post(url, _form(**extra))
    assert response.status_code == 422
    import re

    assert re.search(message, response.content.decode())
    assert not Complaint.objects.exists()


def test_a_bad_attachment_refuses_the_whole_complaint(client, tree):
    url = reverse("cases:complaint_new", args=["kpu-tanjabbar"])
    fake = SimpleUploadedFile("surat.pdf", b"<html>bukan pdf</html>")
    response = client.post(url, _form(attachments=fake))
    assert response.status_code == 422
    assert "surat.pdf" in response.content.decode()
    assert not Complaint.objects.exists() and not ComplaintAttachment.objects.exists()


def test_honeypot_refuses_bots(client, tree):
    url = reverse("cases:complaint_new", args=["kpu-tanjabbar"])
    response = client.post(url, _form(situs_web="http://spam.example"))
    assert response.status_code == 422
    assert not Complaint.objects.exists()


def test_submissions_are_rate_limited_per_client(client, tree):
    url = reverse("cases:complaint_new", args=["kpu-tanjabbar"])
    statuses = [client.post(url, _form()).status_code for _ in range(6)]
    assert statuses == [302] * 5 + [429]
    assert Complaint.objects.count() == 5


def test_track_lookups_are_rate_limited_and_guesses_fail(client, tree, complaint):
    url = reverse("cases:complaint_track", args=["kpu-tanjabbar"])
    guesses = [client.post(url, {"code": codes.new_code()}) for _ in range(10)]
    assert {r.status_code for r in guesses} == {404}
    assert client.post(url, {"code": codes.new_code()}).status_code == 429


def test_reporter_follows_and_answers_with_the_code(client, tree, clerk):
    complaint, code = file_complaint(tree["tanjabbar"])
    services.verify_complaint(complaint, category="pengaduan", by=clerk)
    services.record_follow_up(complaint, text="Petugas telah ditegur.", by=clerk)
    services.add_note(complaint, text="CATATAN INTERNAL RAHASIA", by=clerk)
    url = reverse("cases:complaint_track", args=["kpu-tanjabbar"])
    page = client.post(url, {"code": code})
    body = page.content.decode()
    assert page.status_code == 200
    assert "Petugas telah ditegur." in body
    assert "CATATAN INTERNAL RAHASIA" not in body and "Dewi" not in body
    respond = reverse("cases:complaint_respond", args=["kpu-tanjabbar"])
    answer = client.post(respond, {"code": code, "text": "Belum ada perubahan."})
    assert answer.status_code == 200
    complaint.refresh_from_db()
    assert complaint.status == Status.IN_PROGRESS


def test_an_incomplete_answer_is_422_and_an_unknown_code_404(client, tree):
    complaint, code = file_complaint(tree["tanjabbar"])
    events = ComplaintEvent.objects.filter(complaint=complaint).count()
    respond = reverse("cases:complaint_respond", args=["kpu-tanjabbar"])
    empty = client.post(respond, {"code": code, "text": ""})
    assert empty.status_code == 422
    assert "Tanggapan belum lengkap" in empty.content.decode()
    unknown = client.post(respond, {"code": codes.new_code(), "text": "Halo."})
    assert unknown.status_code == 404
    assert ComplaintEvent.objects.filter(complaint=complaint).count() == events


def test_the_state_machine_and_its_deadlines(tree, clerk, bob):
    received = datetime(2025, 3, 26, 3, 0, tzinfo=UTC)  # Wednesday 10.00 WIB
    complaint, _ = file_complaint(tree["tanjabbar"], received_at=received)
    # 27 Mar, 28 Mar cuti bersama, 29-30 weekend, 31 Mar-1 Apr Idulfitri,
    # 2-4 and 7 Apr cuti bersama: three working days end on 9 April 2025.
    assert complaint.due_on == date(2025, 4, 9)
    with pytest.raises(ValidationError):
        services.record_follow_up(complaint, text="x", by=clerk)
    services.verify_complaint(complaint, category="pengaduan", by=clerk)
    services.assign_complaint(complaint, handler=clerk, pic=bob, by=clerk)
    assert complaint.status == Status.IN_PROGRESS
    services.record_follow_up(complaint, text="Sudah diperbaiki.", by=clerk)
    assert complaint.status == Status.ANSWERED
    services.close_complaint(complaint, by=clerk)
    assert complaint.status == Status.CLOSED and complaint.due_on is None
    kinds = list(complaint.events.values_list("kind", flat=True))
    assert kinds.count(ComplaintEvent.Kind.STATUS) == 4
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"cases.complaint_filed", "cases.complaint_closed"} <= actions


def test_silent_complaints_close_after_the_window(tree, clerk):
    complaint, _ = file_complaint(tree["tanjabbar"])
    services.verify_complaint(complaint, category="aspirasi", by=clerk)
    services.record_follow_up(complaint, text="Diterima sebagai masukan.", by=clerk)
    assert services.close_silent_complaints(today=complaint.due_on) == 0
    closed = services.close_silent_complaints(
        today=date.fromordinal(complaint.due_on.toordinal() + 1)
    )
    complaint.refresh_from_db()
    assert closed == 1 and complaint.status == Status.CLOSED


def test_forwarding_moves_the_complaint_to_the_other_unit(tree, clerk):
    complaint, code = file_complaint(tree["tanjabbar"])
    services.forward_complaint(
        complaint, to_unit=tree["jambi"], reason="Kewenangan provinsi", by=clerk
    )
    complaint.refresh_from_db()
    assert complaint.unit == tree["jambi"]
    assert complaint.forwarded_from == tree["tanjabbar"]
    assert services.find_by_code(tree["jambi"], code) == complaint
    assert services.find_by_code(tree["tanjabbar"], code) == complaint
    assert services.find_by_code(tree["tanjabtim"], code) is None


def test_not_our_matter_closes_with_an_explanation(tree, clerk):
    complaint, _ = file_complaint(tree["tanjabbar"])
    services.verify_complaint(complaint, category="bukan_wewenang", by=clerk)
    with pytest.raises(ValidationError):
        services.close_complaint(complaint, text="", by=clerk)
    services.close_complaint(complaint, text="Silakan ke Dukcapil.", by=clerk)
    assert complaint.status == Status.CLOSED


def test_reporter_gets_a_pointer_by_email_never_the_code(
    tree, clerk, django_capture_on_commit_callbacks
):
    complaint, code = file_complaint(tree["tanjabbar"])
    with django_capture_on_commit_callbacks(execute=True):
        services.reply_to_reporter(complaint, text="Mohon kirim foto.", by=clerk)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert code not in message.body and "Mohon kirim foto." not in message.body
    assert complaint.number in message.body


def test_staff_register_a_lapor_complaint(client, tree, clerk):
    client.force_login(clerk)
    url = reverse("cases:complaint_register", args=["kpu-tanjabbar"])
    data = _form(channel="lapor", lapor_number="", received_on="2025-05-05")
    assert client.post(url, data).status_code == 422
    data["lapor_number"] = "LAPOR-5544332"
    response = client.post(url, data)
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.channel == "lapor" and complaint.lapor_number == "LAPOR-5544332"
    assert complaint.registered_by == clerk


def test_recap_counts_and_r5ii_inputs(tree, clerk):
    unit = tree["tanjabbar"]
    at = datetime(2025, 2, 3, 2, 0, tzinfo=UTC)
    done, _ = file_complaint(unit, received_at=at)
    services.verify_complaint(done, category="pengaduan", by=clerk)
    services.record_follow_up(done, text="Selesai.", by=clerk)
    other, _ = file_complaint(unit, received_at=at, channel="telepon")
    services.verify_complaint(other, category="bukan_wewenang", by=clerk)
    file_complaint(unit, received_at=at, channel="lapor", lapor_number="L-1")
    file_complaint(unit, received_at=datetime(2024, 5, 1, tzinfo=UTC))
    numbers = recap.recap_for(unit, date(2025, 1, 1), date(2025, 12, 31))
    assert numbers.total == 3
    assert (numbers.must_follow_up, numbers.in_progress, numbers.followed_up) == (
        2,
        1,
        1,
    )
    assert numbers.percentage == 0.5
    channels = {row.label: row.count for row in numbers.by_channel}
    assert channels["SP4N-LAPOR!"] == 1 and channels["Telepon/SMS/WhatsApp"] == 1
    inputs = r5ii_inputs(unit, 2025)
    assert inputs.as_inputs() == {
        "pengaduan_harus": 2,
        "pengaduan_diproses": 1,
        "pengaduan_selesai": 1,
    }
    book = load_workbook(BytesIO(recap.render_xlsx(unit, numbers)))
    values = [c.value for c in book.active["B"]]
    assert 2 in values and "Tahun 2025" in values


def test_recap_is_filed_once_as_bukti_fisik(client, tree, clerk):
    client.force_login(clerk)
    url = reverse("cases:complaint_recap_file", args=["kpu-tanjabbar"])
    period = {"start": "2025-01-01", "end": "2025-12-31"}
    assert client.post(url, period).status_code == 302
    assert client.post(url, period).status_code == 302
    item = Evidence.objects.get(unit=tree["tanjabbar"])
    assert "R.5.ii.-" in item.supported_questions
    assert item.revisions.count() == 1


def test_recap_downloads_are_background_jobs(client, tree, clerk):
    client.force_login(clerk)
    url = reverse("cases:complaint_recap", args=["kpu-tanjabbar"])
    period = {"start": "2025-01-01", "end": "2025-12-31"}
    pdf = start_and_run(client, url, {**period, "format": "pdf"})
    assert (pdf.kind, pdf.unit, pdf.user) == (
        "cases.complaint_recap",
        tree["tanjabbar"],
        clerk,
    )
    assert pdf.result_filename == "rekap-pengaduan-kpu-tanjabbar-20250101-20251231.pdf"
    assert job_file(client, pdf).startswith(b"%PDF")
    xlsx = start_and_run(client, url, {**period, "format": "xlsx"})
    assert job_file(client, xlsx).startswith(b"PK")
    # A GET with a format only shows the page; it starts nothing.
    assert client.get(url, {**period, "format": "pdf"})["Content-Type"].startswith(
        "text/html"
    )
    assert Job.objects.count() == 2


def test_recap_job_of_a_deleted_unit_fails_in_indonesian(client, tree, clerk):
    client.force_login(clerk)
    url = reverse("cases:complaint_recap", args=["kpu-tanjabbar"])
    client.post(url, {"format": "pdf"})
    job = Job.objects.get(kind="cases.complaint_recap")
    Job.objects.filter(pk=job.pk).update(params={**job.params, "unit": 0})
    job.refresh_from_db()
    run_task(job)
    assert job.status == Job.Status.FAILED
    assert job.error == "Unit ini tidak ditemukan lagi. Rekap pengaduan dibatalkan."


def test_list_queries_do_not_grow_with_rows(
    client, tree, clerk, bob, django_assert_num_queries
):
    client.force_login(clerk)
    url = reverse("cases:complaint_list", args=["kpu-tanjabbar"])
    complaint, _ = file_complaint(tree["tanjabbar"])
    services.assign_complaint(complaint, handler=clerk, pic=bob, by=clerk)
    client.get(url)
    with django_assert_num_queries(9) as first:
        client.get(url)
    for _ in range(5):
        c, _ = file_complaint(tree["tanjabbar"])
        services.assign_complaint(c, handler=clerk, pic=bob, by=clerk)
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(url)


def test_attachment_names_are_not_storage_names(tree):
    complaint, _ = services.file_complaint(
        tree["tanjabbar"],
        services.ComplaintData(subject="a", body="b", privacy="anonim"),
        reporter=None,
        files=[IncomingFile(["..", "..", "etc.pdf"][-1], BytesIO(minimal_pdf(["x"])))],
    )
    row = complaint.attachments.get()
    assert "etc" not in row.file.name and row.file.name.endswith(".pdf")


def test_a_failure_after_storing_files_leaves_nothing(tree, monkeypatch, settings):
    from pathlib import Path

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("audit down")

    monkeypatch.setattr(services.audit, "record", boom)
    with pytest.raises(RuntimeError):
        services.file_complaint(
            tree["tanjabbar"],
            services.ComplaintData(subject="a", body="b", privacy="anonim"),
            reporter=None,
            files=[IncomingFile("a.pdf", BytesIO(minimal_pdf(["x"])))],
        )
    assert not Complaint.objects.exists()
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    assert not [p for p in root.rglob("*") if p.is_file()]


def test_only_members_are_assigned(tree, clerk, charlie, complaint):
    with pytest.raises(ValidationError, match="bukan anggota"):
        services.assign_complaint(complaint, handler=charlie, pic=None, by=clerk)


def test_forwarded_complaint_is_followed_from_where_it_was_filed(client, tree, clerk):
    complaint, code = file_complaint(tree["tanjabbar"])
    services.forward_complaint(
        complaint, to_unit=tree["jambi"], reason="Kewenangan provinsi", by=clerk
    )
    url = reverse("cases:complaint_track", args=["kpu-tanjabbar"])
    body = client.post(url, {"code": code}).content.decode()
    assert "diteruskan kepada" in body and tree["jambi"].name in body


def test_a_day_off_added_by_the_administrator_moves_new_deadlines(tree, admin):
    from sizi.core.models import CalendarDay
    from sizi.core.workdays import save_calendar_day

    received = datetime(2025, 7, 1, 2, 0, tzinfo=UTC)  # Tuesday
    before, _ = file_complaint(tree["tanjabbar"], received_at=received)
    assert before.due_on == date(2025, 7, 4)
    save_calendar_day(
        CalendarDay(day=date(2025, 7, 2), kind="libur_lain", name="Pilkada ulang"),
        by=admin,
    )
    after, _ = file_complaint(tree["tanjabbar"], received_at=received)
    assert after.due_on == date(2025, 7, 7)


def test_a_verified_complaint_can_be_reclassified_with_a_reason(client, tree, clerk):
    complaint, code = file_complaint(tree["tanjabbar"])
    with pytest.raises(ValidationError, match="sudah diverifikasi"):
        services.reclassify_complaint(
            complaint, category="aspirasi", reason="x", by=clerk
        )
    services.verify_complaint(complaint, category="pengaduan", by=clerk)
    with pytest.raises(ValidationError, match="sama dengan"):
        services.reclassify_complaint(
            complaint, category="pengaduan", reason="Keliru", by=clerk
        )
    with pytest.raises(ValidationError, match="alasan"):
        services.reclassify_complaint(
            complaint, category="aspirasi", reason="  ", by=clerk
        )

    client.force_login(clerk)
    detail = reverse("cases:complaint_detail", args=["kpu-tanjabbar", complaint.pk])
    assert "Ubah klasifikasi" in client.get(detail).text
    url = reverse("cases:complaint_reclassify", args=["kpu-tanjabbar", complaint.pk])
    response = client.post(
        url, {"category": "informasi", "reason": "Pelapor menanyakan jadwal."}
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.category == "informasi"
    assert complaint.status == Status.VERIFIED
    event = AuditEvent.objects.get(action="cases.complaint_reclassified")
    assert event.changes["category"] == ["pengaduan", "informasi"]
    assert event.changes["reason"] == "Pelapor menanyakan jadwal."
    trail = client.post(
        reverse("cases:complaint_track", args=["kpu-tanjabbar"]), {"code": code}
    ).text
    assert "Klasifikasi diubah menjadi permintaan informasi." in trail


def test_a_closed_complaint_keeps_its_classification(tree, clerk):
    complaint, _ = file_complaint(tree["tanjabbar"])
    services.verify_complaint(complaint, category="pengaduan", by=clerk)
    services.record_follow_up(complaint, text="Sudah diperbaiki.", by=clerk)
    services.close_complaint(complaint, by=clerk)
    with pytest.raises(ValidationError):
        services.reclassify_complaint(
            complaint, category="aspirasi", reason="Terlambat", by=clerk
        )
    complaint.refresh_from_db()
    assert complaint.category == "pengaduan"


def test_the_detail_page_gives_every_text_box_its_own_id(client, tree, clerk):
    """Reply, note and follow-up are one form class; their boxes were all
    "id_text", so every label named the first box."""
    import re
    from collections import Counter

    complaint, _ = file_complaint(tree["tanjabbar"])
    services.verify_complaint(complaint, category="pengaduan", by=clerk)
    client.force_login(clerk)
    detail = reverse("cases:complaint_detail", args=["kpu-tanjabbar", complaint.pk])
    html = client.get(detail).text
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert [i for i, n in ids.items() if n > 1] == []
    assert 'id="id_reply_text"' in html and 'id="id_follow_up_text"' in html
