"""The WBS from intake to purge: receipts, conversation, refusals, recap, retention."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from PIL import Image

from sizi.cases.tests.wbs_fixtures import (
    META,
    SECRET_BODY,
    SECRET_SUMMARY,
    Seeded,
    form_data,
    seed_report,
)
from sizi.cases.wbs import services
from sizi.cases.wbs.models import (
    WbsAttachment,
    WbsMessage,
    WbsOfficer,
    WhistleblowReport,
)
from sizi.cases.wbs.recap import counts_for
from sizi.core.models import AuditEvent
from sizi.evidence.models import Evidence
from sizi.units.models import Unit, User

pytestmark = pytest.mark.django_db
TB = "kpu-tanjabbar"


def _login_with(client: Client, receipt: str) -> Any:
    return client.post(reverse("cases:wbs_login", args=[TB]), {"kode": receipt})


def test_the_receipt_opens_the_report_however_it_is_typed(
    client: Client, seeded: Seeded
) -> None:
    typed = seeded.receipt.lower().replace("-", " ")
    response = _login_with(client, typed)
    assert response.status_code == 302
    page = client.get(reverse("cases:wbs_reporter", args=[TB]))
    assert page.status_code == 200
    assert SECRET_SUMMARY in page.text


def test_a_wrong_receipt_opens_nothing(client: Client, seeded: Seeded) -> None:
    wrong = "0000-0000-0000-0000"
    response = _login_with(client, wrong)
    assert response.status_code == 422
    assert "tidak dikenal" in response.text
    assert client.get(reverse("cases:wbs_reporter", args=[TB])).status_code == 302


def test_a_receipt_of_another_unit_opens_nothing(
    client: Client, tree: dict[str, Unit], seeded: Seeded, other_handler: User
) -> None:
    response = client.post(
        reverse("cases:wbs_login", args=["kpu-tanjabtim"]), {"kode": seeded.receipt}
    )
    assert response.status_code == 422


def test_look_ups_are_limited_per_unit_not_per_client(
    client: Client, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "LOOKUP_LIMIT", services.Limit(2, 600))
    for address in ("198.51.100.1", "198.51.100.2"):
        client.post(
            reverse("cases:wbs_login", args=[TB]),
            {"kode": "0000-0000-0000-0000"},
            REMOTE_ADDR=address,
        )
    # A third client, even with the right code, waits: the limit is the unit's.
    response = client.post(
        reverse("cases:wbs_login", args=[TB]),
        {"kode": seeded.receipt},
        REMOTE_ADDR="198.51.100.3",
    )
    assert response.status_code == 422
    assert "terlalu banyak" in response.text


def test_handler_asks_and_the_reporter_answers_with_the_receipt(
    client: Client, seeded: Seeded, handler: User
) -> None:
    services.handler_message(
        seeded.report, by=handler, text="Siapa saja yang hadir di rapat itu?"
    )
    seeded.report.refresh_from_db()
    assert seeded.report.unread_by_reporter
    assert seeded.report.first_response_on == services.today()
    _login_with(client, seeded.receipt)
    page = client.get(reverse("cases:wbs_reporter", args=[TB]))
    assert "Siapa saja yang hadir" in page.text
    assert "Hana" not in page.text  # handlers stay unnamed to the reporter
    client.post(
        reverse("cases:wbs_reporter", args=[TB]),
        {"pesan": "Kepala subbagian dan dua rekanan.", "situs_web": ""},
    )
    report = WhistleblowReport.objects.get()
    assert report.unread_by_handler
    content, messages, _ = services.read_report(report, by=handler)
    assert [m.body for m in messages] == [
        "Siapa saja yang hadir di rapat itu?",
        "Kepala subbagian dan dua rekanan.",
    ]
    assert content.body == SECRET_BODY


def test_without_a_handler_the_form_kindly_refuses(
    client: Client, tree: dict[str, Unit], lena: User
) -> None:
    url = reverse("cases:wbs_submit", args=[TB])
    page = client.get(url)
    assert page.status_code == 200
    assert "belum menunjuk penangan" in page.text
    assert 'name="uraian"' not in page.text
    response = client.post(url, form_data(), **META)
    assert response.status_code == 503
    assert "belum menunjuk penangan" in response.text
    assert WhistleblowReport.objects.count() == 0
    with pytest.raises(services.ChannelClosed):
        seed_report(tree["tanjabbar"])
    client.force_login(lena)
    index = client.get(reverse("cases:wbs_index", args=[TB]))
    assert 'data-testid="no-handler-warning"' in index.text


def test_without_a_key_in_production_the_channel_refuses(
    client: Client, tree: dict[str, Unit], handler: User, settings: Any
) -> None:
    from django.core.checks import run_checks

    settings.DEBUG = False
    settings.TESTING = False
    settings.WBS_ENCRYPTION_KEY = ""
    response = client.post(reverse("cases:wbs_submit", args=[TB]), form_data())
    assert response.status_code == 503
    assert WhistleblowReport.objects.count() == 0
    assert "cases.W001" in {m.id for m in run_checks()}
    settings.WBS_ENCRYPTION_KEY = "kunci-rusak"
    assert "cases.W001" in {m.id for m in run_checks()}


def test_a_configured_key_seals_and_opens(
    tree: dict[str, Unit], handler: User, settings: Any
) -> None:
    from sizi.cases.wbs.crypto import new_key

    settings.WBS_ENCRYPTION_KEY = new_key()
    seeded = seed_report(tree["tanjabbar"])
    content, _, _ = services.read_report(seeded.report, by=handler)
    assert content.summary == SECRET_SUMMARY
    settings.WBS_ENCRYPTION_KEY = new_key()  # another key opens nothing
    with pytest.raises(Exception, match="tidak dapat dibuka"):
        services.read_report(seeded.report, by=handler)


def _photo() -> bytes:
    exif = Image.Exif()
    exif[0x013B] = "Kamera Milik Pelapor"
    out = io.BytesIO()
    Image.new("RGB", (16, 16), "green").save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_attachments_reach_the_handler_without_metadata(
    client: Client, tree: dict[str, Unit], handler: User
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    photo = SimpleUploadedFile("bukti.jpg", _photo(), content_type="image/jpeg")
    response = client.post(
        reverse("cases:wbs_submit", args=[TB]), {**form_data(), "lampiran": [photo]}
    )
    assert response.status_code == 200, response.text
    attachment = WbsAttachment.objects.get()
    assert b"Kamera Milik Pelapor" not in bytes(attachment.sealed_original)
    client.force_login(handler)
    download = client.get(
        reverse("cases:wbs_attachment", args=[TB, attachment.report_id, attachment.pk])
    )
    assert download.status_code == 200
    assert download.content.startswith(b"\xff\xd8")
    assert b"Kamera Milik Pelapor" not in download.content
    assert AuditEvent.objects.filter(action="wbs.attachment_read").count() == 1


def test_an_attachment_that_cannot_be_cleaned_is_refused_whole(
    client: Client, tree: dict[str, Unit], handler: User
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    video = SimpleUploadedFile(
        "rekaman.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64
    )
    response = client.post(
        reverse("cases:wbs_submit", args=[TB]), {**form_data(), "lampiran": [video]}
    )
    assert response.status_code == 422
    assert WhistleblowReport.objects.count() == 0  # nothing half-written


def test_the_honeypot_refuses_a_bot(
    client: Client, tree: dict[str, Unit], handler: User
) -> None:
    response = client.post(
        reverse("cases:wbs_submit", args=[TB]), form_data(situs_web="http://spam")
    )
    assert response.status_code == 422
    assert WhistleblowReport.objects.count() == 0


def test_receipt_is_shown_once(
    client: Client, tree: dict[str, Unit], handler: User
) -> None:
    response = client.post(reverse("cases:wbs_submit", args=[TB]), form_data())
    codes = re.findall(
        r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", response.text
    )
    assert len(set(codes)) == 1
    again = client.get(reverse("cases:wbs_submit", args=[TB]))
    assert codes[0] not in again.text


def test_status_changes_date_the_closure_and_counts_follow(
    seeded: Seeded, handler: User, tree: dict[str, Unit]
) -> None:
    services.set_status(seeded.report, by=handler, status="ditindaklanjuti")
    services.set_status(seeded.report, by=handler, status="selesai")
    seeded.report.refresh_from_db()
    assert seeded.report.closed_on == services.today()
    counts = counts_for(tree["tanjabbar"])
    assert counts.total == 1 and counts.open == 0
    assert {r.label: r.count for r in counts.by_status}["Selesai"] == 1
    assert counts.median_days_to_close == 0.0
    with pytest.raises(ValidationError):
        services.reporter_reply(seeded.report, text="lagi")


def test_recap_is_filed_as_bukti_fisik_without_content(
    client: Client, seeded: Seeded, alice: User
) -> None:
    client.force_login(alice)
    year = services.today().year
    response = client.post(reverse("cases:wbs_recap", args=[TB]), {"tahun": str(year)})
    assert response.status_code == 302
    evidence = Evidence.objects.get(source=f"cases.wbs_recap:{year}")
    assert evidence.supported_questions == ["P.5.iv.a", "P.5.iv.b", "P.5.iv.c"]
    from django.core.files.storage import default_storage

    assert evidence.current_revision is not None
    with default_storage.open(evidence.current_revision.file.name, "rb") as pdf:
        data = pdf.read()
    assert data.startswith(b"%PDF")
    assert SECRET_SUMMARY.encode() not in data


def test_purge_deletes_closed_reports_past_retention_only(
    tree: dict[str, Unit], handler: User, capsys: Any
) -> None:
    unit = tree["tanjabbar"]
    old = seed_report(unit).report
    services.handler_message(old, by=handler, text="Terima kasih")
    recent = seed_report(unit).report
    still_open = seed_report(unit).report
    for report in (old, recent):
        services.set_status(report, by=handler, status="selesai")
    services.set_retention(unit, 30, by=User.objects.get(username="lena"))
    WhistleblowReport.objects.filter(pk=old.pk).update(
        closed_on=services.today() - timedelta(days=31)
    )
    WhistleblowReport.objects.filter(pk=still_open.pk).update(
        submitted_on=services.today() - timedelta(days=400)
    )
    call_command("purge_wbs_reports")
    assert "1 laporan" in capsys.readouterr().out
    remaining = set(WhistleblowReport.objects.values_list("pk", flat=True))
    assert remaining == {recent.pk, still_open.pk}
    assert not WbsMessage.objects.filter(report_id=old.pk).exists()
    assert AuditEvent.objects.filter(action="wbs.report_purged").count() == 1


def test_officers_count_only_active_users(tree: dict[str, Unit], handler: User) -> None:
    assert services.has_handler(tree["tanjabbar"])
    handler.is_active = False
    handler.save()
    assert not services.has_handler(tree["tanjabbar"])
    assert WbsOfficer.objects.count() == 1


def test_sqlite_zeroes_deleted_rows(db: None) -> None:
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL: deleted tuples go at VACUUM; the data key is gone")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        assert cursor.fetchone()[0] == 1


def test_unit_dashboard_warns_the_managers_while_no_handler_is_appointed(
    client: Client, tree: dict[str, Unit], alice: User, lena: User
) -> None:
    url = reverse("cases:dashboard_panel", args=[TB])
    client.force_login(alice)
    assert "Saluran WBS belum memiliki penangan" in client.get(url).text
    handler = User.objects.create(username="insp", full_name="Insp")
    services.appoint_officer(tree["tanjabbar"], handler, "handler", by=lena)
    assert "Saluran WBS belum memiliki penangan" not in client.get(url).text


def test_home_panel_leads_a_handler_without_unit_role_to_the_channel(
    client: Client, seeded: Seeded, handler: User, custodian: User
) -> None:
    client.force_login(handler)
    home = client.get(reverse("units:dashboard")).text
    assert reverse("cases:my_work_panel") in home
    panel = client.get(reverse("cases:my_work_panel")).text
    assert reverse("cases:wbs_index", args=[TB]) in panel
    assert "1</span> laporan dengan pesan baru" in panel
    services.request_identity(seeded.report, by=handler, reason="Perlu saksi.")
    client.force_login(custodian)
    panel = client.get(reverse("cases:my_work_panel")).text
    assert "1</span> permintaan identitas" in panel
    assert SECRET_SUMMARY not in panel
