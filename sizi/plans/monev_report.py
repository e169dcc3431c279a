"""The Laporan Monev of a plan for one monitoring period (a month or a quarter).

For each step whose target has begun by the end of the period: its status as
of the period's end, target against realisation, linked evidence and the
follow-ups of monev meetings; a summary per area (done, late, on schedule,
% realisation) and the monev meetings held in the period.

The core (`build_report`) is pure: it turns plain facts (`StepFacts`,
`MeetingFacts`) into typed rows, so it is tested without the database.
`load_report` reads a plan's facts in a fixed number of queries.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Prefetch, Q

from sizi.plans.models import (
    DISPLAY_LABELS,
    ActionPlan,
    ActionStep,
    Area,
    FollowUp,
    ReviewMeeting,
    last_finished_period,
    today,
)
from sizi.plans.target_grammar import MONTH_NAMES, month_end

ROMAN = ("I", "II", "III", "IV")
#: LKE questions the report supports: P.1.iii "Pemantauan dan Evaluasi
#: Pembangunan WBK/WBBM" (kegiatan sesuai rencana, monev berkala, tindak lanjut).
REPORT_QUESTIONS = ("P.1.iii.a", "P.1.iii.b", "P.1.iii.c")

# A step asks for this report when its komponen is the monev of the ZI programme
# itself, or its bukti fisik is a periodic/ZI monev report (not a topic's monev,
# such as "Laporan monev terkait keterbukaan informasi").
_MONEV_COMPONENT = re.compile(
    r"(pemantauan|monitoring)\s+dan\s+evaluasi\s+pembangunan", re.IGNORECASE
)
_MONEV_EVIDENCE = re.compile(
    r"laporan\s+(monev|monitoring\s+dan\s+evaluasi)"
    r"(\s+(berkala|rencana\s+aksi|pembangunan|zona\s+integritas|zi|wbk|wbbm)\b.*)?$",
    re.IGNORECASE,
)


def long_date(day: date) -> str:
    """Return a date in house style: "15 Desember 2025"."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


# --- Periods -------------------------------------------------------------


@dataclass(frozen=True)
class MonevPeriod:
    """A monitoring period of a plan year: a quarter ("tw3") or a month ("m10")."""

    key: str
    start: date
    end: date
    label: str

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def is_month(self) -> bool:
        return self.key.startswith("m")

    @property
    def span(self) -> str:
        """Return "1 Juli – 30 September 2025"."""
        start = f"{self.start.day} {MONTH_NAMES[self.start.month - 1]}"
        return f"{start} – {long_date(self.end)}"


def quarter(year: int, number: int) -> MonevPeriod:
    first = 3 * (number - 1) + 1
    return MonevPeriod(
        f"tw{number}",
        date(year, first, 1),
        month_end(year, first + 2),
        f"Triwulan {ROMAN[number - 1]} {year}",
    )


def month(year: int, number: int) -> MonevPeriod:
    return MonevPeriod(
        f"m{number}",
        date(year, number, 1),
        month_end(year, number),
        f"{MONTH_NAMES[number - 1]} {year}",
    )


def periods_of_year(year: int) -> list[MonevPeriod]:
    """Return the four quarters, then the twelve months of `year`."""
    return [quarter(year, n) for n in range(1, 5)] + [
        month(year, n) for n in range(1, 13)
    ]


def period_from_key(year: int, key: str) -> MonevPeriod | None:
    """Return the period `key` ("tw1".."tw4", "m1".."m12") of `year`, or None."""
    return next((p for p in periods_of_year(year) if p.key == key), None)


def default_period(year: int, meetings: Iterable[date], on: date) -> MonevPeriod:
    """Return the period a report most likely covers, as the plan's monev runs.

    Monev is monthly when the meetings so far fall in more months than
    quarters' worth (more than one meeting month per quarter), else quarterly.
    The period is the last one that has begun by `on` inside the plan year.
    """
    dates = [d for d in meetings if d.year == year]
    months = {d.month for d in dates}
    quarters = {(d.month - 1) // 3 for d in dates}
    monthly = len(months) > len(quarters)
    if on.year < year:
        on = date(year, 1, 1)
    elif on.year > year:
        on = date(year, 12, 31)
    if monthly:
        return month(year, on.month)
    return quarter(year, (on.month - 1) // 3 + 1)


# --- Facts (the input of the pure core) ----------------------------------


@dataclass(frozen=True)
class RealisationFacts:
    done_on: date
    description: str
    by: str = ""


@dataclass(frozen=True)
class EvidenceFacts:
    title: str
    status: str
    status_label: str


@dataclass(frozen=True)
class FollowUpFacts:
    text: str
    meeting_on: date
    done: bool
    owner: str = ""
    due_on: date | None = None


@dataclass(frozen=True)
class StepFacts:
    """One step as the report needs it; targets as stored on its indicator."""

    pk: int
    area: int
    component: str
    indicator: str
    text: str
    status: str
    progress: int
    target_raw: str = ""
    target_start: date | None = None
    target_end: date | None = None
    target_recurrence: str = ""
    owners: Sequence[str] = ()
    realisations: Sequence[RealisationFacts] = ()
    evidence: Sequence[EvidenceFacts] = ()
    follow_ups: Sequence[FollowUpFacts] = ()


@dataclass(frozen=True)
class AreaFacts:
    pk: int
    numeral: str
    title: str


@dataclass(frozen=True)
class MeetingFacts:
    held_on: date
    title: str
    follow_up_count: int
    done_count: int

    @property
    def held_label(self) -> str:
        return long_date(self.held_on)


# --- Rows (the output, read by the PDF template and the workbook) --------


@dataclass(frozen=True)
class StepRow:
    number: int
    component: str
    indicator: str
    text: str
    owners: str
    target: str
    state: str
    status: str
    progress: int
    realisations: list[str]
    realisation_count: int
    evidence_count: int
    evidence_summary: str
    evidence_titles: list[str]
    follow_ups: list[str]


@dataclass
class AreaSummary:
    numeral: str
    title: str
    steps: int = 0
    done: int = 0
    late: int = 0
    on_track: int = 0
    realised: int = 0
    progress_total: int = 0

    @property
    def label(self) -> str:
        return f"{self.numeral}. {self.title}" if self.numeral else self.title

    @property
    def progress(self) -> int:
        """Return the mean realisation (0–100) of the area's steps."""
        return round(self.progress_total / self.steps) if self.steps else 0


@dataclass
class AreaSection:
    summary: AreaSummary
    rows: list[StepRow] = field(default_factory=list)


@dataclass
class MonevReport:
    unit_name: str
    year: int
    period: MonevPeriod
    as_of: date
    generated_on: date
    sections: list[AreaSection]
    total: AreaSummary
    meetings: list[MeetingFacts]

    @property
    def title(self) -> str:
        return f"Laporan Monev Rencana Aksi {self.year} · {self.period.label}"

    @property
    def as_of_label(self) -> str:
        return long_date(self.as_of)

    @property
    def generated_label(self) -> str:
        return long_date(self.generated_on)


# --- The pure core -------------------------------------------------------


def status_on(step: StepFacts, on: date) -> str:
    """Return done, late, in_progress or not_started for `step` on the day `on`.

    The same rule as `ActionStep.is_late`, from the facts: not done and the
    target ended before `on`, or a recurring target's last finished period
    (ending inside the target) has no realisation dated within it.
    """
    if step.status == ActionStep.Status.DONE:
        return "done"
    if step.target_end is not None:
        if step.target_end < on:
            return "late"
        period = last_finished_period(step.target_recurrence, on)
        if period is not None and step.target_start is not None:
            start, end = period
            if step.target_start <= end <= step.target_end and not any(
                start <= r.done_on <= end for r in step.realisations
            ):
                return "late"
    return step.status


def in_period(step: StepFacts, period: MonevPeriod) -> bool:
    """Return whether the report lists `step`: its target has begun by the end of
    the period (or cannot be read), or it has work or follow-ups in the period."""
    if step.target_end is None:
        return True
    begins = step.target_start or step.target_end.replace(day=1)
    if begins <= period.end:
        return True
    return any(period.start <= r.done_on <= period.end for r in step.realisations)


def _follow_up_line(item: FollowUpFacts) -> str:
    parts = [item.text]
    if item.owner:
        parts.append(f"PIC {item.owner}")
    if item.due_on:
        parts.append(f"batas {long_date(item.due_on)}")
    parts.append("selesai" if item.done else "belum selesai")
    return f"{' · '.join(parts)} (rapat {long_date(item.meeting_on)})"


def _follow_ups(step: StepFacts, period: MonevPeriod) -> list[str]:
    """Follow-ups of meetings up to the period's end: those of its meetings,
    those due in it, and those still open."""
    chosen = [
        f
        for f in step.follow_ups
        if f.meeting_on <= period.end
        and (
            f.meeting_on >= period.start
            or not f.done
            or (f.due_on is not None and period.start <= f.due_on <= period.end)
        )
    ]
    chosen.sort(key=lambda f: (f.meeting_on, f.text))
    return [_follow_up_line(f) for f in chosen]


def _evidence_summary(items: Sequence[EvidenceFacts]) -> str:
    if not items:
        return "Belum ada bukti"
    counts = Counter(e.status_label.lower() for e in items)
    parts = ", ".join(f"{n} {label}" for label, n in sorted(counts.items()))
    return f"{len(items)} bukti: {parts}"


def _row(number: int, step: StepFacts, period: MonevPeriod, on: date) -> StepRow:
    state = status_on(step, on)
    realised = sorted(
        (r for r in step.realisations if period.start <= r.done_on <= period.end),
        key=lambda r: (r.done_on, r.description),
    )
    return StepRow(
        number=number,
        component=step.component,
        indicator=step.indicator,
        text=step.text,
        owners=", ".join(step.owners) or "—",
        target=step.target_raw or "—",
        state=state,
        status=DISPLAY_LABELS[state],
        progress=100 if step.status == ActionStep.Status.DONE else step.progress,
        realisations=[f"{long_date(r.done_on)}: {r.description}" for r in realised],
        realisation_count=len(realised),
        evidence_count=len(step.evidence),
        evidence_summary=_evidence_summary(step.evidence),
        evidence_titles=sorted(e.title for e in step.evidence),
        follow_ups=_follow_ups(step, period),
    )


def _count(summary: AreaSummary, row: StepRow) -> None:
    summary.steps += 1
    summary.done += row.state == "done"
    summary.late += row.state == "late"
    summary.on_track += row.state in ("not_started", "in_progress")
    summary.realised += row.realisation_count > 0
    summary.progress_total += row.progress


def build_report(
    *,
    unit_name: str,
    year: int,
    period: MonevPeriod,
    areas: Sequence[AreaFacts],
    steps: Iterable[StepFacts],
    meetings: Sequence[MeetingFacts] = (),
    on: date,
) -> MonevReport:
    """Build the report of `period` as known on `on` (today).

    Statuses are taken on the day after the period ends, or on `on` for a
    period still running; steps are numbered in plan order within the report.
    """
    as_of = min(on, period.end)
    status_day = min(on, period.end + timedelta(days=1))
    sections = {a.pk: AreaSection(AreaSummary(a.numeral, a.title)) for a in areas}
    total = AreaSummary("", "Jumlah")
    number = 0
    for step in steps:
        if not in_period(step, period) or step.area not in sections:
            continue
        number += 1
        row = _row(number, step, period, status_day)
        section = sections[step.area]
        section.rows.append(row)
        _count(section.summary, row)
        _count(total, row)
    return MonevReport(
        unit_name=unit_name,
        year=year,
        period=period,
        as_of=as_of,
        generated_on=on,
        sections=list(sections.values()),
        total=total,
        meetings=[m for m in meetings if period.start <= m.held_on <= period.end],
    )


def asks_for_monev_report(component: str, evidence_texts: Iterable[str]) -> bool:
    """Return whether a step's komponen or bukti fisik asks for the monev report."""
    if _MONEV_COMPONENT.search(component):
        return True
    return any(_MONEV_EVIDENCE.search(text.strip()) for text in evidence_texts)


# --- Reading the facts of a plan -----------------------------------------


def _name(user: object | None) -> str:
    if user is None:
        return ""
    full = getattr(user, "get_full_name", lambda: "")()
    return str(full or getattr(user, "username", ""))


def load_steps(plan: ActionPlan) -> list[StepFacts]:
    """Return the facts of every step of `plan` in plan order (six queries)."""
    steps = (
        ActionStep.objects.for_plan(plan)
        .select_related("indicator__component__area")
        .prefetch_related(
            "owners",
            "realisations__by",
            # Evidence links live in the evidence app (`Evidence.action_steps`);
            # read through the reverse relation, never by importing that app.
            Prefetch("evidence", to_attr="linked_evidence"),
            Prefetch(
                "follow_ups",
                queryset=FollowUp.objects.select_related("meeting", "owner"),
                to_attr="linked_follow_ups",
            ),
        )
        .order_by(
            "indicator__component__area__order",
            "indicator__component__order",
            "indicator__order",
            "order",
            "pk",
        )
    )
    facts = []
    for step in steps:
        indicator = step.indicator
        component = indicator.component
        facts.append(
            StepFacts(
                pk=step.pk,
                area=component.area_id,
                component=str(component),
                indicator=indicator.text,
                text=step.text,
                status=step.status,
                progress=step.progress,
                target_raw=indicator.target_raw,
                target_start=indicator.target_start,
                target_end=indicator.target_end,
                target_recurrence=indicator.target_recurrence,
                owners=[_name(u) for u in step.owners.all()],
                realisations=[
                    RealisationFacts(r.done_on, r.description, _name(r.by))
                    for r in step.realisations.all()
                ],
                evidence=[
                    EvidenceFacts(e.title, e.status, e.get_status_display())
                    for e in step.linked_evidence  # type: ignore[attr-defined]
                ],
                follow_ups=[
                    FollowUpFacts(
                        f.text, f.meeting.held_on, f.done, _name(f.owner), f.due_on
                    )
                    for f in step.linked_follow_ups  # type: ignore[attr-defined]
                ],
            )
        )
    return facts


def load_report(
    plan: ActionPlan, period: MonevPeriod, *, on: date | None = None
) -> MonevReport:
    """Read the plan and build its report for `period` (a fixed number of queries)."""
    areas = [
        AreaFacts(a.pk, a.numeral, a.title)
        for a in Area.objects.filter(plan=plan).order_by("order", "pk")
    ]
    meetings = [
        MeetingFacts(m.held_on, m.title, m.follow_up_count, m.done_count)
        for m in ReviewMeeting.objects.filter(
            plan=plan, held_on__gte=period.start, held_on__lte=period.end
        )
        .annotate(
            follow_up_count=Count("follow_ups"),
            done_count=Count("follow_ups", filter=Q(follow_ups__done=True)),
        )
        .order_by("held_on", "pk")
    ]
    return build_report(
        unit_name=plan.unit.name,
        year=plan.year,
        period=period,
        areas=areas,
        steps=load_steps(plan),
        meetings=meetings,
        on=on or today(),
    )


def monev_steps(plan: ActionPlan) -> list[ActionStep]:
    """Return the steps of `plan` that ask for a Laporan Monev (komponen or bukti)."""
    steps = (
        ActionStep.objects.for_plan(plan)
        .select_related("indicator__component__area__plan")
        .prefetch_related("indicator__expected_evidence")
        .order_by(
            "indicator__component__area__order",
            "indicator__component__order",
            "indicator__order",
            "order",
        )
    )
    return [
        s
        for s in steps
        if asks_for_monev_report(
            s.indicator.component.name,
            [e.text for e in s.indicator.expected_evidence.all()],
        )
    ]
