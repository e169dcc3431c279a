"""The workbook pages: download, upload with a preview, apply."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sizi.lke import services
from sizi.lke.models import Answer
from sizi.lke.services.workbook import export_assessment
from sizi.lke.tests.arrange import answer, answer_all, q, url


def test_export_downloads_the_workbook(client, assessment, alice):
    answer(assessment, q(assessment, "P.1.i.a"), alice, value="ya")
    client.force_login(alice)

    response = client.get(url("export"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"
    # A unit's answers are kept out of shared and browser caches.
    assert response["Cache-Control"] == "private, no-store"


def test_import_page_previews_then_applies(client, assessment, alice, tree, charlie):
    from django.core.files.uploadedfile import SimpleUploadedFile

    answer_all(assessment, alice)
    data = export_assessment(assessment)
    other = services.start_assessment(unit=tree["tanjabtim"], year=2025, by=charlie)
    client.force_login(charlie)
    path = reverse("lke:import", args=["kpu-tanjabtim", 2025])

    preview = client.post(path, {"file": SimpleUploadedFile("lke.xlsx", data)})

    assert preview.status_code == 200
    assert len(preview.context["report"].changes) == 110
    first = q(other, "P.1.i.a")
    assert '<th scope="col">Pertanyaan</th>' in preview.text
    assert " ".join(first.text.split()[:5]) in preview.text
    assert "<td>baru</td>" in preview.text
    assert Answer.objects.filter(assessment=other).count() == 0
    # the workbook is stamped with Tanjung Jabung Barat: warned, confirmation asked
    assert "Tanjung Jabung Barat" in preview.context["report"].mismatch[0]
    assert 'name="force"' in preview.content.decode()
    unconfirmed = client.post(path, {"token": preview.context["token"]})
    assert unconfirmed.status_code == 200
    assert unconfirmed.context["report"].confirm_needed
    assert Answer.objects.filter(assessment=other).count() == 0
    token = unconfirmed.context["token"]
    applied = client.post(path, {"token": token, "force": "on"})
    assert applied.status_code == 302
    assert Answer.objects.filter(assessment=other).count() == 110
    assert client.post(path, {"token": token, "force": "on"}).status_code == 302
    assert Answer.objects.filter(assessment=other).count() == 110


def test_import_preview_lists_changed_hasil_inputs(client, assessment, alice):
    """An IPAK changed in the workbook is previewed, not written unannounced."""
    import io
    from decimal import Decimal

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import load_workbook

    from sizi.lke.models import ResultInput

    answer_all(assessment, alice)
    services.save_result_inputs(
        assessment,
        "self",
        ipak=Decimal("3.62"),
        ipkp=Decimal("3.41"),
        performance="B",
        expected_version=0,
        by=alice,
    )
    wb = load_workbook(io.BytesIO(export_assessment(assessment)))
    ws = wb["LKE ZI"]
    row = next(r[0].row for r in ws.iter_rows() if r[13].value == "H1.a")
    ws[f"K{row}"] = "3,70"
    out = io.BytesIO()
    wb.save(out)
    client.force_login(alice)
    path = url("import")

    preview = client.post(
        path, {"file": SimpleUploadedFile("lke.xlsx", out.getvalue())}
    )

    report = preview.context["report"]
    assert report.changes == []
    assert report.hasil_changes == [("H1.a", "3.62", "3.70")]
    assert "1 isian komponen hasil berubah" in preview.text
    assert ResultInput.objects.get(assessment=assessment).ipak == Decimal("3.62")
    applied = client.post(path, {"token": preview.context["token"]}, follow=True)
    assert ResultInput.objects.get(assessment=assessment).ipak == Decimal("3.70")
    assert "1 isian komponen hasil berubah" in applied.text


def test_applying_a_preview_deletes_its_file(client, assessment, alice):

    answer(assessment, q(assessment, "P.1.i.a"), alice, value="ya")
    data = export_assessment(assessment)
    client.force_login(alice)

    preview = client.post(url("import"), {"file": SimpleUploadedFile("lke.xlsx", data)})
    assert default_storage.listdir("lke-imports")[1] != []
    applied = client.post(url("import"), {"token": preview.context["token"]})

    assert applied.status_code == 302
    assert default_storage.listdir("lke-imports")[1] == []


def test_upload_link_only_for_users_who_can_write(
    client, assessment, alice, vera, rina
):
    upload = url("import")
    client.force_login(alice)
    assert upload in client.get(url("score")).text
    client.force_login(vera)
    assert upload not in client.get(url("score")).text
    client.force_login(rina)  # nothing submitted yet: no layer open for the reviewer
    assert upload not in client.get(url("score")).text
