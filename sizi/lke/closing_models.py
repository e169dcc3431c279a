"""Closing an evaluation: predicate history, the LHE, replies and findings as work.

Imported at the end of ``sizi.lke.models`` (which re-exports them); foreign
keys name their targets as strings so this module needs nothing from there.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from sizi.core.models import TimeStampedModel


class PredicateRecord(TimeStampedModel):
    """A predicate a unit holds from a year: from TPN results or entered for the past."""

    class Kind(models.TextChoices):
        WBK = "wbk", "Menuju WBK"
        WBBM = "wbbm", "Menuju WBBM"

    class Source(models.TextChoices):
        TPN = "tpn", "Hasil TPN"
        ENTERED = "entered", "Dicatat (tahun lalu)"

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="unit",
        on_delete=models.CASCADE,
        related_name="lke_predicates",
    )
    year = models.PositiveSmallIntegerField("tahun")
    predicate = models.CharField("predikat", max_length=10, choices=Kind.choices)
    source = models.CharField("sumber", max_length=10, choices=Source.choices)
    decree_reference = models.CharField("nomor keputusan", max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dicatat oleh",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "predicate"], name="lke_unique_predicate_year"
            )
        ]
        ordering = ["unit", "-year"]
        verbose_name = "riwayat predikat"
        verbose_name_plural = "riwayat predikat"

    def __str__(self) -> str:
        return f"{self.get_predicate_display()} {self.year} {self.unit_id}"


class EvaluationReport(TimeStampedModel):
    """A Laporan Hasil Evaluasi generated from the TPI layer, numbered per assessment."""

    assessment = models.ForeignKey(
        "lke.Assessment",
        verbose_name="penilaian",
        on_delete=models.PROTECT,
        related_name="reports",
    )
    number = models.PositiveIntegerField("urutan")
    reference = models.CharField("nomor LHE", max_length=120, unique=True)
    issued_on = models.DateField("tanggal")
    total = models.DecimalField("nilai TPI", max_digits=8, decimal_places=4)
    recommendation = models.CharField("rekomendasi", max_length=10, blank=True)
    evidence = models.ForeignKey(
        "evidence.Evidence",
        verbose_name="bukti dukung",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dibuat oleh",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "number"], name="lke_unique_report_number"
            )
        ]
        ordering = ["assessment", "-number"]
        verbose_name = "laporan hasil evaluasi"
        verbose_name_plural = "laporan hasil evaluasi"

    def __str__(self) -> str:
        return self.reference


class NoteReply(TimeStampedModel):
    """The unit's (or a reviewer's) reply in the thread of a reviewer's note."""

    note = models.ForeignKey(
        "lke.ReviewNote",
        verbose_name="catatan penilai",
        on_delete=models.CASCADE,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="penulis",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField("tanggapan")

    class Meta:
        ordering = ["note", "created_at"]
        verbose_name = "tanggapan catatan"
        verbose_name_plural = "tanggapan catatan"

    def __str__(self) -> str:
        return self.text[:60]


class FindingAction(TimeStampedModel):
    """A reviewer's note turned into a follow-up step of the unit's Rencana Aksi."""

    note = models.OneToOneField(
        "lke.ReviewNote",
        verbose_name="catatan penilai",
        on_delete=models.CASCADE,
        related_name="action",
    )
    step = models.ForeignKey(
        "plans.ActionStep",
        verbose_name="langkah tindak lanjut",
        on_delete=models.CASCADE,
        related_name="lke_findings",
    )
    target_date = models.DateField("target selesai")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dibuat oleh",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["target_date", "pk"]
        verbose_name = "tindak lanjut temuan"
        verbose_name_plural = "tindak lanjut temuan"

    def __str__(self) -> str:
        return f"Tindak lanjut {self.note_id} → {self.step_id}"
