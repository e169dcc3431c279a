"""Demo data of the public channels for kpu-tanjabbar (complaints, PPID, WBS).

Idempotent: officers are matched by unit, user and role; complaints and
requests by their subject or requested information; DIP entries by title.
The reporters and requesters are invented people.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from io import TextIOBase

from django.utils import timezone

from sizi.cases.complaints import services as complaints
from sizi.cases.complaints.models import ChannelOfficer, Complaint
from sizi.cases.officers import appoint_officer
from sizi.cases.ppid import services as ppid
from sizi.cases.ppid.models import InformationRequest, PublicInformation
from sizi.cases.wbs import demo as wbs_demo
from sizi.units.models import Unit, User

UNIT = "kpu-tanjabbar"
Role = ChannelOfficer.Role

DIP = [
    ("berkala", "Laporan Realisasi Anggaran 2025", "Sekretaris KPU Kabupaten"),
    (
        "berkala",
        "Rencana Strategis KPU Kab. Tanjung Jabung Barat 2025–2029",
        "Sekretaris",
    ),
    (
        "serta_merta",
        "Informasi jadwal dan lokasi pemungutan suara ulang",
        "Divisi Teknis",
    ),
    ("setiap_saat", "Daftar Pemilih Tetap (rekapitulasi per kecamatan)", "Divisi Data"),
    ("dikecualikan", "Data pribadi pemilih (NIK, nomor KK)", "Divisi Data"),
]


def _at(days_ago: int) -> datetime:
    return timezone.now() - timedelta(days=days_ago)


def _officers(unit: Unit, leader: User, clerk: User) -> None:
    for user, role in (
        (clerk, Role.COMPLAINT_HANDLER),
        (clerk, Role.PPID),
        (leader, Role.PPID_SUPERIOR),
    ):
        appoint_officer(unit, user, role, by=leader)


def _complaints(unit: Unit, clerk: User, pic: User) -> int:
    added = 0
    rows = [
        ("Antrean panjang di loket data pemilih", "web", "", 20, "closed"),
        (
            "Permintaan jadwal sosialisasi pemilih pemula",
            "lapor",
            "LAPOR-2025-88123",
            9,
            "answered",
        ),
        ("Petugas tidak memakai tanda pengenal", "telepon", "", 6, "assigned"),
        ("Usulan papan informasi di kantor kecamatan", "web", "", 1, "received"),
    ]
    for subject, channel, lapor, days_ago, state in rows:
        if Complaint.objects.filter(unit=unit, subject=subject).exists():
            continue
        complaint, _ = complaints.file_complaint(
            unit,
            complaints.ComplaintData(
                subject=subject,
                body=f"{subject}. Mohon ditindaklanjuti.",
                channel=channel,
                lapor_number=lapor,
                received_at=_at(days_ago),
            ),
            reporter=complaints.ReporterData("Warga Contoh", "warga@example.net"),
            by=None if channel == "web" else clerk,
        )
        if state == "received":
            added += 1
            continue
        complaints.verify_complaint(complaint, category="pengaduan", by=clerk)
        complaints.assign_complaint(complaint, handler=clerk, pic=pic, by=clerk)
        if state in ("answered", "closed"):
            complaints.record_follow_up(
                complaint, text="Sudah ditindaklanjuti oleh sekretariat.", by=clerk
            )
        if state == "closed":
            complaints.close_complaint(complaint, by=clerk)
        added += 1
    return added


def _requests(unit: Unit, clerk: User) -> int:
    added = 0
    for information, decided in (
        ("Salinan SK penetapan DPT Pemilihan 2024", True),
        ("Rekap jumlah pemilih disabilitas per kecamatan", False),
    ):
        if InformationRequest.objects.filter(
            unit=unit, information=information
        ).exists():
            continue
        item, _ = ppid.file_request(
            unit,
            ppid.RequestData(information, "Bahan liputan media lokal"),
            ppid.RequesterData(
                "perorangan",
                "Pemohon Contoh",
                "0000000000000000",
                "Kuala Tungkal",
                email="pemohon@example.net",
            ),
        )
        if decided:
            ppid.decide_request(
                item,
                decision="diberikan",
                answer="Salinan dikirim lewat surel.",
                by=clerk,
            )
        added += 1
    return added


def _dip(unit: Unit, clerk: User) -> None:
    for category, title, official in DIP:
        if PublicInformation.objects.filter(unit=unit, title=title).exists():
            continue
        ppid.save_public_information(
            PublicInformation(unit=unit),
            {
                "category": category,
                "title": title,
                "official": official,
                "form": "Dokumen elektronik",
                "retention": "5 tahun",
                "exception_ground": "h" if category == "dikecualikan" else "",
                "published": True,
            },
            by=clerk,
        )


def load(*, stdout: TextIOBase) -> None:
    """Add the demo complaints, requests and DIP of kpu-tanjabbar (idempotent)."""
    unit = Unit.objects.filter(code=UNIT).first()
    leader = User.objects.filter(username="pimpinan.tanjabbar").first()
    clerk = User.objects.filter(username="pic2.tanjabbar").first()
    pic = User.objects.filter(username="pic.tanjabbar").first()
    if unit is None or leader is None or clerk is None or pic is None:
        stdout.write(
            f"Saluran publik demo dilewati: unit {UNIT} atau akun demo tidak ada.\n"
        )
        return
    _officers(unit, leader, clerk)
    added = _complaints(unit, clerk, pic)
    requests = _requests(unit, clerk)
    _dip(unit, clerk)
    stdout.write(
        f"Saluran publik: {added} pengaduan dan {requests} permohonan informasi demo "
        "ditambahkan (pengelola pengaduan dan PPID: pic2.tanjabbar).\n"
    )
    # The WBS and the public page (officers, pledge and standard, one sealed report).
    wbs_demo.load(stdout=stdout)
