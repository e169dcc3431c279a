"""Demo data: the seed decree of KPU Kab. Tanjung Jabung Barat as its 2025 plan."""

from __future__ import annotations

import hashlib
from datetime import date
from io import TextIOBase
from pathlib import Path

from django.utils import timezone

from sizi.plans import services
from sizi.plans.importing import parse_decree
from sizi.plans.models import ActionPlan, ActionStep, ReviewMeeting
from sizi.units.models import Notification, Unit, User

# A copy of the seed decree (../shared/seeds/000_0aa9eb4df12157a3.txt, a public
# decree of KPU Kab. Tanjung Jabung Barat) ships with the code so that a fresh
# machine gets the demo plan; a test keeps the copy equal to the seed.
SEED = (
    Path(__file__).resolve().parent
    / "demo_data"
    / "keputusan-kpu-tanjabbar-42-2025.txt"
)
UNIT = "kpu-tanjabbar"
YEAR = 2025
# Area numeral → demo PIC username.
PICS = {
    "I": "koordinator.tanjabbar",
    "II": "pic.tanjabbar",
    "III": "pic2.tanjabbar",
    "IV": "pic.tanjabbar",
    "V": "pic2.tanjabbar",
    "VI": "pic.tanjabbar",
}


def load(*, stdout: TextIOBase) -> None:
    """Import the seed decree for kpu-tanjabbar 2025 and assign demo PICs (idempotent)."""
    path = SEED
    unit = Unit.objects.filter(code=UNIT).first()
    if not path.exists() or unit is None:
        stdout.write(
            f"Rencana aksi demo dilewati: {path} atau unit {UNIT} tidak ada.\n"
        )
        return
    data = path.read_bytes()
    parsed = parse_decree(data, path.name, year=YEAR)
    if parsed.errors:
        stdout.write(f"Rencana aksi demo dilewati: {parsed.errors[0]}\n")
        return
    coordinator = User.objects.filter(username="koordinator.tanjabbar").first()
    sha256 = hashlib.sha256(data).hexdigest()
    plan = ActionPlan.objects.filter(unit=unit, year=YEAR, source_sha256=sha256).first()
    if plan is None:  # a second run leaves no "nothing changed" entry in the audit log
        plan = services.import_plan(
            parsed,
            unit=unit,
            year=YEAR,
            by=coordinator,
            filename=path.name,
            sha256=sha256,
        ).plan
    users = {
        u.username: u for u in User.objects.filter(username__in=set(PICS.values()))
    }
    steps = ActionStep.objects.for_plan(plan).select_related(
        "indicator__component__area"
    )
    for step in steps.prefetch_related("owners"):
        owner = users.get(PICS.get(step.indicator.component.area.numeral, ""))
        if owner is not None and coordinator is not None and not step.owners.exists():
            services.assign_owners(step, [owner], by=coordinator)
    _sample_progress(plan, coordinator)
    _read_assignments_of_done_steps(plan)
    summary = plan.areas.count(), steps.count()
    stdout.write(
        f"Rencana aksi {YEAR} {unit.code}: {summary[0]} area, {summary[1]} langkah aksi.\n"
    )


def _read_assignments_of_done_steps(plan: ActionPlan) -> None:
    """Mark read the "Anda menjadi PIC" notices of the steps the demo finished.

    A PIC read those months ago; the bell then shows the open steps, the
    returned item, the evidence request and the complaints, not thirty
    assignments of finished work.
    """
    done = (
        ActionStep.objects.for_plan(plan)
        .filter(status=ActionStep.Status.DONE)
        .select_related("indicator__component__area__plan__unit")
    )
    Notification.objects.filter(
        kind=Notification.Kind.ASSIGNMENT,
        url__in=[step.get_absolute_url() for step in done],
        read_at__isnull=True,
    ).update(read_at=timezone.now())


def _sample_progress(plan: ActionPlan, coordinator: User | None) -> None:
    """Give most steps a realisation, as a year's work looks, and a monev meeting.

    About one step in seven is left open, so the lists of late and coming work
    have something to show. Only steps without any realisation are touched, so a
    second run changes nothing.
    """
    if coordinator is None:
        return
    steps = (
        ActionStep.objects.for_plan(plan)
        .select_related("indicator")
        .prefetch_related("owners", "realisations")
        .order_by(
            "indicator__component__area__order",
            "indicator__component__order",
            "indicator__order",
            "order",
        )
    )
    for index, step in enumerate(steps):
        if index % 7 == 3 or step.realisations.all():
            continue
        owner = next(iter(step.owners.all()), coordinator)
        target_end = step.indicator.target_end or date(YEAR, 12, 31)
        services.add_realisation(
            step,
            by=owner,
            description="Dilaksanakan sesuai rencana aksi; bukti fisik disiapkan.",
            done_on=min(target_end, date(YEAR, 12, 31)),
            mark_done=True,
        )
    if not ReviewMeeting.objects.filter(plan=plan).exists():
        meeting = services.record_meeting(
            plan,
            by=coordinator,
            held_on=date(YEAR, 11, 3),
            title="Rapat evaluasi pembangunan ZI I",
            attendees="Ketua, Sekretaris, Tim Kerja ZI",
            minutes="Membahas capaian rencana aksi area I dan II.",
            decisions="Percepat penyusunan SK Agen Perubahan.",
        )
        services.add_follow_up(
            meeting,
            by=coordinator,
            text="Terbitkan SK Tim Agen Perubahan",
            owner=coordinator,
            due_on=date(YEAR, 11, 28),
            steps=list(steps[4:5]),
        )
