"""Importing official workbooks into a unit: new years, stamps, links, nothing half-written."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from sizi.evidence.models import Evidence
from sizi.lke.instrument import load_instrument
from sizi.lke.models import Answer, Assessment, Instrument
from sizi.lke.services.workbook import export_assessment, import_into
from sizi.lke.tests import official_books as books
from sizi.lke.workbook import import_workbook
from sizi.units.models import Unit, User

SPEC = load_instrument()
ANSWERS = books.full_answers(SPEC, seed=11)


def _filled(
    year: int = 2025, unit_name: str = "KPU Kabupaten Tanjung Jabung Barat"
) -> bytes:
    data = books.one_layer(SPEC, ANSWERS, year=year, unit_name=unit_name)
    return books.changed(data, books.as_filled, SPEC)


def test_import_into_a_year_without_assessment_creates_it(
    instrument: Instrument, tree: dict[str, Unit], alice: User
) -> None:
    unit = tree["tanjabbar"]
    preview = import_into(unit, 2025, _filled(), layer="self", by=alice, dry_run=True)
    assert preview.ok and preview.created
    assert len(preview.changes) == len(SPEC.questions)
    assert not Assessment.objects.filter(unit=unit).exists()
    assert not Evidence.objects.exists()

    report = import_into(unit, 2025, _filled(), layer="self", by=alice)

    assert report.ok and report.created, report.errors
    assessment = Assessment.objects.get(unit=unit, year=2025)
    assert Answer.objects.filter(assessment=assessment, layer="self").count() == len(
        SPEC.questions
    )
    assert assessment.scores.get(layer="self").total > 0


def test_links_become_evidence_attached_to_their_answers_once_per_url(
    instrument: Instrument, tree: dict[str, Unit], alice: User
) -> None:
    unit = tree["tanjabbar"]
    report = import_into(unit, 2025, _filled(), layer="self", by=alice)

    assert (report.links_new, report.links_reused) == (2, 1)
    urls = sorted(Evidence.objects.filter(unit=unit).values_list("url", flat=True))
    assert urls == [
        "https://drive.google.com/file/d/abc/view",
        "https://drive.google.com/file/d/def/view",
    ]
    attached = {
        a.question.code: sorted(e.url for e in a.evidence.all())
        for a in Answer.objects.filter(question__code__in=["P.1.i.a", "P.1.i.b"])
    }
    assert attached == {"P.1.i.a": [urls[0]], "P.1.i.b": urls}

    again = import_into(unit, 2025, _filled(), layer="self", by=alice)
    assert (again.links_new, again.links_reused) == (0, 3)
    assert Evidence.objects.filter(unit=unit).count() == 2


def test_a_stamped_year_that_differs_needs_confirmation(
    instrument: Instrument, tree: dict[str, Unit], alice: User
) -> None:
    unit = tree["tanjabbar"]
    last_year = _filled(year=2025)

    refused = import_into(unit, 2026, last_year, layer="self", by=alice)
    assert not refused.ok and refused.confirm_needed
    assert refused.mismatch == [
        "Tahun di lembar kerja 2025, sedangkan tujuan impor tahun 2026."
    ]
    assert not Assessment.objects.filter(unit=unit, year=2026).exists()

    forced = import_into(unit, 2026, last_year, layer="self", by=alice, force=True)
    assert forced.ok and forced.created
    assert Assessment.objects.filter(unit=unit, year=2026).exists()


def test_a_stamped_unit_that_differs_needs_confirmation(
    instrument: Instrument, tree: dict[str, Unit], charlie: User
) -> None:
    data = _filled(unit_name="KPU Kabupaten Tanjung Jabung Barat")
    report = import_into(tree["tanjabtim"], 2025, data, layer="self", by=charlie)
    assert report.confirm_needed
    assert "Tanjung Jabung Barat" in report.mismatch[0]


def test_a_damaged_workbook_writes_nothing(
    instrument: Instrument, tree: dict[str, Unit], alice: User
) -> None:
    data = books.changed(_filled(), books.damaged, SPEC)
    report = import_into(tree["tanjabbar"], 2025, data, layer="self", by=alice)
    assert not report.ok
    assert any("R.4.i.-" in e for e in report.errors)
    assert not Assessment.objects.exists()
    assert not Evidence.objects.exists()


def test_official_export_round_trips_one_and_several_layers(
    instrument: Instrument, tree: dict[str, Unit], alice: User
) -> None:
    unit = tree["tanjabbar"]
    import_into(unit, 2025, _filled(), layer="self", by=alice)
    assessment = Assessment.objects.get(unit=unit, year=2025)

    one = export_assessment(assessment, "self", layout="official")
    multi = export_assessment(
        assessment, layout="official", layers=["self", "internal"]
    )

    assert import_workbook(one, SPEC).answers == ANSWERS
    parsed = import_workbook(multi, SPEC, layer="self")
    assert parsed.answers == ANSWERS
    assert [c.label for c in parsed.columns] == ["Jawaban Unit", "Jawaban TPI"]
    assert import_workbook(multi, SPEC, layer="internal").answers == {}


def test_import_lke_command_creates_the_year_and_needs_force(
    instrument: Instrument, tree: dict[str, Unit], alice: User, tmp_path: Path
) -> None:
    path = tmp_path / "lke-2025.xlsx"
    path.write_bytes(_filled(year=2025))
    with pytest.raises(CommandError, match="--force"):
        call_command(
            "import_lke", str(path), unit="kpu-tanjabbar", year=2026, stdout=StringIO()
        )
    assert not Assessment.objects.exists()

    out = StringIO()
    call_command(
        "import_lke",
        str(path),
        unit="kpu-tanjabbar",
        year=2026,
        force=True,
        as_user="alice",
        stdout=out,
        stderr=StringIO(),
    )

    text = out.getvalue()
    assert "Penilaian LKE 2026 untuk unit 'kpu-tanjabbar' belum ada: dibuat." in text
    assert "Kolom L 'Jawaban' → lapisan self" in text
    assert "Tautan bukti: 2 baru, 1 sudah ada." in text
    assert Assessment.objects.filter(unit__code="kpu-tanjabbar", year=2026).exists()


def test_export_lke_command_writes_the_official_layout(
    instrument: Instrument, tree: dict[str, Unit], alice: User, tmp_path: Path
) -> None:
    import_into(tree["tanjabbar"], 2025, _filled(), layer="self", by=alice)
    path = tmp_path / "resmi.xlsx"
    call_command(
        "export_lke",
        unit="kpu-tanjabbar",
        year=2025,
        layout="official",
        layers="internal,self",
        output=str(path),
        stdout=StringIO(),
    )
    parsed = import_workbook(path.read_bytes(), SPEC, layer="self")
    assert parsed.layout == "official" and parsed.answers == ANSWERS
    with pytest.raises(CommandError, match="--layers hanya"):
        call_command(
            "export_lke",
            unit="kpu-tanjabbar",
            year=2025,
            layers="self",
            output=str(path),
            stdout=StringIO(),
        )
