"""PPID: requests, the statutory clocks, decisions, notices, keberatan, DIP, report."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from docx import Document

from sizi.cases.ppid import documents, services
from sizi.cases.ppid.models import InformationRequest, Objection, PublicInformation
from sizi.cases.ppid.queries import public_information
from sizi.cases.tests.channel_fixtures import REQUESTER_NIK, file_request
from sizi.core.models import Job
from sizi.core.tests.jobs import job_file, run_task, start_and_run
from sizi.evidence.models import Evidence

pytestmark = pytest.mark.django_db
Status = InformationRequest.Status


def _form(**extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": "perorangan",
        "name": "Sari Pemohon",
        "identity_number": REQUESTER_NIK,
        "address": "Jl. Pelabuhan 5",
        "occupation": "Mahasiswa",
        "phone": "0813-2222-3333",
        "email": "sari@example.net",
        "information": "Rekap hasil pemilihan per TPS",
        "purpose": "Penelitian",
        "delivery": "email",
        "situs_web": "",
    }
    data.update(extra)
    return data


def test_public_request_gets_a_code_and_a_ten_working_day_clock(client, tree):
    url = reverse("cases:info_request_new", args=["kpu-tanjabbar"])
    response = client.post(url, _form())
    assert response.status_code == 302
    receipt = client.get(response["Location"])
    code = receipt.context["code"]
    item = InformationRequest.objects.get()
    assert item.requester.identity_number == REQUESTER_NIK
    assert services.find_by_code(tree["tanjabbar"], code) == item
    track = client.post(
        reverse("cases:info_request_track", args=["kpu-tanjabbar"]), {"code": code}
    )
    assert track.status_code == 200
    body = track.content.decode()
    assert item.number in body and REQUESTER_NIK not in body and "Sari" not in body


def test_identity_is_required_as_the_law_asks(client, tree):
    url = reverse("cases:info_request_new", args=["kpu-tanjabbar"])
    response = client.post(url, _form(identity_number="", phone="", email=""))
    assert response.status_code == 422
    assert not InformationRequest.objects.exists()


def test_clock_across_lebaran_2026(tree):
    received = datetime(2026, 3, 17, 2, 0, tzinfo=UTC)  # Tuesday 09.00 WIB
    item, _ = file_request(tree["tanjabbar"], received_at=received)
    assert item.due_on == date(2026, 4, 8)


def test_one_extension_of_seven_working_days_with_reasons(info_request, ppid_officer):
    due = info_request.due_on
    with pytest.raises(ValidationError):
        services.extend_request(info_request, reason=" ", by=ppid_officer)
    services.extend_request(
        info_request, reason="Dokumen di gudang arsip", by=ppid_officer
    )
    assert info_request.status == Status.EXTENDED
    assert services.count_working_days(due, info_request.due_on) == 7
    with pytest.raises(ValidationError):
        services.extend_request(info_request, reason="lagi", by=ppid_officer)


def test_the_requester_reads_the_extended_date_in_house_style(
    info_request, ppid_officer
):
    services.extend_request(
        info_request, reason="Dokumen di gudang arsip", by=ppid_officer
    )
    text = info_request.events.latest("pk").text
    due = info_request.due_on
    months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli"]
    months += ["Agustus", "September", "Oktober", "November", "Desember"]
    assert f"sampai {due.day} {months[due.month - 1]} {due.year}:" in text
    assert f"{due:%d-%m-%Y}" not in text


def test_refusal_needs_an_exception_ground(info_request, ppid_officer):
    with pytest.raises(ValidationError):
        services.decide_request(
            info_request, decision="ditolak", answer="Tidak dapat", by=ppid_officer
        )
    services.decide_request(
        info_request,
        decision="ditolak",
        answer="Memuat data pribadi pemilih.",
        exception_ground="h",
        by=ppid_officer,
    )
    assert info_request.status == Status.DECIDED


def test_keberatan_and_the_komisi_informasi_window(
    client, tree, ppid_officer, ppid_superior
):
    item, code = file_request(tree["tanjabbar"])
    services.decide_request(
        item, decision="tidak_dikuasai", answer="Tidak kami kuasai.", by=ppid_officer
    )
    url = reverse("cases:info_request_object", args=["kpu-tanjabbar"])
    response = client.post(
        url,
        {"code": code, "reason": "e", "statement": "Saya yakin ada.", "situs_web": ""},
    )
    assert response.status_code == 200
    objection = Objection.objects.get()
    assert services.count_working_days(objection.filed_at, objection.due_on) == 30
    services.decide_objection(
        objection, outcome="ditolak", response="Tetap tidak dikuasai.", by=ppid_superior
    )
    assert (
        services.count_working_days(objection.decided_at, objection.commission_until)
        == 14
    )
    page = client.post(
        reverse("cases:info_request_track", args=["kpu-tanjabbar"]), {"code": code}
    )
    assert "Komisi Informasi" in page.content.decode()
    with pytest.raises(ValidationError):
        services.file_objection(item, reason="e", statement="lagi")


def test_an_incomplete_keberatan_is_422_and_files_nothing(client, tree):
    _, code = file_request(tree["tanjabbar"])
    url = reverse("cases:info_request_object", args=["kpu-tanjabbar"])
    empty = client.post(url, {"code": code, "reason": "", "statement": ""})
    assert empty.status_code == 422
    assert "Keberatan belum lengkap" in empty.content.decode()
    assert not Objection.objects.exists()


def test_keberatan_is_refused_after_thirty_working_days(tree, ppid_officer):
    item, _ = file_request(tree["tanjabbar"])
    services.decide_request(
        item, decision="diberikan", answer="Terlampir.", by=ppid_officer
    )
    InformationRequest.objects.filter(pk=item.pk).update(
        decided_at=timezone.now() - timedelta(days=60)
    )
    item.refresh_from_db()
    with pytest.raises(ValidationError, match="30 hari kerja"):
        services.file_objection(item, reason="d", statement="Tidak sesuai")


def test_unanswered_request_opens_the_keberatan(tree):
    item, _ = file_request(tree["tanjabbar"])
    assert services.objection_basis(item) is None
    InformationRequest.objects.filter(pk=item.pk).update(
        due_on=timezone.localdate() - timedelta(days=1)
    )
    item.refresh_from_db()
    objection = services.file_objection(item, reason="c", statement="Tidak dijawab")
    assert objection.request.status == Status.OBJECTED


def test_written_notice_as_docx_and_pdf(client, tree, ppid_officer, vera):
    item, _ = file_request(tree["tanjabbar"])
    services.decide_request(
        item,
        decision="sebagian",
        answer="Data pribadi dihitamkan.",
        exception_ground="h",
        by=ppid_officer,
    )
    client.force_login(ppid_officer)
    docx = client.get(
        reverse("cases:request_notice", args=["kpu-tanjabbar", item.pk, "docx"])
    )
    text = "\n".join(p.text for p in Document(BytesIO(docx.content)).paragraphs)
    assert "PEMBERITAHUAN TERTULIS" in text
    pdf = client.get(
        reverse("cases:request_notice", args=["kpu-tanjabbar", item.pk, "pdf"])
    )
    assert pdf.content.startswith(b"%PDF")
    client.force_login(vera)
    assert (
        client.get(
            reverse("cases:request_notice", args=["kpu-tanjabbar", item.pk, "pdf"])
        ).status_code
        == 404
    )


def test_dip_entries_and_what_the_public_sees(client, tree, ppid_officer):
    unit = tree["tanjabbar"]
    client.force_login(ppid_officer)
    url = reverse("cases:dip_create", args=["kpu-tanjabbar"])
    base = {
        "category": "berkala",
        "title": "Laporan keuangan 2025",
        "summary": "LRA",
        "official": "Sekretaris",
        "published": "on",
    }
    assert client.post(url, base).status_code == 302
    exempt = {**base, "category": "dikecualikan", "title": "Data pribadi pemilih"}
    assert client.post(url, exempt).status_code == 422
    exempt["exception_ground"] = "h"
    assert client.post(url, exempt).status_code == 302
    hidden = {**base, "title": "Draf internal"}
    del hidden["published"]
    client.post(url, hidden)
    rows = public_information(unit)
    assert [r.title for r in rows] == ["Laporan keuangan 2025", "Data pribadi pemilih"]
    assert rows[1].summary == "" and "Pasal 17 huruf h" in rows[1].exception_ground
    page = client.get(reverse("cases:dip_public", args=["kpu-tanjabbar"]))
    assert "Draf internal" not in page.content.decode()
    assert PublicInformation.objects.count() == 3


def test_annual_report_counts_and_files_as_evidence(client, tree, ppid_officer):
    unit = tree["tanjabbar"]
    year = timezone.localdate().year
    first, _ = file_request(unit)
    file_request(unit)
    services.decide_request(first, decision="diberikan", answer="Ok", by=ppid_officer)
    report = documents.report_for(unit, year)
    assert report.total == 2 and report.answered_in_time == 1
    assert {r.label: r.count for r in report.by_decision}["Diberikan seluruhnya"] == 1
    client.force_login(ppid_officer)
    url = reverse("cases:ppid_report", args=["kpu-tanjabbar"])
    xlsx = start_and_run(client, url, {"tahun": year, "format": "xlsx"})
    assert xlsx.kind == "cases.ppid_report"
    assert xlsx.result_filename == f"laporan-ppid-kpu-tanjabbar-{year}.xlsx"
    assert job_file(client, xlsx).startswith(b"PK")
    pdf = start_and_run(client, url, {"tahun": year, "format": "pdf"})
    assert job_file(client, pdf).startswith(b"%PDF")
    filed = client.post(
        reverse("cases:ppid_report_file", args=["kpu-tanjabbar"]), {"tahun": year}
    )
    assert filed.status_code == 302
    item = Evidence.objects.get(unit=unit)
    assert "P.2.iii.a" in item.supported_questions


def test_request_list_query_count_is_flat(
    client, tree, ppid_officer, django_assert_num_queries
):
    client.force_login(ppid_officer)
    url = reverse("cases:request_list", args=["kpu-tanjabbar"])
    file_request(tree["tanjabbar"])
    client.get(url)
    with django_assert_num_queries(7) as first:
        client.get(url)
    for _ in range(4):
        file_request(tree["tanjabbar"])
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(url)


def test_ppid_records_a_keberatan_brought_by_letter(client, tree, ppid_officer):
    item, _ = file_request(tree["tanjabbar"])
    services.decide_request(
        item, decision="tidak_dikuasai", answer="Tidak ada.", by=ppid_officer
    )
    client.force_login(ppid_officer)
    url = reverse("cases:objection_register", args=["kpu-tanjabbar", item.pk])
    assert (
        client.post(url, {"reason": "d", "statement": "Surat keberatan"}).status_code
        == 302
    )
    assert Objection.objects.get(request=item).statement == "Surat keberatan"


def test_report_job_with_an_unknown_format_fails_in_indonesian(
    client, tree, ppid_officer
):
    client.force_login(ppid_officer)
    url = reverse("cases:ppid_report", args=["kpu-tanjabbar"])
    client.post(url, {"tahun": 2025, "format": "pdf"})
    job = Job.objects.get(kind="cases.ppid_report")
    Job.objects.filter(pk=job.pk).update(params={**job.params, "format": "odt"})
    run_task(job)
    assert job.status == Job.Status.FAILED
    assert job.error == "Format «odt» tidak dikenal. Laporan PPID dibatalkan."
