"""Demo surveys for KPU Kab. Tanjung Jabung Barat: layanan, SKM, IPAK and IPKP.

Idempotent: layanan are matched by name and periods by title, so running the
loader again adds nothing. Answers are generated from a fixed seed, spread over
each period's dates, through the same service as the public form; then the
finished periods are closed, so the LKE reads IPAK and IPKP for 2025 and the
SKM count suggests P.6.iv.a.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from io import TextIOBase
from zoneinfo import ZoneInfo

from sizi.surveys import services
from sizi.surveys.instruments.loading import definition_of, ensure_instruments
from sizi.surveys.models import (
    Response,
    ServiceType,
    SurveyInstrument,
    SurveyPeriod,
    UnitQuestion,
)
from sizi.surveys.submission import ResponseInput
from sizi.units.models import Unit, User

UNIT = "kpu-tanjabbar"
JAKARTA = ZoneInfo("Asia/Jakarta")
LAYANAN = [
    ("Layanan informasi publik (PPID)", 420),
    ("Layanan data pemilih", 260),
    ("Layanan pengaduan dan konsultasi", 120),
]
Status = SurveyPeriod.Status


@dataclass(frozen=True)
class DemoPeriod:
    code: str
    title: str
    starts_on: date
    ends_on: date
    respondents: int
    bias: float  # chance of a top answer
    status: str
    population: int | None = 800


PERIODS = [
    DemoPeriod("skm", "SKM KPU Tanjab Barat Semester II 2024", date(2024, 7, 1), date(2024, 12, 31), 40, 0.25, Status.CLOSED),
    DemoPeriod("skm", "SKM KPU Tanjab Barat Semester I 2025", date(2025, 1, 6), date(2025, 6, 30), 60, 0.35, Status.CLOSED),
    DemoPeriod("skm", "SKM KPU Tanjab Barat Semester II 2025", date(2025, 7, 1), date(2025, 12, 31), 24, 0.45, Status.OPEN),
    DemoPeriod("ipak", "Survei Persepsi Anti Korupsi 2025", date(2025, 8, 1), date(2025, 9, 30), 42, 0.6, Status.CLOSED, None),
    DemoPeriod("ipkp", "Survei Persepsi Kualitas Pelayanan 2025", date(2025, 8, 1), date(2025, 9, 30), 36, 0.45, Status.CLOSED, None),
]  # fmt: skip
GENDERS = ["L", "P"]
AGES = ["u20", "20-29", "30-39", "40-49", "50+"]
EDUCATIONS = ["sma", "d1-d3", "s1", "s1", "s2+", "smp"]
OCCUPATIONS = ["pns", "swasta", "wirausaha", "pelajar", "peserta-pemilu", "lainnya"]
SUGGESTIONS = [
    "",
    "",
    "",
    "Ruang tunggu perlu kipas angin.",
    "Informasi syarat dipasang di papan depan.",
    "Petugas ramah, terima kasih.",
]


def _answer(rng: random.Random, bias: float, weak: bool) -> int:
    roll = rng.random()
    top = bias - (0.2 if weak else 0)
    return 4 if roll < top else 3 if roll < 0.85 else 2 if roll < 0.97 else 1


def _input(
    rng: random.Random,
    period: SurveyPeriod,
    plan: DemoPeriod,
    when: datetime,
    layanan: list[ServiceType],
) -> ResponseInput:
    codes = definition_of(period.instrument).question_codes
    weak = {codes[2], codes[-1]}  # waktu penyelesaian and pengaduan lag behind
    return ResponseInput(
        answers={c: _answer(rng, plan.bias, c in weak) for c in codes},
        service_type_id=rng.choice(layanan).pk,
        gender=rng.choice(GENDERS),
        age_group=rng.choice(AGES),
        education=rng.choice(EDUCATIONS),
        occupation=rng.choice(OCCUPATIONS),
        suggestion=rng.choice(SUGGESTIONS),
        submitted_at=when,
    )


def _layanan(unit: Unit, coordinator: User) -> list[ServiceType]:
    found = []
    for name, _ in LAYANAN:
        existing = ServiceType.objects.filter(unit=unit, name=name).first()
        found.append(
            existing or services.add_service_type(unit, name=name, by=coordinator)
        )
    return found


def _fill(
    period: SurveyPeriod, plan: DemoPeriod, layanan: list[ServiceType], pic: User
) -> None:
    # Reproducible demo answers, not a secret.
    rng = random.Random(f"{UNIT}:{plan.title}")  # noqa: S311
    span = max(1, (plan.ends_on - plan.starts_on).days)
    for n in range(plan.respondents):
        day = plan.starts_on + timedelta(days=rng.randrange(span))
        when = datetime.combine(day, time(8 + n % 8, rng.randrange(60)), JAKARTA)
        paper = n % 5 == 0
        services.record_response(
            period,
            _input(rng, period, plan, when, layanan),
            channel=Response.Channel.PAPER if paper else Response.Channel.ONLINE,
            by=pic if paper else None,
            device_token=f"demo-perangkat-{n if n != 7 else 6}",
        )


def _period(
    unit: Unit,
    plan: DemoPeriod,
    instrument: SurveyInstrument,
    layanan: list[ServiceType],
    coordinator: User,
    pic: User,
) -> bool:
    if SurveyPeriod.objects.filter(unit=unit, title=plan.title).exists():
        return False
    populations = dict(
        zip([s.pk for s in layanan], [p for _, p in LAYANAN], strict=True)
    )
    values = services.PeriodValues(
        title=plan.title, starts_on=plan.starts_on, ends_on=plan.ends_on,
        population=plan.population, service_types=layanan,
        service_populations=populations if plan.population else None,
    )  # fmt: skip
    period = services.create_period(
        unit,
        instrument=instrument,
        year=plan.starts_on.year,
        values=values,
        by=coordinator,
        status=Status.OPEN,
    )
    _fill(period, plan, layanan, pic)
    if plan.status == Status.CLOSED:
        services.close_period(period, by=coordinator)
        if plan.code == "skm":
            services.publish_results(period, by=coordinator, published=True)
    return True


def load(*, stdout: TextIOBase) -> None:
    """Add the demo surveys of kpu-tanjabbar (idempotent)."""
    ensure_instruments()
    unit = Unit.objects.filter(code=UNIT).first()
    coordinator = User.objects.filter(username="koordinator.tanjabbar").first()
    pic = User.objects.filter(username="pic.tanjabbar").first()
    if unit is None or coordinator is None or pic is None:
        stdout.write(f"Survei demo dilewati: unit {UNIT} atau akun demo tidak ada.\n")
        return
    layanan = _layanan(unit, coordinator)
    if not UnitQuestion.objects.filter(unit=unit).exists():
        services.add_unit_question(
            unit,
            text="Dari mana Anda mengetahui layanan ini?",
            kind="choice",
            options=["Laman KPU", "Media sosial", "Teman/keluarga", "Datang langsung"],
            by=coordinator,
        )
    added = 0
    for plan in PERIODS:
        instrument = SurveyInstrument.objects.current(plan.code)
        if instrument is not None and _period(
            unit, plan, instrument, layanan, coordinator, pic
        ):
            added += 1
    stdout.write(f"Survei demo {UNIT}: {len(layanan)} layanan, {added} periode baru.\n")
