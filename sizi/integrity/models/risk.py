"""SPIP risk register: risks of a unit's year, their control actions (RTP) and monitoring."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from sizi.core.audit_display import shorten
from sizi.core.models import TimeStampedModel
from sizi.integrity.spip_rules import risk_rules

SCORE = [MinValueValidator(1), MaxValueValidator(5)]


class RiskRegister(TimeStampedModel):
    """The SPIP risk register of one unit for one year."""

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="unit",
        on_delete=models.PROTECT,
        related_name="risk_registers",
    )
    year = models.PositiveSmallIntegerField("tahun")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"], name="unique_risk_register"
            )
        ]
        ordering = ["unit", "-year"]
        verbose_name = "register risiko SPIP"
        verbose_name_plural = "register risiko SPIP"

    def __str__(self) -> str:
        return (
            f"Register risiko SPIP {self.year} {self.unit.short_name or self.unit.name}"
        )


class Risk(TimeStampedModel):
    """One identified risk with its inherent and residual scores."""

    register = models.ForeignKey(
        RiskRegister,
        verbose_name="register",
        on_delete=models.CASCADE,
        related_name="risks",
    )
    number = models.PositiveSmallIntegerField("nomor", editable=False)
    objective = models.CharField("sasaran / kegiatan", max_length=300)
    statement = models.TextField("pernyataan risiko")
    cause = models.TextField("penyebab")
    effect = models.TextField("dampak")
    element = models.CharField("unsur SPIP", max_length=4)
    existing_controls = models.TextField("pengendalian yang ada", blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pemilik risiko",
        on_delete=models.PROTECT,
        related_name="owned_risks",
    )
    likelihood = models.PositiveSmallIntegerField(
        "kemungkinan (inheren)", validators=SCORE
    )
    impact = models.PositiveSmallIntegerField("dampak (inheren)", validators=SCORE)
    residual_likelihood = models.PositiveSmallIntegerField(
        "kemungkinan (residual)", validators=SCORE
    )
    residual_impact = models.PositiveSmallIntegerField(
        "dampak (residual)", validators=SCORE
    )
    inherent_level = models.CharField("level inheren", max_length=20, editable=False)
    residual_level = models.CharField("level residual", max_length=20, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["register", "number"], name="unique_risk_number"
            )
        ]
        ordering = ["register", "number"]
        verbose_name = "risiko"
        verbose_name_plural = "risiko"

    def __str__(self) -> str:
        return f"Risiko {self.number} (register SPIP {self.register.year})"

    def clean(self) -> None:
        if self.element not in {e.key for e in risk_rules().elements}:
            raise ValidationError({"element": "Pilih salah satu unsur SPIP."})

    def level_label(self, key: str) -> str:
        return next((lv.label for lv in risk_rules().levels if lv.key == key), key)

    @property
    def inherent_level_label(self) -> str:
        return self.level_label(self.inherent_level)

    @property
    def residual_level_label(self) -> str:
        return self.level_label(self.residual_level)

    @property
    def element_label(self) -> str:
        return risk_rules().element_label(self.element)


class ControlAction(TimeStampedModel):
    """A Rencana Tindak Pengendalian (RTP): an action with a PIC and a target date.

    When the unit has a Rencana Aksi for the year, the action is also a step of
    the chosen indicator, owned by the PIC, so it shows in "Pekerjaan saya".
    """

    risk = models.ForeignKey(
        Risk, verbose_name="risiko", on_delete=models.CASCADE, related_name="actions"
    )
    text = models.TextField("rencana tindak pengendalian")
    pic = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="penanggung jawab",
        on_delete=models.PROTECT,
        related_name="control_actions",
    )
    target_date = models.DateField("target waktu")
    step = models.ForeignKey(
        "plans.ActionStep",
        verbose_name="langkah rencana aksi",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="control_actions",
    )

    class Meta:
        ordering = ["risk", "target_date", "pk"]
        verbose_name = "rencana tindak pengendalian"
        verbose_name_plural = "rencana tindak pengendalian"

    def __str__(self) -> str:
        return f"RTP {self.risk}: {shorten(self.text, 80)}"


class RiskMonitoring(TimeStampedModel):
    """The realisation and monitoring of a risk's controls in one quarter."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Belum dilaksanakan"
        IN_PROGRESS = "in_progress", "Sedang dilaksanakan"
        DONE = "done", "Sudah dilaksanakan"

    risk = models.ForeignKey(
        Risk, verbose_name="risiko", on_delete=models.CASCADE, related_name="monitoring"
    )
    quarter = models.PositiveSmallIntegerField(
        "triwulan", validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    status = models.CharField("realisasi", max_length=20, choices=Status.choices)
    note = models.TextField("keterangan / hasil pemantauan", blank=True)
    occurred = models.BooleanField("risiko terjadi", default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dicatat oleh",
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["risk", "quarter"], name="unique_risk_quarter"
            )
        ]
        ordering = ["risk", "quarter"]
        verbose_name = "pemantauan risiko"
        verbose_name_plural = "pemantauan risiko"

    def __str__(self) -> str:
        return f"Pemantauan TW {self.quarter} {self.risk}"
