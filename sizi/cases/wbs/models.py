"""WBS data: the channel of a unit, its officers, and the sealed reports.

Imported by ``sizi/cases/models.py`` so that Django registers them in the
``cases`` app. Nothing here holds a reporter's address, browser or any other
request metadata, and nothing a reporter wrote is stored in the clear: the
report, its messages, the reporter's identity and attachments are sealed with
the report's own data key (see :mod:`sizi.cases.wbs.crypto`). Dates a reporter
causes are kept to the day, not the second, so that they cannot be matched to
a building's door log or a camera.
"""

from __future__ import annotations

import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from sizi.core.models import TimeStampedModel
from sizi.units.models import Unit


def new_salt() -> bytes:
    """Return a fresh random salt for a channel's receipt hashes."""
    return os.urandom(16)


class WbsChannel(TimeStampedModel):
    """A unit's WBS settings: the receipt salt and how long closed reports are kept."""

    unit = models.OneToOneField(
        Unit, verbose_name="unit", on_delete=models.CASCADE, related_name="wbs_channel"
    )
    receipt_salt = models.BinaryField("garam tanda terima", default=new_salt)
    retention_days = models.PositiveIntegerField(
        "masa simpan laporan selesai (hari)",
        default=5 * 365,
        help_text="Laporan yang sudah selesai dihapus aman setelah masa ini.",
    )

    class Meta:
        verbose_name = "saluran WBS"
        verbose_name_plural = "saluran WBS"

    def __str__(self) -> str:
        return f"Saluran WBS {self.unit}"


class WbsOfficer(TimeStampedModel):
    """A person appointed by the unit's pimpinan to handle reports or hold identities."""

    class Role(models.TextChoices):
        HANDLER = "handler", "Penangan laporan"
        CUSTODIAN = "custodian", "Kustodian identitas pelapor"

    unit = models.ForeignKey(
        Unit, verbose_name="unit", on_delete=models.CASCADE, related_name="wbs_officers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pengguna",
        on_delete=models.CASCADE,
        related_name="wbs_appointments",
    )
    role = models.CharField("peran", max_length=20, choices=Role.choices)
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ditunjuk oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "user", "role"], name="unique_wbs_officer"
            )
        ]
        ordering = ["unit", "role", "user__full_name"]
        verbose_name = "petugas WBS"
        verbose_name_plural = "petugas WBS"

    def __str__(self) -> str:
        return f"{self.get_role_display()} WBS {self.unit}"

    def clean(self) -> None:
        other = (
            self.Role.CUSTODIAN if self.role == self.Role.HANDLER else self.Role.HANDLER
        )
        if (
            self.unit_id
            and self.user_id
            and WbsOfficer.objects.filter(unit_id=self.unit_id, user_id=self.user_id)
            .filter(role=other)
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError(
                "Satu orang tidak dapat menjadi penangan sekaligus kustodian "
                "identitas di unit yang sama."
            )


class WhistleblowReportQuerySet(models.QuerySet["WhistleblowReport"]):
    def for_unit(self, unit: Unit) -> WhistleblowReportQuerySet:
        return self.filter(unit=unit)


class WhistleblowReport(models.Model):
    """One whistleblowing report; every word of it is sealed."""

    class Category(models.TextChoices):
        CORRUPTION = "korupsi", "Korupsi, kolusi atau nepotisme"
        GRATIFICATION = "gratifikasi", "Gratifikasi atau suap"
        ABUSE = "wewenang", "Penyalahgunaan wewenang"
        CONDUCT = "etik", "Pelanggaran kode etik atau disiplin"
        CONFLICT = "benturan", "Benturan kepentingan"
        RETALIATION = "pembalasan", "Pembalasan terhadap pelapor"
        OTHER = "lainnya", "Lainnya"

    class Status(models.TextChoices):
        NEW = "baru", "Baru"
        REVIEW = "ditelaah", "Sedang ditelaah"
        FOLLOW_UP = "ditindaklanjuti", "Ditindaklanjuti"
        CLOSED = "selesai", "Selesai"
        DECLINED = "tidak_diproses", "Tidak dapat diproses"

    CLOSED_STATUSES = frozenset({Status.CLOSED, Status.DECLINED})

    # A random reference bound into every sealed value as associated data (the
    # primary key is not known before the first insert). Never shown publicly.
    ref = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey(
        Unit, verbose_name="unit", on_delete=models.CASCADE, related_name="wbs_reports"
    )
    category = models.CharField("kategori", max_length=20, choices=Category.choices)
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.NEW
    )
    receipt_hash = models.CharField("hash tanda terima", max_length=64)
    wrapped_key = models.BinaryField("kunci data tersegel")
    sealed_content = models.BinaryField("isi tersegel")
    sealed_identity = models.BinaryField("identitas tersegel", null=True, blank=True)
    submitted_on = models.DateField("tanggal diterima")
    first_response_on = models.DateField(
        "tanggal tanggapan pertama", null=True, blank=True
    )
    closed_on = models.DateField("tanggal selesai", null=True, blank=True)
    unread_by_handler = models.BooleanField("belum dibaca penangan", default=True)
    unread_by_reporter = models.BooleanField("belum dibaca pelapor", default=False)

    objects = WhistleblowReportQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "receipt_hash"], name="unique_wbs_receipt"
            )
        ]
        indexes = [models.Index(fields=["unit", "status"])]
        ordering = ["-submitted_on", "-id"]
        verbose_name = "laporan WBS"
        verbose_name_plural = "laporan WBS"

    def __str__(self) -> str:
        # Never the content: this string is copied into the audit log.
        return f"Laporan WBS #{self.pk}"

    @property
    def has_identity(self) -> bool:
        return self.sealed_identity is not None

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED_STATUSES


class WbsMessage(models.Model):
    """One message of the two-way conversation between reporter and handlers."""

    class Author(models.TextChoices):
        REPORTER = "pelapor", "Pelapor"
        HANDLER = "penangan", "Penangan"

    report = models.ForeignKey(
        WhistleblowReport, on_delete=models.CASCADE, related_name="messages"
    )
    author_kind = models.CharField("pengirim", max_length=10, choices=Author.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sealed_body = models.BinaryField("pesan tersegel")
    sent_on = models.DateField("tanggal")

    class Meta:
        ordering = ["id"]
        verbose_name = "pesan WBS"
        verbose_name_plural = "pesan WBS"

    def __str__(self) -> str:
        return f"Pesan #{self.pk} laporan WBS #{self.report_id}"


class WbsAttachment(models.Model):
    """A file a reporter sent: the sealed original and the sealed cleaned copy."""

    report = models.ForeignKey(
        WhistleblowReport, on_delete=models.CASCADE, related_name="attachments"
    )
    message = models.ForeignKey(
        WbsMessage,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    kind = models.CharField("jenis", max_length=10)
    size = models.PositiveBigIntegerField("ukuran bersih")
    sealed_name = models.BinaryField("nama tersegel")
    sealed_original = models.BinaryField("berkas asli tersegel")
    sealed_clean = models.BinaryField("berkas bersih tersegel")

    class Meta:
        ordering = ["id"]
        verbose_name = "lampiran WBS"
        verbose_name_plural = "lampiran WBS"

    def __str__(self) -> str:
        return f"Lampiran #{self.pk} laporan WBS #{self.report_id}"


class IdentityRequest(models.Model):
    """A handler's request to learn the reporter's identity, decided by a custodian."""

    class Status(models.TextChoices):
        PENDING = "menunggu", "Menunggu keputusan"
        APPROVED = "disetujui", "Disetujui"
        REFUSED = "ditolak", "Ditolak"

    report = models.ForeignKey(
        WhistleblowReport, on_delete=models.CASCADE, related_name="identity_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField("alasan", max_length=2000)
    requested_at = models.DateTimeField("diminta", auto_now_add=True)
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField("diputuskan", null=True, blank=True)
    decision_note = models.TextField("catatan keputusan", blank=True, max_length=2000)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = "permintaan identitas pelapor"
        verbose_name_plural = "permintaan identitas pelapor"

    def __str__(self) -> str:
        return f"Permintaan identitas #{self.pk} laporan WBS #{self.report_id}"
