"""Statements every member signs (conflict-of-interest declaration, Pakta Integritas,
ZI commitment) in campaigns; declared conflicts and their handling; the CoI map."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from sizi.core.models import TimeStampedModel


class StatementKind(models.TextChoices):
    COI = "coi", "Surat Pernyataan Bebas Benturan Kepentingan"
    PACT = "pact", "Pakta Integritas"
    ZI_COMMITMENT = "zi_commitment", "Pernyataan Komitmen Pembangunan Zona Integritas"


class StatementText(TimeStampedModel):
    """One version of a statement's text in a unit; a campaign signs one version."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name="unit", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(
        "jenis pernyataan", max_length=20, choices=StatementKind.choices
    )
    version = models.PositiveSmallIntegerField("versi", editable=False)
    body = models.TextField("teks pernyataan")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind", "version"], name="unique_statement_version"
            )
        ]
        ordering = ["unit", "kind", "-version"]
        verbose_name = "teks pernyataan"
        verbose_name_plural = "teks pernyataan"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version}"


class StatementCampaign(TimeStampedModel):
    """A round in which every member of the unit signs one statement text."""

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="unit",
        on_delete=models.PROTECT,
        related_name="statement_campaigns",
    )
    text = models.ForeignKey(
        StatementText,
        verbose_name="teks",
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    year = models.PositiveSmallIntegerField("tahun")
    title = models.CharField("judul", max_length=200)
    due_date = models.DateField("batas penandatanganan")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["unit", "-year", "-pk"]
        verbose_name = "kampanye pernyataan"
        verbose_name_plural = "kampanye pernyataan"

    def __str__(self) -> str:
        return f"{self.title} ({self.unit.short_name or self.unit.name})"

    @property
    def kind(self) -> str:
        return self.text.kind


class Signature(TimeStampedModel):
    """One member's task in a campaign: pending, then signed (with a declaration)."""

    class Declaration(models.TextChoices):
        FREE = "free", "Tidak memiliki benturan kepentingan"
        CONFLICT = "conflict", "Memiliki benturan kepentingan"

    class ConflictType(models.TextChoices):
        ACTUAL = "actual", "Aktual"
        POTENTIAL = "potential", "Potensial"

    class Source(models.TextChoices):
        AUTHORITY = "authority", "Kekuasaan dan kewenangan"
        DUAL_POSITION = "dual_position", "Perangkapan jabatan"
        AFFILIATION = "affiliation", "Hubungan afiliasi (keluarga, usaha)"
        GRATIFICATION = "gratification", "Gratifikasi"
        SYSTEM = "system", "Kelemahan sistem organisasi"
        PERSONAL = "personal", "Kepentingan pribadi / usaha / keuangan"
        OUTSIDE_WORK = "outside_work", "Pekerjaan di luar kedinasan"

    class Decision(models.TextChoices):
        RECUSAL = "recusal", "Tidak ikut mengambil keputusan (recusal)"
        REPLACEMENT = "replacement", "Penggantian pejabat/petugas"
        SUPERVISION = "supervision", "Pengawasan oleh atasan"
        NO_CONFLICT = "no_conflict", "Tidak terdapat benturan kepentingan"

    campaign = models.ForeignKey(
        StatementCampaign,
        verbose_name="kampanye",
        on_delete=models.CASCADE,
        related_name="signatures",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pegawai",
        on_delete=models.PROTECT,
        related_name="statement_signatures",
    )
    signed_at = models.DateTimeField("ditandatangani", null=True, blank=True)
    declaration = models.CharField(
        "pernyataan", max_length=10, choices=Declaration.choices, blank=True
    )
    conflict_type = models.CharField(
        "jenis benturan", max_length=10, choices=ConflictType.choices, blank=True
    )
    source = models.CharField(
        "sumber benturan", max_length=20, choices=Source.choices, blank=True
    )
    nature = models.TextField("uraian benturan kepentingan", blank=True)
    superior = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="atasan langsung",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conflicts_to_handle",
    )
    decision = models.CharField(
        "keputusan atasan", max_length=20, choices=Decision.choices, blank=True
    )
    decided_on = models.DateField("tanggal keputusan", null=True, blank=True)
    decision_note = models.TextField("catatan keputusan", blank=True)
    last_reminded_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "user"], name="unique_campaign_signature"
            )
        ]
        ordering = ["campaign", "user__full_name", "user__username"]
        verbose_name = "penandatanganan pernyataan"
        verbose_name_plural = "penandatanganan pernyataan"

    def __str__(self) -> str:
        # No declaration details here: this text reaches the audit log.
        return f"Pernyataan {self.campaign_id}/{self.pk}"

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    @property
    def has_conflict(self) -> bool:
        return self.declaration == self.Declaration.CONFLICT

    def clean(self) -> None:
        if self.has_conflict and not (
            self.conflict_type
            and self.source
            and self.nature.strip()
            and self.superior_id
        ):
            raise ValidationError(
                "Sebutkan jenis, sumber, uraian benturan kepentingan dan atasan langsung."
            )


class ConflictMapEntry(TimeStampedModel):
    """One row of the Matrik Identifikasi Benturan Kepentingan of a unit's year."""

    class Level(models.TextChoices):
        LOW = "low", "Rendah"
        MEDIUM = "medium", "Sedang"
        HIGH = "high", "Tinggi"

    unit = models.ForeignKey(
        "units.Unit", verbose_name="unit", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("tahun")
    duty = models.CharField("tugas dan fungsi utama / layanan", max_length=300)
    situation = models.TextField("potensi situasi benturan kepentingan")
    source = models.CharField("sumber", max_length=20, choices=Signature.Source.choices)
    level = models.CharField("tingkat risiko", max_length=10, choices=Level.choices)
    control = models.TextField("pengendalian")

    class Meta:
        ordering = ["unit", "year", "duty", "pk"]
        verbose_name = "matriks benturan kepentingan"
        verbose_name_plural = "matriks benturan kepentingan"

    def __str__(self) -> str:
        return f"Benturan kepentingan {self.year}: {self.duty[:60]}"


class ConflictEvaluation(TimeStampedModel):
    """A periodic evaluation of conflict-of-interest handling and its follow-up (P.5.v.d/e)."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name="unit", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("tahun")
    period = models.CharField("periode", max_length=60)
    evaluated_on = models.DateField("tanggal evaluasi")
    findings = models.TextField("hasil evaluasi")
    follow_up = models.TextField("rencana tindak lanjut", blank=True)
    follow_up_done_on = models.DateField("tindak lanjut selesai", null=True, blank=True)
    follow_up_note = models.TextField("keterangan tindak lanjut", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["unit", "-year", "-evaluated_on", "-pk"]
        verbose_name = "evaluasi penanganan benturan kepentingan"
        verbose_name_plural = "evaluasi penanganan benturan kepentingan"

    def __str__(self) -> str:
        return f"Evaluasi benturan kepentingan {self.period} {self.year}"
