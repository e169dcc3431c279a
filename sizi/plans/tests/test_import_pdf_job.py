"""A PDF decree uploaded through the page is read by a background job: progress per
page, the preview once the job is done, saving from the pages it kept (no second
OCR, no per-process cache), scope, and a failure said in Indonesian."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from sizi.core import jobs
from sizi.core.models import Job
from sizi.core.tests.jobs import run_task
from sizi.plans.import_previews import read_name
from sizi.plans.importing import ocr as ocr_module
from sizi.plans.importing import pdf_reader
from sizi.plans.models import ActionPlan, ActionStep, Indicator
from sizi.plans.tests.decree_files import (
    SEED,
    build_pdf,
    build_scanned_pdf,
    short_decree,
)
from sizi.plans.tests.import_jobs import read_url, upload_pdf

pytestmark = pytest.mark.django_db
CODE = "kpu-tanjabbar"
needs_ocr = pytest.mark.skipif(
    not ocr_module.available(),
    reason="Tesseract with the Indonesian model is not installed "
    "(Debian: tesseract-ocr tesseract-ocr-ind)",
)


@pytest.fixture(scope="module")
def short_pdf() -> bytes:
    """Three text pages: the decree's head, one indikator row per area, the signer."""
    return build_pdf(short_decree(SEED.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def short_scan(short_pdf: bytes) -> bytes:
    return build_scanned_pdf(short_pdf)


@pytest.fixture
def notes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, str]]:
    """Every progress step the jobs report, as (percent, note)."""
    seen: list[tuple[int, str]] = []
    real = jobs.JobRun.progress

    def spy(self: jobs.JobRun, percent: int, note: str = "") -> None:
        seen.append((percent, note))
        real(self, percent, note)

    monkeypatch.setattr(jobs.JobRun, "progress", spy)
    return seen


def _forbid_ocr(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every way into OCR fail the test (and count the attempts)."""
    calls: list[str] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        calls.append("ocr")
        raise AssertionError("OCR must not run again")

    for name in ("read_scanned", "read_page", "render_pages"):
        monkeypatch.setattr(ocr_module, name, refuse)
    monkeypatch.setattr(pdf_reader, "read_pages", refuse)
    return calls


def _confirm(client: Any, preview: Any, **extra: str) -> Any:
    confirm = preview.context["confirm"]
    data = {k: confirm.initial[k] for k in ("token", "filename", "year")}
    return client.post(
        reverse("plans:plan_import_confirm", args=[CODE]), {**data, **extra}
    )


@needs_ocr
def test_a_scan_is_read_once_by_a_job_and_saved_from_what_it_read(
    client: Any,
    alice: Any,
    tree: Any,
    short_scan: bytes,
    notes: list[tuple[int, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client.force_login(alice)
    scanned: list[list[int]] = []
    real_read_scanned = ocr_module.read_scanned

    def counting(data: bytes, numbers: list[int]) -> Any:
        scanned.append(list(numbers))
        return real_read_scanned(data, numbers)

    monkeypatch.setattr(ocr_module, "read_scanned", counting)

    job = upload_pdf(client, CODE, "pindaian.pdf", short_scan)

    # the upload answers at once: nothing was read in the request
    assert scanned == []
    assert job.status == Job.Status.QUEUED
    assert default_storage.exists(job.params["name"])
    waiting = client.get(read_url(CODE, job))
    assert waiting.status_code == 200
    assert 'id="progress-read"' in waiting.content.decode()
    assert 'hx-trigger="every 1s"' in waiting.content.decode()
    assert "parsed" not in waiting.context

    run_task(job)

    assert job.status == Job.Status.DONE, job.error
    assert scanned == [[1, 2, 3]]
    assert [n for _, n in notes if n.endswith("dengan OCR")] == [
        "Membaca halaman 1 dari 3 dengan OCR",
        "Membaca halaman 2 dari 3 dengan OCR",
        "Membaca halaman 3 dari 3 dengan OCR",
    ]
    percents = [p for p, _ in notes]
    assert percents == sorted(percents) and percents[-1] < 100
    # the poll now reloads the page, which shows the preview
    poll = client.get(read_url(CODE, job), headers={"HX-Request": "true"})
    assert poll.headers["HX-Refresh"] == "true"
    preview = client.get(read_url(CODE, job))
    assert preview.status_code == 200
    parsed = preview.context["parsed"]
    assert parsed.source_format == "pdf-ocr" and parsed.errors == []
    assert preview.context["counts"]["areas"] == 6
    assert parsed.uncertain
    html = preview.content.decode()
    assert 'id="ocr-corrections"' in html
    assert html.count('class="ocr-low"') >= len(parsed.uncertain)
    cell = next(u for u in parsed.uncertain if u.key.split(".")[3] in {"step", "text"})
    assert f'name="koreksi-{cell.key}"' in html

    ocr_calls = _forbid_ocr(monkeypatch)
    corrected = "Teks yang dibetulkan dari kertas aslinya"
    saved = _confirm(client, preview, **{f"koreksi-{cell.key}": corrected})

    assert saved.status_code == 302, saved
    assert ocr_calls == []
    plan = ActionPlan.objects.get(unit=tree["tanjabbar"], year=2025)
    steps = ActionStep.objects.for_plan(plan)
    assert steps.count() == preview.context["counts"]["steps"]
    assert plan.source_filename == "pindaian.pdf"
    if ".step." in cell.key:
        assert steps.filter(text=corrected).count() == 1
    else:
        assert Indicator.objects.filter(text=corrected).count() == 1
    # the preview and what was read are gone once saved
    assert not default_storage.exists(job.params["name"])
    assert not default_storage.exists(read_name(job.params["name"]))


def test_a_text_pdf_is_read_by_the_job_too_and_saved_without_reading_again(
    client: Any,
    alice: Any,
    tree: Any,
    short_pdf: bytes,
    notes: list[tuple[int, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client.force_login(alice)
    job = upload_pdf(client, CODE, "SK-42.pdf", short_pdf)
    # while queued, the poll answers the progress panel only
    poll = client.get(read_url(CODE, job), headers={"HX-Request": "true"})
    assert poll.status_code == 200 and "HX-Refresh" not in poll.headers
    panel = poll.content.decode()
    assert panel.lstrip().startswith('<div id="import-read"')
    assert 'hx-trigger="every 1s"' in panel and "Menunggu · 0%" in panel
    run_task(job)
    assert job.status == Job.Status.DONE, job.error
    assert [n for _, n in notes][:3] == [
        "Membaca halaman 1 dari 3",
        "Membaca halaman 2 dari 3",
        "Membaca halaman 3 dari 3",
    ]
    preview = client.get(read_url(CODE, job))
    assert preview.context["parsed"].source_format == "pdf"
    assert preview.context["counts"]["indicators"] == 6
    downloads = client.get(reverse("units:my_downloads")).content.decode()
    assert f'href="{read_url(CODE, job)}">Buka pratinjau impor</a>' in downloads

    calls = _forbid_ocr(monkeypatch)
    saved = _confirm(client, preview)

    assert saved.status_code == 302 and calls == []
    plan = ActionPlan.objects.get(unit=tree["tanjabbar"], year=2025)
    assert ActionStep.objects.for_plan(plan).count() == 8


def test_the_import_page_lists_the_pdfs_being_read(
    client: Any, alice: Any, tree: Any, short_pdf: bytes
) -> None:
    client.force_login(alice)
    job = upload_pdf(client, CODE, "SK-42.pdf", short_pdf)
    page = client.get(reverse("plans:plan_import", args=[CODE]))
    assert page.context["recent_reads"] == [job]
    assert f'href="{read_url(CODE, job)}">SK-42.pdf</a>' in page.content.decode()


def test_a_reading_is_only_its_starters_in_its_own_unit(
    client: Any, alice: Any, lena: Any, bob: Any, charlie: Any, short_pdf: bytes
) -> None:
    client.force_login(alice)
    job = upload_pdf(client, CODE, "SK-42.pdf", short_pdf)
    run_task(job)
    assert client.get(read_url(CODE, job)).status_code == 200
    # alice's own job under another unit's address: missing
    other = reverse("plans:plan_import_read", args=["kpu-tanjabtim", job.pk])
    assert client.get(other).status_code == 404
    # another job of hers (an export) is not a reading
    export = Job.objects.create(
        user=alice, unit=job.unit, kind="plans.export", title="Ekspor", task_path="x"
    )
    assert client.get(read_url(CODE, export)).status_code == 404

    client.force_login(lena)  # may import in this unit, but it is not her upload
    assert client.get(read_url(CODE, job)).status_code == 404
    client.force_login(bob)  # may not import at all
    assert client.get(read_url(CODE, job)).status_code == 403
    client.force_login(charlie)  # another unit
    assert client.get(read_url(CODE, job)).status_code == 404
    assert client.get(other).status_code == 404


def _blank_scan() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (400, 560), 255).save(out, "PDF", resolution=50)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "ocr", "reason"),
    [
        (b"%PDF-1.7\n garbage", True, "PDF rusak atau tidak dapat dibaca"),
        (None, False, "OCR (Tesseract bahasa Indonesia) tidak terpasang"),
    ],
    ids=["damaged", "no-ocr"],
)
def test_a_pdf_that_cannot_be_read_fails_the_job_with_its_reason(
    client: Any,
    alice: Any,
    tree: Any,
    monkeypatch: pytest.MonkeyPatch,
    data: bytes | None,
    ocr: bool,
    reason: str,
) -> None:
    monkeypatch.setattr(ocr_module, "available", lambda: ocr)
    client.force_login(alice)
    job = upload_pdf(client, CODE, "keputusan.pdf", data or _blank_scan())
    run_task(job)

    assert job.status == Job.Status.FAILED
    assert reason in job.error
    page = client.get(read_url(CODE, job))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Berkas tidak dapat dibaca." in html and reason in html
    assert 'hx-trigger="every 1s"' not in html  # nothing left to poll
    assert "confirm" not in page.context


def test_a_preview_cancelled_before_its_job_ran_fails_with_a_reason(
    client: Any, alice: Any, tree: Any, short_pdf: bytes
) -> None:
    client.force_login(alice)
    job = upload_pdf(client, CODE, "SK-42.pdf", short_pdf)
    default_storage.delete(job.params["name"])
    run_task(job)
    assert job.status == Job.Status.FAILED
    assert "tidak ditemukan lagi" in job.error


def test_saving_needs_what_the_job_read(
    client: Any, alice: Any, tree: Any, short_pdf: bytes
) -> None:
    client.force_login(alice)
    job = upload_pdf(client, CODE, "SK-42.pdf", short_pdf)
    run_task(job)
    preview = client.get(read_url(CODE, job))
    default_storage.delete(read_name(job.params["name"]))

    saved = _confirm(client, preview)

    assert saved.status_code == 302
    followed = client.get(saved["Location"])
    assert "Hasil bacaan PDF ini tidak ditemukan lagi" in followed.content.decode()
    assert not ActionPlan.objects.exists()
    gone = client.get(read_url(CODE, job))
    assert "Berkas pratinjau tidak ditemukan lagi" in gone.content.decode()


def test_pages_round_trip_through_json(short_pdf: bytes) -> None:
    pages = pdf_reader.read_pages(short_pdf)
    pages[1].ocr = True
    table = next(b for b in pages[1].blocks if isinstance(b, pdf_reader.Table))
    table.rows[1][3].doubtful = [("Kornisioner", 41)]
    data = json.loads(json.dumps(pdf_reader.pages_to_data(pages)))
    assert pdf_reader.pages_from_data(data) == pages
    with pytest.raises(ValueError, match="malformed"):
        pdf_reader.pages_from_data([{"number": 1}])
