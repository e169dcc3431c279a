"""Signed decrees as PDF: a text PDF and a scan (OCR) made in the tests from the seed,
low-confidence cells corrected in the preview, and decrees naming another unit or year."""

from __future__ import annotations

import difflib
import io
from io import StringIO
from pathlib import Path
from typing import Any

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from sizi.core.models import AuditEvent
from sizi.plans.importing import ParsedPlan, parse_decree
from sizi.plans.importing import ocr as ocr_module
from sizi.plans.importing.corrections import apply_corrections
from sizi.plans.importing.naming import decree_mismatches, distinctive, names_unit
from sizi.plans.importing.parsed import (
    ParsedArea,
    ParsedComponent,
    ParsedDecree,
    ParsedIndicator,
    UncertainCell,
)
from sizi.plans.models import ActionPlan, ActionStep
from sizi.plans.tests.decree_files import SEED, build_pdf, build_scanned_pdf
from sizi.plans.tests.import_jobs import preview_pdf

CODE = "kpu-tanjabbar"
needs_ocr = pytest.mark.skipif(
    not ocr_module.available(),
    reason="Tesseract with the Indonesian model is not installed "
    "(Debian: tesseract-ocr tesseract-ocr-ind)",
)


@pytest.fixture(scope="module")
def text_pdf() -> bytes:
    return build_pdf(SEED.read_text(encoding="utf-8"))


def _pages(pdf: bytes, numbers: list[int]) -> bytes:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    writer = pypdf.PdfWriter()
    for number in numbers:
        writer.add_page(reader.pages[number - 1])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def short_pdf(text_pdf: bytes) -> bytes:
    """The decree's first page and the whole Lampiran (the pages a scan needs)."""
    reader = pypdf.PdfReader(io.BytesIO(text_pdf))
    lampiran = [
        n
        for n, page in enumerate(reader.pages, start=1)
        if "KOMPONEN" in (page.extract_text() or "")
    ]
    return _pages(text_pdf, [1, *lampiran])


@pytest.fixture(scope="module")
def scanned_pdf(short_pdf: bytes) -> bytes:
    return build_scanned_pdf(short_pdf)


def _rows(plan: ParsedPlan) -> list[tuple[Any, ...]]:
    return [
        (a.numeral, c.number, c.name, i.text, tuple(i.steps), tuple(i.evidence))
        for a, c, i in plan.iter_indicators()
    ]


# -- reading -------------------------------------------------------------------


def test_text_pdf_reads_like_the_text_decree(text_pdf: bytes) -> None:
    seed = parse_decree(SEED.read_bytes(), SEED.name)
    plan = parse_decree(text_pdf, "keputusan.pdf")

    assert plan.source_format == "pdf"
    assert plan.errors == []
    assert plan.summary() == seed.summary()
    assert plan.summary()["steps"] == 74
    assert _rows(plan) == _rows(seed)
    assert [c.number for _, c, _ in plan.iter_indicators()] == [
        c.number for _, c, _ in seed.iter_indicators()
    ]
    # targets read the same (a cut "Juli- Desember" may lose its space)
    assert [(i.target.start, i.target.end) for _, _, i in plan.iter_indicators()] == [
        (i.target.start, i.target.end) for _, _, i in seed.iter_indicators()
    ]
    assert plan.decree == seed.decree
    assert plan.uncertain == []


def test_pdf_without_text_layer_and_without_ocr_says_so(
    scanned_pdf: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ocr_module, "available", lambda: False)
    plan = parse_decree(scanned_pdf + b"\n", "pindaian.pdf")
    assert not plan.ok
    assert "hasil pindaian" in plan.errors[0].message
    assert "tidak terpasang" in plan.errors[0].message


def test_a_damaged_or_disguised_pdf_is_refused_with_a_message() -> None:
    damaged = parse_decree(b"%PDF-1.7\n garbage", "rusak.pdf")
    assert not damaged.ok and "PDF rusak" in damaged.errors[0].message
    disguised = parse_decree(b"NO\tKOMPONEN\n", "keputusan.pdf")
    assert not disguised.ok and "bukan PDF" in disguised.errors[0].message


@needs_ocr
def test_scanned_pdf_is_read_by_ocr_and_marks_low_confidence_cells(
    short_pdf: bytes, scanned_pdf: bytes
) -> None:
    text = parse_decree(short_pdf, "teks.pdf")
    scan = parse_decree(scanned_pdf, "pindaian.pdf")

    assert scan.source_format == "pdf-ocr"
    counts = ("areas", "components", "indicators", "steps", "evidence")
    assert [scan.summary()[k] for k in counts] == [text.summary()[k] for k in counts]
    assert scan.errors == []
    numbers = [(a.numeral, c.number.rstrip(".")) for a, c, _ in scan.iter_indicators()]
    expected = [(a.numeral, c.number.rstrip(".")) for a, c, _ in text.iter_indicators()]
    # a lone "1" in the narrow NO column is the OCR's weakest cell
    assert difflib.SequenceMatcher(None, numbers, expected).ratio() > 0.85
    ratio = difflib.SequenceMatcher(None, repr(_rows(text)), repr(_rows(scan))).ratio()
    assert ratio > 0.97
    assert (scan.decree.number, scan.decree.plan_year) == ("42", 2025)
    assert "TANJUNG JABUNG BARAT" in scan.decree.title
    # every item OCR was unsure of is listed and marked on its indikator
    assert scan.uncertain
    assert all(u.confidence < 80 for u in scan.uncertain)
    for cell in scan.uncertain:
        a, c, i, kind, n = cell.key.split(".")
        indicator = scan.areas[int(a)].components[int(c)].indicators[int(i)]
        assert f"{kind}.{n}" in indicator.uncertain
    assert scan.warnings[0].message.startswith("PDF hasil pindaian")


def _plan_with_uncertain() -> ParsedPlan:
    indicator = ParsedIndicator(
        text="Rapat evaluasi", steps=["Rapat evaluasi pembangunan Zl"], evidence=["SK"]
    )
    indicator.uncertain = ["step.0"]
    plan = ParsedPlan(
        areas=[
            ParsedArea(
                "I",
                "MANAJEMEN PERUBAHAN",
                "MP",
                [ParsedComponent("1", "Tim", [indicator])],
            )
        ]
    )
    plan.uncertain = [
        UncertainCell(
            "0.0.0.step.0", "halaman 2", "Langkah aksi", indicator.steps[0], 42
        )
    ]
    return plan


def test_corrections_replace_only_the_listed_uncertain_items() -> None:
    plan = _plan_with_uncertain()
    changed = apply_corrections(
        plan,
        {
            "0.0.0.step.0": "Rapat evaluasi pembangunan ZI",
            "0.0.0.evidence.0": "dipalsukan",  # not listed: ignored
            "9.9.9.step.0": "x",
        },
    )
    indicator = plan.areas[0].components[0].indicators[0]
    assert changed == 1
    assert indicator.steps == ["Rapat evaluasi pembangunan ZI"]
    assert indicator.evidence == ["SK"]


# -- naming another unit or year ------------------------------------------------


def test_distinctive_words_of_a_unit_name_are_compared() -> None:
    assert distinctive("KPU Kabupaten Tanjung Jabung Barat") == "TANJUNG JABUNG BARAT"
    signer = "KETUA KOMISI PEMILIHAN UMUM KABUPATEN TANJUNG JABUNG BARAT"
    assert names_unit(signer, ["KPU Kabupaten Tanjung Jabung Barat"])
    assert not names_unit(signer, ["KPU Kabupaten Tanjung Jabung Timur"])


def test_mismatches_name_the_other_unit_and_year() -> None:
    decree = ParsedDecree(
        title="RENCANA AKSI ... KOMISI PEMILIHAN UMUM KABUPATEN TANJUNG JABUNG BARAT "
        "TAHUN 2025",
        plan_year=2025,
    )
    own = "KPU Kabupaten Tanjung Jabung Barat"
    assert (
        decree_mismatches(decree, unit_name=own, unit_names=[own], others={}, year=2025)
        == []
    )
    other = "KPU Kabupaten Tanjung Jabung Timur"
    assert decree_mismatches(
        decree, unit_name=other, unit_names=[other], others={own: [own]}, year=2026
    ) == [
        f"Judul atau penanda tangan keputusan menyebut «{own}», bukan unit ini "
        f"(«{other}»).",
        "Keputusan ini untuk tahun 2025, sedangkan rencana aksi diimpor untuk tahun 2026.",
    ]
    # a region no registered unit has is named as printed
    assert decree_mismatches(
        decree,
        unit_name="KPU Kota Jambi",
        unit_names=["KPU Kota Jambi"],
        others={},
        year=2025,
    ) == [
        "Judul atau penanda tangan keputusan menyebut «Kabupaten Tanjung Jabung Barat», "
        "bukan unit ini («KPU Kota Jambi»)."
    ]
    # a decree whose title and signer were not read says nothing about the unit
    assert (
        decree_mismatches(
            ParsedDecree(), unit_name=other, unit_names=[other], others={}, year=2025
        )
        == []
    )


# -- the upload page -------------------------------------------------------------


def _upload(client: Any, code: str, name: str, data: bytes, year: str = "") -> Any:
    return client.post(
        reverse("plans:plan_import", args=[code]),
        {"file": SimpleUploadedFile(name, data), "year": year},
    )


def _confirm(client: Any, code: str, preview: Any, **extra: str) -> Any:
    confirm = preview.context["confirm"]
    data = {k: confirm.initial[k] for k in ("token", "filename", "year")}
    return client.post(
        reverse("plans:plan_import_confirm", args=[code]), {**data, **extra}
    )


@pytest.mark.django_db
def test_upload_page_imports_a_text_pdf(
    client: Any, alice: Any, tree: Any, text_pdf: bytes
) -> None:
    client.force_login(alice)
    preview = preview_pdf(client, CODE, "keputusan.pdf", text_pdf)
    assert preview.status_code == 200
    assert preview.context["counts"]["steps"] == 74
    assert preview.context["mismatch"] == []
    assert 'name="sure"' not in preview.content.decode()

    saved = _confirm(client, CODE, preview)

    assert saved.status_code == 302
    plan = ActionPlan.objects.get(unit=tree["tanjabbar"], year=2025)
    assert ActionStep.objects.for_plan(plan).count() == 74
    assert plan.source_filename == "keputusan.pdf"


@pytest.mark.django_db
def test_upload_refuses_a_pdf_name_without_pdf_content(
    client: Any, alice: Any, tree: Any
) -> None:
    client.force_login(alice)
    response = _upload(client, CODE, "keputusan.pdf", SEED.read_bytes())
    assert response.status_code == 200
    assert "isinya bukan PDF" in response.context["form"].errors["file"][0]


# A scan uploaded through the page (a reading job, OCR once, corrections saved):
# test_import_pdf_job.py, with a three-page scan.


@pytest.mark.django_db
def test_a_correction_typed_in_the_preview_is_saved(
    client: Any, alice: Any, tree: Any, monkeypatch: pytest.MonkeyPatch, text_pdf: bytes
) -> None:
    """The whole seed as a scan would take a minute of OCR: the text PDF stands in
    for it, with one cell marked as OCR would mark it."""
    from sizi.plans.importing import pdf_reader

    real = pdf_reader.read_pdf_pages

    def with_doubt(pages: Any, *, year: int | None = None) -> ParsedPlan:
        plan = real(pages, year=year)
        area, comp, ind = next(plan.iter_indicators())
        ind.steps[0] = ind.steps[0].replace("Komisioner", "Kornisioner")
        ind.uncertain.append("step.0")
        plan.uncertain.append(
            UncertainCell(
                "0.0.0.step.0", ind.location, "Langkah aksi", ind.steps[0], 41
            )
        )
        return plan

    # the preview and the save build the plan from the kept pages (reader.parse_pages)
    monkeypatch.setattr("sizi.plans.importing.reader.read_pdf_pages", with_doubt)
    client.force_login(alice)
    preview = preview_pdf(client, CODE, "keputusan.pdf", text_pdf)
    assert preview.status_code == 200
    html = preview.content.decode()
    assert 'id="ocr-corrections"' in html and "Kornisioner" in html
    # with cells to check, only the form below them (not the one at the top) saves
    confirm_url = reverse("plans:plan_import_confirm", args=[CODE])
    assert html.count(f'action="{confirm_url}"') == 1

    fixed = (
        preview.context["parsed"].uncertain[0].text.replace("Kornisioner", "Komisioner")
    )
    saved = _confirm(client, CODE, preview, **{"koreksi-0.0.0.step.0": fixed})

    assert saved.status_code == 302
    plan = ActionPlan.objects.get(unit=tree["tanjabbar"], year=2025)
    texts = list(ActionStep.objects.for_plan(plan).values_list("text", flat=True))
    assert fixed in texts
    assert not any("Kornisioner" in t for t in texts)


@pytest.mark.django_db
def test_decree_of_another_unit_needs_the_explicit_confirmation(
    client: Any, charlie: Any, tree: Any
) -> None:
    client.force_login(charlie)
    preview = _upload(client, "kpu-tanjabtim", SEED.name, SEED.read_bytes())
    assert preview.status_code == 200
    assert "KPU Kabupaten Tanjung Jabung Barat" in preview.context["mismatch"][0]
    html = preview.content.decode()
    assert 'id="import-mismatch"' in html
    # the checkbox has its label, in the one form below the preview
    assert '<label for="import-sure">Saya yakin ini keputusan unit ini' in html
    confirm_url = reverse("plans:plan_import_confirm", args=["kpu-tanjabtim"])
    assert html.count(f'action="{confirm_url}"') == 1

    refused = _confirm(client, "kpu-tanjabtim", preview)
    assert refused.status_code == 302
    assert not ActionPlan.objects.filter(unit=tree["tanjabtim"]).exists()

    preview = _upload(client, "kpu-tanjabtim", SEED.name, SEED.read_bytes())
    saved = _confirm(client, "kpu-tanjabtim", preview, sure="on")
    assert saved.status_code == 302
    plan = ActionPlan.objects.get(unit=tree["tanjabtim"], year=2025)
    event = AuditEvent.objects.filter(action="plans.plan_imported").latest("pk")
    assert event.changes["confirmed_warnings"] == preview.context["mismatch"]
    assert plan.pk


@pytest.mark.django_db
def test_decree_imported_into_another_year_is_warned(
    client: Any, alice: Any, tree: Any
) -> None:
    client.force_login(alice)
    preview = _upload(client, CODE, SEED.name, SEED.read_bytes(), year="2026")
    assert preview.context["mismatch"] == [
        "Keputusan ini untuk tahun 2025, sedangkan rencana aksi diimpor untuk tahun 2026."
    ]
    assert 'name="sure"' in preview.content.decode()
    _confirm(client, CODE, preview)
    assert not ActionPlan.objects.filter(year=2026).exists()


# -- the command ------------------------------------------------------------------


@pytest.mark.django_db
def test_command_imports_a_pdf(tree: Any, text_pdf: bytes, tmp_path: Path) -> None:
    path = tmp_path / "keputusan.pdf"
    path.write_bytes(text_pdf)
    out = StringIO()
    call_command("import_action_plan", str(path), unit=CODE, stdout=out)
    plan = ActionPlan.objects.get(unit=tree["tanjabbar"], year=2025)
    assert ActionStep.objects.for_plan(plan).count() == 74
    assert "74 langkah aksi" in out.getvalue()


@pytest.mark.django_db
def test_command_refuses_another_units_decree_without_force(tree: Any) -> None:
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_action_plan",
            str(SEED),
            unit="kpu-tanjabtim",
            stdout=StringIO(),
            stderr=err,
        )
    assert "--force" in err.getvalue()
    assert "KPU Kabupaten Tanjung Jabung Barat" in err.getvalue()
    assert not ActionPlan.objects.filter(unit=tree["tanjabtim"]).exists()

    out = StringIO()
    call_command(
        "import_action_plan", str(SEED), unit="kpu-tanjabtim", force=True, stdout=out
    )
    assert ActionPlan.objects.filter(unit=tree["tanjabtim"], year=2025).exists()
    assert "PERINGATAN Judul atau penanda tangan" in out.getvalue()


@needs_ocr
@pytest.mark.django_db
def test_command_lists_the_ocr_cells_to_check(
    tree: Any, scanned_pdf: bytes, tmp_path: Path
) -> None:
    path = tmp_path / "pindaian.pdf"
    path.write_bytes(scanned_pdf)
    out, err = StringIO(), StringIO()
    call_command(
        "import_action_plan",
        str(path),
        unit=CODE,
        dry_run=True,
        stdout=out,
        stderr=err,
    )
    assert "74 langkah aksi" in out.getvalue()
    assert "PDF hasil pindaian" in out.getvalue()
    assert "PERIKSA OCR halaman" in out.getvalue()
    # OCR's progress, page by page, on stderr (stdout stays the report / JSON)
    progress = err.getvalue().splitlines()
    assert progress[0] == "Membaca halaman 1 dari 18 dengan OCR (1/18)"
    assert progress[-1] == "Membaca halaman 18 dari 18 dengan OCR (18/18)"
    assert not ActionPlan.objects.exists()
