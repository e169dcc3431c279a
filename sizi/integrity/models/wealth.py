"""LHKPN / LHKASN compliance: who must report their wealth for a year, and who has."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from sizi.core.models import TimeStampedModel

LHKPN_CATEGORIES = {"head", "official", "other_lhkpn"}
LHKASN_CATEGORIES = {"administrator", "supervisor", "staff"}


class WealthReportCompliance(TimeStampedModel):
    """One person of a unit in one year: the wealth report they owe and its receipt."""

    class Obligation(models.TextChoices):
        LHKPN = "lhkpn", "Wajib LHKPN"
        LHKASN = "lhkasn", "Wajib LHKASN"
        NONE = "none", "Tidak wajib"

    class Category(models.TextChoices):
        # R.5.iii.a: harus melaporkan = kepala satker + pejabat wajib LHKPN + lainnya
        HEAD = "head", "Kepala satuan kerja"
        OFFICIAL = "official", "Pejabat yang diwajibkan menyampaikan LHKPN"
        OTHER_LHKPN = "other_lhkpn", "Lainnya (wajib LHKPN)"
        # R.5.iii.b: eselon III + eselon IV + fungsional dan pelaksana
        ADMINISTRATOR = "administrator", "Pejabat administrator (eselon III)"
        SUPERVISOR = "supervisor", "Pejabat pengawas (eselon IV)"
        STAFF = "staff", "Fungsional dan pelaksana"
        NONE = "none", "Tidak wajib (non-ASN)"

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="unit",
        on_delete=models.PROTECT,
        related_name="wealth_reports",
    )
    year = models.PositiveSmallIntegerField("tahun pelaporan")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pegawai",
        on_delete=models.PROTECT,
        related_name="wealth_reports",
    )
    obligation = models.CharField(
        "kewajiban",
        max_length=10,
        choices=Obligation.choices,
        default=Obligation.LHKASN,
    )
    category = models.CharField(
        "kelompok", max_length=20, choices=Category.choices, default=Category.STAFF
    )
    reported_on = models.DateField("tanggal lapor", null=True, blank=True)
    receipt_number = models.CharField("nomor tanda terima", max_length=100, blank=True)
    note = models.CharField("keterangan", max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "user"], name="unique_wealth_report_person"
            )
        ]
        ordering = ["unit", "year", "user__full_name", "user__username"]
        verbose_name = "kepatuhan LHKPN/LHKASN"
        verbose_name_plural = "kepatuhan LHKPN/LHKASN"

    def __str__(self) -> str:
        return f"LHKPN/LHKASN {self.year} {self.user}"

    @property
    def has_reported(self) -> bool:
        return self.reported_on is not None

    def clean(self) -> None:
        allowed: set[str] = {
            "lhkpn": LHKPN_CATEGORIES,
            "lhkasn": LHKASN_CATEGORIES,
        }.get(self.obligation, {"none"})
        if self.category not in allowed:
            raise ValidationError(
                {"category": "Kelompok tidak sesuai dengan kewajiban yang dipilih."}
            )
        if self.obligation == self.Obligation.NONE and self.reported_on:
            raise ValidationError(
                {"reported_on": "Pegawai yang tidak wajib tidak dicatat melapor."}
            )
        if self.reported_on and not self.receipt_number.strip():
            raise ValidationError({"receipt_number": "Isi nomor tanda terima laporan."})
