"""The workbook pages with official workbooks: new years, confirmation, columns, totals."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from sizi.lke.instrument import load_instrument
from sizi.lke.models import Answer, Assessment, Instrument
from sizi.lke.tests import official_books as books
from sizi.lke.workbook import LayerBook, export_official
from sizi.units.models import Unit, User

SPEC = load_instrument()
ANSWERS = books.full_answers(SPEC, seed=5)
NEW = reverse("lke:import_new", args=["kpu-tanjabbar"])


def _upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("LKE 2025.xlsx", data)


def test_coordinator_imports_last_years_workbook_into_a_new_year(
    client: Client, instrument: Instrument, tree: dict[str, Unit], alice: User
) -> None:
    client.force_login(alice)
    data = books.changed(
        books.one_layer(SPEC, ANSWERS, year=2025), books.as_filled, SPEC
    )

    preview = client.post(NEW, {"year": 2026, "file": _upload(data)})

    assert preview.status_code == 200
    report = preview.context["report"]
    assert report.created and report.confirm_needed
    assert "Tahun di lembar kerja 2025" in preview.content.decode()
    assert not Assessment.objects.exists()
    token = preview.context["token"]

    unconfirmed = client.post(NEW, {"token": token})
    assert unconfirmed.status_code == 200 and not Assessment.objects.exists()
    token = unconfirmed.context["token"]

    applied = client.post(NEW, {"token": token, "force": "on"})

    assert applied.status_code == 302
    assessment = Assessment.objects.get(unit__code="kpu-tanjabbar", year=2026)
    assert applied["Location"] == reverse("lke:score", args=["kpu-tanjabbar", 2026])
    assert Answer.objects.filter(assessment=assessment).count() == len(SPEC.questions)


def test_new_year_import_is_for_the_coordinator_of_the_unit(
    client: Client,
    instrument: Instrument,
    tree: dict[str, Unit],
    bob: User,
    charlie: User,
) -> None:
    client.force_login(bob)
    assert client.get(NEW).status_code == 403
    client.force_login(charlie)
    assert client.get(NEW).status_code == 404


def _typed_totals(ws: Worksheet, _spec: object) -> None:
    """Nilai cells as a file keeps them: the total row typed, not recalculated."""
    row = books.find_row(ws, "NILAI EVALUASI")
    ws[f"S{row}"] = 12.34


def test_preview_shows_which_column_goes_where_and_the_saved_totals(
    client: Client, assessment: Assessment, tia: User, alice: User
) -> None:
    assessment.status = Assessment.Status.FORWARDED
    assessment.save()
    multi = export_official(
        SPEC,
        [
            LayerBook("self", ANSWERS),
            LayerBook("internal", {"P.1.i.a": ANSWERS["P.1.i.a"]}),
        ],
        unit_name="KPU Kabupaten Tanjung Jabung Barat",
        year=2025,
    )
    data = books.changed(multi, _typed_totals, SPEC)
    client.force_login(tia)

    preview = client.post(
        reverse("lke:import", args=["kpu-tanjabbar", 2025]), {"file": _upload(data)}
    )

    assert preview.status_code == 200
    report = preview.context["report"]
    assert report.ok, report.errors
    assert [(c.label, c.chosen) for c in report.columns] == [
        ("Jawaban Unit", False),
        ("Jawaban TPI", True),
    ]
    assert [c for c, _b, _a in report.changes] == ["P.1.i.a"]
    html = preview.content.decode()
    assert 'Kolom R "Jawaban TPI" <strong>→ lapisan TPI' in html
    assert "<td>Nilai evaluasi</td><td>12,34</td>" in html
    # SIZI's side is the TPI column with the unit's answers below it, as in the file.
    assert report.reconciliation.totals[0].sizi > 0


def test_official_download_in_one_and_all_layers(
    client: Client, assessment: Assessment, alice: User
) -> None:
    client.force_login(alice)
    path = reverse("lke:export", args=["kpu-tanjabbar", 2025])

    one = client.get(path, {"format": "resmi"})
    multi = client.get(path, {"format": "resmi", "lapisan": "semua"})

    assert one.status_code == multi.status_code == 200
    assert "resmi" in one["Content-Disposition"]
    assert load_workbook(io.BytesIO(one.content)).sheetnames == ["LKE ZI"]
    assert load_workbook(io.BytesIO(multi.content)).sheetnames == ["Jawaban"]
    assert client.get(path, {"lapisan": "semua"}).status_code == 404
