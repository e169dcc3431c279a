"""Demo organisation: the KPU tree from KPU RI down to two regencies, and its people.

Idempotent: units and memberships are matched by code and username; a demo
user's password is set only when the account is created, so running the loader
again never undoes a password change.
"""

from __future__ import annotations

from io import TextIOBase

from sizi.units import services
from sizi.units.models import Membership, Unit, User

Role = Membership.Role
DEMO_PASSWORD = "sizi-demo-2025"  # noqa: S105 (published demo password)

LEVELS = [
    ("nasional", "KPU RI", 0, False),
    ("provinsi", "KPU Provinsi", 1, False),
    ("kabkota", "KPU Kabupaten/Kota", 2, True),
]
UNITS = [
    (
        "kpu-ri",
        "Komisi Pemilihan Umum Republik Indonesia",
        "KPU RI",
        "nasional",
        None,
        "Jakarta",
    ),
    (
        "kpu-jambi",
        "Komisi Pemilihan Umum Provinsi Jambi",
        "KPU Provinsi Jambi",
        "provinsi",
        "kpu-ri",
        "Jambi",
    ),
    (
        "kpu-tanjabbar",
        "Komisi Pemilihan Umum Kabupaten Tanjung Jabung Barat",
        "KPU Kab. Tanjung Jabung Barat",
        "kabkota",
        "kpu-jambi",
        "Kuala Tungkal",
    ),
    (
        "kpu-tanjabtim",
        "Komisi Pemilihan Umum Kabupaten Tanjung Jabung Timur",
        "KPU Kab. Tanjung Jabung Timur",
        "kabkota",
        "kpu-jambi",
        "Muara Sabak",
    ),
]
# username, full name, position, unit, role
PEOPLE = [
    (
        "pimpinan.tanjabbar",
        "Muhammad Rum",
        "Ketua KPU Kab. Tanjung Jabung Barat",
        "kpu-tanjabbar",
        Role.LEADER,
    ),
    (
        "koordinator.tanjabbar",
        "Siti Aminah",
        "Koordinator Tim Kerja ZI",
        "kpu-tanjabbar",
        Role.COORDINATOR,
    ),
    (
        "pic.tanjabbar",
        "Budi Santoso",
        "Kasubbag Keuangan, Umum dan Logistik",
        "kpu-tanjabbar",
        Role.TEAM,
    ),
    (
        "pic2.tanjabbar",
        "Dewi Lestari",
        "Kasubbag Teknis Penyelenggaraan Pemilu dan Hukum",
        "kpu-tanjabbar",
        Role.TEAM,
    ),
    (
        "pemantau.tanjabbar",
        "Rahmat Hidayat",
        "Anggota KPU",
        "kpu-tanjabbar",
        Role.VIEWER,
    ),
    (
        "koordinator.tanjabtim",
        "Andi Saputra",
        "Koordinator Tim Kerja ZI",
        "kpu-tanjabtim",
        Role.COORDINATOR,
    ),
    (
        "penilai.jambi",
        "Nur Hasanah",
        "Penilai pendahuluan KPU Provinsi Jambi",
        "kpu-jambi",
        Role.REVIEWER,
    ),
    (
        "pimpinan.jambi",
        "Hendra Gunawan",
        "Ketua KPU Provinsi Jambi",
        "kpu-jambi",
        Role.LEADER,
    ),
    (
        "tpi.kpu",
        "Ratna Sari",
        "Tim Penilai Internal (Inspektorat Utama KPU)",
        "kpu-ri",
        Role.REVIEWER,
    ),
]


def load(*, stdout: TextIOBase) -> list[tuple[str, str, str]]:
    """Create the demo tree and people; return (username, role label, unit) rows."""
    levels = {
        code: services.ensure_level(
            code=code, name=name, rank=rank, needs_preliminary_review=pre
        )
        for code, name, rank, pre in LEVELS
    }
    for code, name, short, level, parent_code, city in UNITS:
        unit = Unit.objects.filter(code=code).first() or Unit(code=code)
        unit.name, unit.short_name, unit.level, unit.city = (
            name,
            short,
            levels[level],
            city,
        )
        unit.parent = Unit.objects.get(code=parent_code) if parent_code else None
        if (
            unit.pk is None
            or unit.path != f"{unit.parent.path if unit.parent else ''}{code}/"
        ):
            services.save_unit(unit, by=None)
    rows = []
    admin = User.objects.filter(username="admin").first()
    if admin is None:
        admin = User.objects.create_superuser(
            "admin", "admin@sizi.local", DEMO_PASSWORD, full_name="Administrator SIZI"
        )
    rows.append(("admin", "Administrator sistem", "semua unit"))
    for username, full_name, position, unit_code, role in PEOPLE:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                full_name=full_name,
                position=position,
                email=f"{username}@sizi.local",
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
        unit = Unit.objects.get(code=unit_code)
        services.add_membership(user=user, unit=unit, role=role, by=None)
        rows.append((username, Role(role).label, unit.short_name or unit.name))
    stdout.write(f"Unit dan pengguna demo siap ({Unit.objects.count()} unit).\n")
    return rows
