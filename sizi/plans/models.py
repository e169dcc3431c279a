"""Rencana Aksi: a unit's action plan for a year, as set by its decree.

ActionPlan → Area (I–VI) → Component → Indicator (with its target time) →
ActionStep (PIC, status, progress, realisations) and ExpectedEvidence (bukti
fisik). Monev meetings (ReviewMeeting) record FollowUps linked to steps.

"Terlambat" is never stored: a step is late when it is not done and the end of
its indicator's target time lies before today, or — for a recurring target
("Per-bulan", "setiap triwulan", "setiap semester") — when the last finished
period inside the target has no realisation dated within it (see
`ActionStepQuerySet.overdue`, `ActionStepQuerySet.with_display_status` and
`ActionStep.is_late`).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Avg, Case, Count, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from sizi.core.audit_display import shorten
from sizi.core.models import TimeStampedModel
from sizi.plans.target_grammar import MONTH_NAMES, month_end


def today() -> date:
    """Return today's date in the project time zone (Asia/Jakarta)."""
    return timezone.localdate()


def _long_date(day: date) -> str:
    """Return a date in house style ("3 November 2025") for a model's name."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


class LkeArea(models.TextChoices):
    """The six areas of change of the LKE that a plan area serves."""

    MP = "MP", "Manajemen Perubahan"
    PT = "PT", "Penataan Tatalaksana"
    SDM = "SDM", "Penataan Sistem Manajemen SDM"
    AK = "AK", "Penguatan Akuntabilitas"
    PW = "PW", "Penguatan Pengawasan"
    PP = "PP", "Peningkatan Kualitas Pelayanan Publik"


# Progress of one step: a finished step counts 100 whatever its figure says.
def _step_progress(prefix: str = "") -> Case:
    return Case(
        When(**{f"{prefix}status": "done"}, then=Value(100)),
        default=F(f"{prefix}progress"),
        output_field=models.IntegerField(),
    )


class ActionPlanQuerySet(models.QuerySet["ActionPlan"]):
    def for_unit(self, unit: Any) -> ActionPlanQuerySet:
        return self.filter(unit=unit)

    def with_progress(self) -> ActionPlanQuerySet:
        """Annotate `progress_avg` (0–100) and `step_count` over all steps."""
        prefix = "areas__components__indicators__steps__"
        return self.annotate(
            step_count=Count(f"{prefix}id"),
            progress_avg=Coalesce(Avg(_step_progress(prefix)), Value(0.0)),
        )


class ActionPlan(TimeStampedModel):
    """The action plan of one unit for one year, with the decree that set it."""

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="unit",
        on_delete=models.CASCADE,
        related_name="action_plans",
    )
    year = models.PositiveSmallIntegerField("tahun")
    number = models.CharField("nomor keputusan", max_length=100, blank=True)
    title = models.TextField("judul keputusan", blank=True)
    signed_on = models.DateField("tanggal ditetapkan", null=True, blank=True)
    place = models.CharField("ditetapkan di", max_length=100, blank=True)
    signatory = models.CharField("penanda tangan", max_length=150, blank=True)
    signatory_title = models.CharField(
        "jabatan penanda tangan", max_length=300, blank=True
    )
    legal_basis = models.JSONField("dasar hukum (mengingat)", default=list, blank=True)
    source_filename = models.CharField("berkas sumber", max_length=255, blank=True)
    source_sha256 = models.CharField("SHA-256 berkas sumber", max_length=64, blank=True)

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        ordering = ["unit__path", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"], name="unique_action_plan_per_year"
            )
        ]
        verbose_name = "rencana aksi"
        verbose_name_plural = "rencana aksi"

    def __str__(self) -> str:
        return f"Rencana Aksi {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("plans:plan_detail", args=[self.unit.code, self.year])


class AreaQuerySet(models.QuerySet["Area"]):
    def with_progress(self) -> AreaQuerySet:
        """Annotate `progress_avg` (0–100), `step_count` and `done_count`."""
        prefix = "components__indicators__steps__"
        return self.annotate(
            step_count=Count(f"{prefix}id"),
            done_count=Count(f"{prefix}id", filter=Q(**{f"{prefix}status": "done"})),
            progress_avg=Coalesce(Avg(_step_progress(prefix)), Value(0.0)),
        )


class Area(models.Model):
    """An area of change (I–VI) of a plan, titled as printed in the decree."""

    plan = models.ForeignKey(
        ActionPlan,
        verbose_name="rencana aksi",
        on_delete=models.CASCADE,
        related_name="areas",
    )
    numeral = models.CharField("nomor", max_length=8)
    title = models.CharField("judul", max_length=500)
    lke_area = models.CharField("area LKE", max_length=4, choices=LkeArea.choices)
    order = models.PositiveSmallIntegerField("urutan", default=0)

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = "area perubahan"
        verbose_name_plural = "area perubahan"

    def __str__(self) -> str:
        return f"{self.numeral}. {self.title}"


class Component(models.Model):
    """A komponen of an area."""

    area = models.ForeignKey(
        Area, verbose_name="area", on_delete=models.CASCADE, related_name="components"
    )
    number = models.CharField("nomor", max_length=8, blank=True)
    name = models.CharField("komponen", max_length=500)
    order = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        ordering = ["area", "order"]
        verbose_name = "komponen"
        verbose_name_plural = "komponen"

    def __str__(self) -> str:
        return f"{self.number} {self.name}".strip()


class Indicator(models.Model):
    """An indikator row, with its target time as printed and as parsed."""

    component = models.ForeignKey(
        Component,
        verbose_name="komponen",
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    text = models.TextField("indikator")
    order = models.PositiveSmallIntegerField("urutan", default=0)
    source_location = models.CharField("lokasi di berkas", max_length=100, blank=True)
    target_raw = models.CharField("target waktu (tertulis)", max_length=300, blank=True)
    target_kind = models.CharField("jenis target", max_length=30, blank=True)
    target_start = models.DateField("target mulai", null=True, blank=True)
    target_end = models.DateField(
        "target selesai", null=True, blank=True, db_index=True
    )
    target_recurrence = models.CharField("pengulangan", max_length=30, blank=True)
    target_periods = models.JSONField("periode", default=list, blank=True)
    target_needs_review = models.BooleanField("target perlu diperiksa", default=False)
    target_note = models.CharField("catatan target", max_length=300, blank=True)
    retroactive = models.BooleanField(
        "berlaku surut",
        default=False,
        help_text="Target berakhir sebelum keputusan ditandatangani.",
    )

    class Meta:
        ordering = ["component", "order"]
        verbose_name = "indikator"
        verbose_name_plural = "indikator"

    def __str__(self) -> str:
        return shorten(self.text, 120)


class ExpectedEvidence(models.Model):
    """A bukti fisik the decree expects for an indicator."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name="indikator",
        on_delete=models.CASCADE,
        related_name="expected_evidence",
    )
    text = models.TextField("bukti fisik")
    order = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        ordering = ["indicator", "order"]
        verbose_name = "bukti fisik yang diharapkan"
        verbose_name_plural = "bukti fisik yang diharapkan"

    def __str__(self) -> str:
        return shorten(self.text, 120)


RECURRENCE_MONTHS = {"monthly": 1, "quarterly": 3, "semester": 6}


def last_finished_period(recurrence: str, on: date) -> tuple[date, date] | None:
    """Return the calendar month/quarter/half-year of a recurrence that ended last before `on`."""
    months = RECURRENCE_MONTHS.get(recurrence)
    return _period_before(months, on) if months else None


def _period_before(months: int, on: date) -> tuple[date, date]:
    current_first_month = (on.month - 1) // months * months + 1
    end = date(on.year, current_first_month, 1) - timedelta(days=1)
    return date(end.year, end.month - months + 1, 1), end


def recurring_periods(
    recurrence: str, start: date, end: date
) -> list[tuple[date, date]]:
    """Cut a recurring target's start..end into its calendar months, quarters or
    half-years (clipped to the target); empty for a target that does not recur."""
    months = RECURRENCE_MONTHS.get(recurrence)
    if not months or start > end:
        return []
    periods = []
    year, month = start.year, (start.month - 1) // months * months + 1
    while date(year, month, 1) <= end:
        last = month_end(year, month + months - 1)
        periods.append((max(date(year, month, 1), start), min(last, end)))
        month += months
        if month > 12:
            year, month = year + 1, month - 12
    return periods


def realised_share(periods: list[tuple[date, date]], days: list[date]) -> int:
    """Return the share (%, rounded down) of `periods` holding one of `days`."""
    if not periods:
        return 0
    covered = sum(1 for a, b in periods if any(a <= d <= b for d in days))
    return covered * 100 // len(periods)


def _late(on: date) -> Q:
    """Return the condition of a late step on `on` (status aside).

    The target ended before `on`; or the target recurs and its last finished
    period (which ended inside the target) has no realisation dated within it.
    """
    condition = Q(indicator__target_end__lt=on)
    for recurrence, months in RECURRENCE_MONTHS.items():
        start, end = _period_before(months, on)
        realised = Realisation.objects.filter(
            step=OuterRef("pk"), done_on__gte=start, done_on__lte=end
        )
        condition |= Q(
            ~Exists(realised),
            indicator__target_recurrence=recurrence,
            indicator__target_start__lte=end,
            indicator__target_end__gte=end,
        )
    return condition


class ActionStepQuerySet(models.QuerySet["ActionStep"]):
    def for_unit(self, unit: Any) -> ActionStepQuerySet:
        return self.filter(indicator__component__area__plan__unit=unit)

    def for_plan(self, plan: ActionPlan) -> ActionStepQuerySet:
        return self.filter(indicator__component__area__plan=plan)

    def open(self) -> ActionStepQuerySet:
        """Return steps not yet done."""
        return self.exclude(status=ActionStep.Status.DONE)

    def assigned_to(self, user: Any) -> ActionStepQuerySet:
        return self.filter(owners=user)

    def due_between(self, start: date, end: date) -> ActionStepQuerySet:
        """Return open steps whose target ends between `start` and `end` (inclusive)."""
        return self.open().filter(
            indicator__target_end__gte=start, indicator__target_end__lte=end
        )

    def active_between(self, start: date, end: date) -> ActionStepQuerySet:
        """Return steps whose target period overlaps [start, end].

        A deadline has no start; like its stored period (first of its month to
        the deadline), it is active in the month it falls due.
        """
        end_of_month = month_end(end.year, end.month)
        return self.filter(
            Q(indicator__target_start__lte=end)
            | Q(
                indicator__target_start__isnull=True,
                indicator__target_end__lte=end_of_month,
            ),
            indicator__target_end__gte=start,
        )

    def overdue(self, on: date | None = None) -> ActionStepQuerySet:
        """Return open steps late on `on` (default today): target ended, or a
        recurring target's last finished period has no realisation."""
        return self.open().filter(_late(on or today()))

    def with_display_status(self, on: date | None = None) -> ActionStepQuerySet:
        """Annotate `state`: not_started, in_progress, done or late."""
        return self.annotate(
            state=Case(
                When(status=ActionStep.Status.DONE, then=Value("done")),
                When(_late(on or today()), then=Value("late")),
                default=F("status"),
                output_field=models.CharField(),
            )
        )

    def with_tree(self) -> ActionStepQuerySet:
        """Load the step's indicator, component, area and PICs in fixed queries."""
        return self.select_related(
            "indicator__component__area__plan__unit"
        ).prefetch_related("owners")


class ActionStep(TimeStampedModel):
    """A langkah aksi: what a PIC does for an indicator, with status and progress."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Belum mulai"
        IN_PROGRESS = "in_progress", "Berjalan"
        DONE = "done", "Selesai"

    indicator = models.ForeignKey(
        Indicator,
        verbose_name="indikator",
        on_delete=models.CASCADE,
        related_name="steps",
    )
    text = models.TextField("langkah aksi")
    order = models.PositiveSmallIntegerField("urutan", default=0)
    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="PIC",
        blank=True,
        related_name="plan_steps",
    )
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(
        "progres (%)",
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    objects = ActionStepQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "order"]
        verbose_name = "langkah aksi"
        verbose_name_plural = "langkah aksi"

    def __str__(self) -> str:
        return shorten(self.text, 120)

    def get_absolute_url(self) -> str:
        plan = self.indicator.component.area.plan
        return reverse("plans:step_detail", args=[plan.unit.code, plan.year, self.pk])

    @property
    def effective_progress(self) -> int:
        return 100 if self.status == self.Status.DONE else self.progress

    def is_late(self, on: date | None = None) -> bool:
        """Return True when not done and the target ended before `on` (default today),
        or when a recurring target's last finished period has no realisation."""
        on = on or today()
        indicator = self.indicator
        end = indicator.target_end
        if self.status == self.Status.DONE or end is None:
            return False
        if end < on:
            return True
        return self.missed_period(on) is not None

    def missed_period(self, on: date | None = None) -> tuple[date, date] | None:
        """Return the last finished period of a recurring target when it has no
        realisation dated within it (else None)."""
        indicator = self.indicator
        period = last_finished_period(indicator.target_recurrence, on or today())
        if period is None or not (indicator.target_start and indicator.target_end):
            return None
        start, end = period
        if not indicator.target_start <= end <= indicator.target_end:
            return None
        realised = self.realisations.filter(done_on__gte=start, done_on__lte=end)
        return None if realised.exists() else period

    def realised_progress(self) -> int | None:
        """Return the progress a recurring target's realisations show: the share
        of its periods with a realisation dated within them (None if the target
        does not recur or has no dated span)."""
        indicator = self.indicator
        start, end = indicator.target_start, indicator.target_end
        if not (indicator.target_recurrence and start and end):
            return None
        periods = recurring_periods(indicator.target_recurrence, start, end)
        if not periods:
            return None
        days = list(
            self.realisations.filter(done_on__gte=start, done_on__lte=end).values_list(
                "done_on", flat=True
            )
        )
        return realised_share(periods, days)

    def display_code(self, on: date | None = None) -> str:
        """Return not_started, in_progress, done or late (the derived status)."""
        return "late" if self.is_late(on) else str(self.status)

    @property
    def display_status(self) -> str:
        return DISPLAY_LABELS[self.display_code()]


DISPLAY_LABELS = {
    "not_started": "Belum mulai",
    "in_progress": "Berjalan",
    "done": "Selesai",
    "late": "Terlambat",
}


class Realisation(TimeStampedModel):
    """What was actually done for a step, when and by whom (realisasi)."""

    step = models.ForeignKey(
        ActionStep,
        verbose_name="langkah aksi",
        on_delete=models.CASCADE,
        related_name="realisations",
    )
    description = models.TextField("yang dilakukan")
    done_on = models.DateField("tanggal pelaksanaan")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="oleh",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField("catatan", blank=True)

    class Meta:
        ordering = ["step", "-done_on", "-id"]
        verbose_name = "realisasi"
        verbose_name_plural = "realisasi"

    def __str__(self) -> str:
        return f"{_long_date(self.done_on)}: {shorten(self.description, 80)}"


class ReviewMeeting(TimeStampedModel):
    """A monev meeting (rapat evaluasi) of a plan."""

    plan = models.ForeignKey(
        ActionPlan,
        verbose_name="rencana aksi",
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    held_on = models.DateField("tanggal rapat")
    title = models.CharField(
        "judul", max_length=200, default="Rapat evaluasi pembangunan ZI"
    )
    attendees = models.TextField("peserta", blank=True)
    minutes = models.TextField("notulen", blank=True)
    decisions = models.TextField("keputusan", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dicatat oleh",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["plan", "-held_on", "-id"]
        verbose_name = "rapat monev"
        verbose_name_plural = "rapat monev"

    def __str__(self) -> str:
        return f"{self.title} ({_long_date(self.held_on)})"

    def get_absolute_url(self) -> str:
        return reverse(
            "plans:meeting_detail", args=[self.plan.unit.code, self.plan.year, self.pk]
        )


class FollowUp(TimeStampedModel):
    """A tindak lanjut decided at a monev meeting, with an owner and a due date."""

    meeting = models.ForeignKey(
        ReviewMeeting,
        verbose_name="rapat",
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    text = models.TextField("tindak lanjut")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="penanggung jawab",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_follow_ups",
    )
    due_on = models.DateField("batas waktu", null=True, blank=True)
    done = models.BooleanField("selesai", default=False)
    steps = models.ManyToManyField(
        ActionStep,
        verbose_name="langkah aksi terkait",
        blank=True,
        related_name="follow_ups",
    )

    class Meta:
        ordering = ["meeting", "due_on", "id"]
        verbose_name = "tindak lanjut"
        verbose_name_plural = "tindak lanjut"

    def __str__(self) -> str:
        return shorten(self.text, 120)


class StepReminder(models.Model):
    """A reminder e-mailed to a PIC about a step; at most one per step, PIC and day."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "Jatuh tempo ≤ 7 hari"
        OVERDUE = "overdue", "Terlambat"

    step = models.ForeignKey(
        ActionStep,
        verbose_name="langkah aksi",
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="penerima",
        on_delete=models.CASCADE,
        related_name="+",
    )
    sent_on = models.DateField("tanggal kirim")
    kind = models.CharField("jenis", max_length=20, choices=Kind.choices)
    sent_at = models.DateTimeField("waktu kirim", auto_now_add=True)

    class Meta:
        ordering = ["-sent_on", "step"]
        constraints = [
            models.UniqueConstraint(
                fields=["step", "recipient", "sent_on"],
                name="one_step_reminder_per_day",
            )
        ]
        verbose_name = "pengingat langkah aksi"
        verbose_name_plural = "pengingat langkah aksi"

    def __str__(self) -> str:
        return f"{self.sent_on} {self.recipient} {self.step_id}"
