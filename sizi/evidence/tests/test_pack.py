"""The submission pack: folders from the plan, and hashes that agree everywhere."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import date

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from sizi.core import jobs
from sizi.core.models import Job
from sizi.evidence import services
from sizi.evidence.models import Evidence
from sizi.evidence.pack import FOLDER_LIMIT, folder_segment, safe_segment, write_pack
from sizi.evidence.tests.conftest import add_evidence, incoming, pdf

Status = Evidence.Status


@pytest.fixture
def verified(tree, bob, alice, steps) -> list[Evidence]:
    unit = tree["tanjabbar"]
    first = add_evidence(
        unit,
        bob,
        title="SK Tim Kerja",
        steps=[steps[0]],
        status=Status.VERIFIED,
        verifier=alice,
    )
    services.add_revision(
        first, incoming("sk-v2.pdf", pdf("SK versi 2")), by=bob, submit=True
    )
    services.verify_evidence(first, by=alice)
    both = add_evidence(
        unit,
        bob,
        title="SOP",
        name="sop.pdf",
        steps=[steps[3], steps[2]],
        status=Status.VERIFIED,
    )
    loose = add_evidence(
        unit, bob, title="Foto kegiatan", name="foto.pdf", status=Status.VERIFIED
    )
    add_evidence(unit, bob, title="Draf", name="draf.pdf", steps=[steps[0]])
    add_evidence(
        unit,
        bob,
        title="Tahun lalu",
        name="lama.pdf",
        status=Status.VERIFIED,
        document_date=date(2024, 1, 1),
    )
    link = services.register_link(
        unit,
        "https://kpu.go.id/sop",
        services.EvidenceData("Halaman SOP", date(2026, 1, 1)),
        by=bob,
        steps=[steps[2]],
        submit=True,
    )
    services.verify_evidence(link, by=alice)
    return [Evidence.objects.get(pk=e.pk) for e in (first, both, loose, link)]


def read_index(archive: zipfile.ZipFile) -> list[dict[str, object]]:
    sheet = load_workbook(io.BytesIO(archive.read("index.xlsx")), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[1]
    return [dict(zip(header, row, strict=True)) for row in rows[2:]]


def test_pack_contents_and_hashes_agree(tree, verified) -> None:
    out = io.BytesIO()
    result = write_pack(tree["tanjabbar"], 2026, out)
    assert result.ok
    archive = zipfile.ZipFile(out)
    index = read_index(archive)
    assert [row["Judul"] for row in index] == [
        "SK Tim Kerja",
        "SOP",
        "Foto kegiatan",
        "Halaman SOP",
    ]
    first, both, loose, _link = verified
    for row, evidence in zip(index, verified, strict=True):
        revision = evidence.current_revision
        if revision is None:
            assert row["Lokasi dalam paket"] in ("", None)
            assert row["Tautan"] == "https://kpu.go.id/sop"
            continue
        data = archive.read(row["Lokasi dalam paket"])
        assert hashlib.sha256(data).hexdigest() == row["SHA-256"] == revision.sha256
        with default_storage.open(revision.file.name, "rb") as stored:
            assert hashlib.sha256(stored.read()).hexdigest() == revision.sha256
        assert row["Cek integritas"] == "cocok"
    paths = {row["Judul"]: row["Lokasi dalam paket"] for row in index}
    assert (
        paths["SK Tim Kerja"]
        == f"I. Manajemen Perubahan/I.1 Tim Kerja/I.1.1 Tim kerja dibentuk/E{first.pk:05d} sk-v2.pdf"
    )
    assert (
        paths["SOP"]
        == f"II. Penataan Tatalaksana/II.1 SOP/II.1.1 SOP disusun/E{both.pk:05d} sop.pdf"
    )
    assert paths["Foto kegiatan"] == f"Lainnya/E{loose.pk:05d} foto.pdf"
    assert index[0]["Revisi"] == 2
    assert (
        "Menyusun SOP pelayanan" in index[1]["Mendukung"]
        and "Menetapkan SOP" in index[1]["Mendukung"]
    )
    html = archive.read("index.html").decode()
    for row in index:
        if row["SHA-256"]:
            assert row["SHA-256"] in html
    assert sorted(n for n in archive.namelist() if n.endswith(".pdf")) == sorted(
        p for p in paths.values() if p
    )


def test_pack_command_writes_zip_and_flags_tampering(tree, verified, tmp_path) -> None:
    target = tmp_path / "paket.zip"
    call_command("evidence_pack", unit="kpu-tanjabbar", year=2026, output=str(target))
    assert len(zipfile.ZipFile(target).namelist()) == 5  # 3 files + 2 indexes
    name = verified[2].current_revision.file.name
    with default_storage.open(name, "wb") as stored:
        stored.write(b"%PDF-1.4 changed")
    with pytest.raises(CommandError, match="hilang atau berubah"):
        call_command(
            "evidence_pack", unit="kpu-tanjabbar", year=2026, output=str(target)
        )
    index = read_index(zipfile.ZipFile(target))
    assert index[2]["Cek integritas"] == "TIDAK COCOK"


def test_pack_command_refuses_unknown_unit(db, tmp_path) -> None:
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command(
            "evidence_pack", unit="tidak-ada", year=2026, output=str(tmp_path / "x.zip")
        )


def test_pack_command_reports_an_output_folder_that_does_not_exist(
    tree, verified, tmp_path
) -> None:
    target = tmp_path / "tidak-ada" / "paket.zip"
    with pytest.raises(CommandError, match="tidak dapat ditulis"):
        call_command(
            "evidence_pack", unit="kpu-tanjabbar", year=2026, output=str(target)
        )
    assert not target.parent.exists()


@pytest.mark.django_db(transaction=True)
def test_the_pack_is_built_by_a_job_into_storage_and_downloaded(
    client, rina, verified, tmp_path
) -> None:
    client.force_login(rina)
    url = reverse("evidence:pack", args=["kpu-tanjabbar"])
    response = client.post(url, {"year": 2026}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    job = Job.objects.get()
    assert (job.kind, job.unit, job.user) == ("evidence.pack", verified[0].unit, rina)
    assert 'hx-trigger="every 1s"' in response.content.decode()
    notes: list[str] = []
    real_progress = jobs.JobRun.progress

    def spy(self: jobs.JobRun, percent: int, note: str = "") -> None:
        notes.append(note)
        real_progress(self, percent, note)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(jobs.JobRun, "progress", spy)
        call_command("worker", "--once", "--no-schedule")
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    assert job.result_name.startswith(f"jobs/{job.pk}/")
    assert job.result_filename.startswith("bukti-kpu-tanjabbar-2026-")
    assert sum(note.startswith("Berkas ") for note in notes) == 3
    download = client.get(reverse("units:job_download", args=[job.pk]))
    assert download["Cache-Control"] == "private, no-store"
    built = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    direct_path = tmp_path / "direct.zip"
    with direct_path.open("wb") as out:
        write_pack(verified[0].unit, 2026, out)
    direct = zipfile.ZipFile(direct_path)
    assert built.namelist() == direct.namelist()
    for name in built.namelist():
        if name != "index.xlsx" and name != "index.html":
            assert built.read(name) == direct.read(name), name


def test_another_units_pack_cannot_be_started(client, charlie, verified) -> None:
    client.force_login(charlie)
    url = reverse("evidence:pack", args=["kpu-tanjabbar"])
    assert client.post(url, {"year": 2026}).status_code == 404
    assert not Job.objects.exists()


def test_pack_page_without_year_shows_form(client, vera, tree) -> None:
    client.force_login(vera)
    response = client.get(reverse("evidence:pack", args=["kpu-tanjabbar"]))
    assert response.status_code == 200
    assert "Buat paket" in response.content.decode()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a/b\\c", "a_b_c"),
        ("  x  ", "x"),
        ("nama:?*", "nama_"),
        ("...", "_"),
        ("a\x00b", "a_b"),
    ],
)
def test_safe_segment(text: str, expected: str) -> None:
    assert safe_segment(text) == expected


LONG_KOMPONEN = (
    "Penyusunan rencana kerja pembangunan zona integritas menuju wilayah bebas "
    "dari korupsi dan wilayah birokrasi bersih dan melayani"
)
LONG_INDICATOR = (
    "Terdapat monitoring dan evaluasi terhadap pelaksanaan rencana kerja yang "
    "dilakukan secara berkala oleh tim kerja pembangunan zona integritas"
)


def test_long_folder_names_keep_their_code_and_whole_words(
    tree, bob, alice, steps
) -> None:
    step = steps[0]
    component = step.indicator.component
    component.name = LONG_KOMPONEN
    component.save()
    indicator = step.indicator
    indicator.text = LONG_INDICATOR
    indicator.save()
    add_evidence(
        tree["tanjabbar"], bob, title="SK", steps=[step], status=Status.VERIFIED
    )
    out = io.BytesIO()
    write_pack(tree["tanjabbar"], 2026, out)
    name = next(
        n for n in zipfile.ZipFile(out).namelist() if n.startswith("I. Manajemen")
    )
    _area, komponen, indikator, _file = name.split("/")
    assert komponen == "I.1 Penyusunan rencana kerja pembangunan zona integritas…"
    assert indikator == "I.1.1 Terdapat monitoring dan evaluasi terhadap pelaksanaan…"
    for folder, full in ((komponen, LONG_KOMPONEN), (indikator, LONG_INDICATOR)):
        assert len(folder) <= FOLDER_LIMIT
        kept = folder.split(" ", 1)[1].removesuffix("…")
        assert full.startswith(kept) and full[len(kept)] == " "


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        ("I.1", "Tim Kerja", "I.1 Tim Kerja"),
        ("I.1", "Satu/dua: tiga", "I.1 Satu_dua_ tiga"),
        ("II.3.4", "a" * 80, "II.3.4 " + "a" * 52 + "…"),
        ("I.", "", "I"),
    ],
)
def test_folder_segment(code: str, text: str, expected: str) -> None:
    assert folder_segment(code, text) == expected
