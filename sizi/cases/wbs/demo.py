"""Demo data of the WBS and the public page for KPU Kab. Tanjung Jabung Barat.

Idempotent: officers are matched by username, reports are created only when
the unit has none, the public page text is rewritten each time. The handler is
an Inspektorat officer without any role in the unit, as in real deployments.
"""

from __future__ import annotations

from io import TextIOBase

from sizi.cases.public_page.services import save_public_info
from sizi.cases.wbs import keyring, services
from sizi.cases.wbs.models import WbsOfficer, WhistleblowReport
from sizi.cases.wbs.sealing import Identity, ReportContent
from sizi.units.demo import DEMO_PASSWORD
from sizi.units.models import Unit, User

UNIT = "kpu-tanjabbar"
# username, full name, position, role. Names differ from every unit account's:
# the audit log and its "Pelaku" filter tell people apart by name.
OFFICERS = [
    (
        "penangan.wbs",
        "Yusuf Maulana",
        "Auditor Inspektorat KPU",
        WbsOfficer.Role.HANDLER,
    ),
    (
        "kustodian.wbs",
        "Fitri Handayani",
        "Inspektur Wilayah I KPU",
        WbsOfficer.Role.CUSTODIAN,
    ),
]
PLEDGE = (
    "Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar "
    "pelayanan yang telah ditetapkan dan apabila tidak menepati janji ini, kami siap "
    "menerima sanksi sesuai peraturan perundang-undangan yang berlaku."
)
STANDARD = (
    "Jenis layanan: informasi kepemiluan, permohonan informasi publik, pengaduan.\n"
    "Waktu layanan: Senin–Kamis 08.00–16.00, Jumat 08.00–16.30.\n"
    "Biaya: tidak dipungut biaya.\n"
    "Jangka waktu: permohonan informasi dijawab paling lambat 10 hari kerja."
)


def _officer(unit: Unit, leader: User, row: tuple[str, str, str, str]) -> None:
    username, full_name, position, role = row
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, full_name=full_name, position=position)
        user.email = f"{username}@sizi.local"
        user.set_password(DEMO_PASSWORD)
        user.save()
    if not WbsOfficer.objects.filter(unit=unit, user=user, role=role).exists():
        services.appoint_officer(unit, user, role, by=leader)


def load(*, stdout: TextIOBase) -> None:
    unit = Unit.objects.filter(code=UNIT).first()
    leader = User.objects.filter(username="pimpinan.tanjabbar").first()
    coordinator = User.objects.filter(username="koordinator.tanjabbar").first()
    if unit is None or leader is None or coordinator is None:
        return
    for row in OFFICERS:
        _officer(unit, leader, row)
    save_public_info(unit, by=coordinator, pledge_text=PLEDGE, standard_text=STANDARD)
    if (
        keyring.is_available()
        and not WhistleblowReport.objects.filter(unit=unit).exists()
    ):
        report, _ = services.submit_report(
            unit,
            category=WhistleblowReport.Category.GRATIFICATION,
            content=ReportContent(
                summary="Rekanan pengadaan logistik memberi bingkisan kepada panitia",
                body=(
                    "Menjelang penetapan pemenang pengadaan kotak suara, rekanan "
                    "mengirim bingkisan ke rumah salah satu anggota panitia."
                ),
                when="Akhir bulan lalu",
            ),
            identity=Identity("Pelapor Demo", "pelapor.demo@contoh.id"),
        )
        handler = User.objects.get(username="penangan.wbs")
        services.handler_message(
            report,
            by=handler,
            text="Terima kasih. Apakah Anda mengetahui isi bingkisan tersebut?",
        )
        services.set_status(report, by=handler, status=WhistleblowReport.Status.REVIEW)
    stdout.write(
        "WBS: penangan penangan.wbs dan kustodian kustodian.wbs "
        f"(kata sandi {DEMO_PASSWORD}) untuk {unit.short_name or unit.name}.\n"
    )
