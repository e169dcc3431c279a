"""Complaint data: the unit's channel settings, its officers, complaints and their trail.

A complaint goes intake → triage (verify, classify) → handling (assign, forward,
reply) → closure (tindak lanjut, then closed). The reporter's identity sits in
its own table (`ComplaintReporter`) that only the unit's complaint handlers
read; an anonymous complaint has none. Tracking codes are stored as digests.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from sizi.core.models import TimeStampedModel


class ChannelSettings(TimeStampedModel):
    """A unit's service levels in working days (SP4N-LAPOR! pattern by default)."""

    unit = models.OneToOneField(
        "units.Unit",
        verbose_name="unit",
        on_delete=models.CASCADE,
        related_name="channel_settings",
    )
    verify_days = models.PositiveSmallIntegerField(
        "batas verifikasi (hari kerja)",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    follow_up_days = models.PositiveSmallIntegerField(
        "batas tindak lanjut setelah verifikasi (hari kerja)",
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    close_after_days = models.PositiveSmallIntegerField(
        "ditutup bila tanpa tanggapan (hari kerja)",
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )

    class Meta:
        verbose_name = "pengaturan saluran publik"
        verbose_name_plural = "pengaturan saluran publik"

    def __str__(self) -> str:
        return f"Pengaturan saluran publik {self.unit}"


class ChannelOfficer(TimeStampedModel):
    """A person the unit's pimpinan or koordinator appoints to a public channel."""

    class Role(models.TextChoices):
        COMPLAINT_HANDLER = "pengaduan", "Pengelola pengaduan"
        PPID = "ppid", "PPID pelaksana"
        PPID_SUPERIOR = "atasan_ppid", "Atasan PPID"

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="unit",
        on_delete=models.CASCADE,
        related_name="channel_officers",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pengguna",
        on_delete=models.CASCADE,
        related_name="channel_roles",
    )
    role = models.CharField("peran", max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["unit", "role", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "user", "role"], name="cases_one_officer_role"
            )
        ]
        verbose_name = "petugas saluran publik"
        verbose_name_plural = "petugas saluran publik"

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.user} ({self.unit})"


class Complaint(TimeStampedModel):
    """One complaint (pengaduan masyarakat) of a unit, from any channel."""

    class Channel(models.TextChoices):
        WEB = "web", "Formulir daring SIZI"
        LAPOR = "lapor", "SP4N-LAPOR!"
        PHONE = "telepon", "Telepon/SMS/WhatsApp"
        PAPER = "surat", "Surat/kotak pengaduan"
        VISIT = "langsung", "Datang langsung"
        EMAIL = "email", "Surel"

    class Privacy(models.TextChoices):
        CONFIDENTIAL = "rahasia", "Rahasia (identitas hanya untuk pengelola)"
        ANONYMOUS = "anonim", "Anonim (tanpa identitas)"

    class Category(models.TextChoices):
        UNCLASSIFIED = "", "Belum diklasifikasi"
        COMPLAINT = "pengaduan", "Pengaduan"
        ASPIRATION = "aspirasi", "Aspirasi"
        INFORMATION = "informasi", "Permintaan informasi"
        NOT_OUR_MATTER = "bukan_wewenang", "Bukan wewenang"

    class Status(models.TextChoices):
        RECEIVED = "diterima", "Diterima"
        VERIFIED = "diverifikasi", "Diverifikasi"
        IN_PROGRESS = "diproses", "Sedang diproses"
        ANSWERED = "ditindaklanjuti", "Ditindaklanjuti"
        CLOSED = "selesai", "Selesai"

    OPEN_STATUSES = (Status.RECEIVED, Status.VERIFIED, Status.IN_PROGRESS)

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="unit",
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    number = models.CharField("nomor", max_length=30)
    tracking_digest = models.CharField(max_length=64, unique=True, editable=False)
    channel = models.CharField(
        "saluran", max_length=10, choices=Channel.choices, default=Channel.WEB
    )
    lapor_number = models.CharField(
        "nomor tracking SP4N-LAPOR!", max_length=40, blank=True
    )
    privacy = models.CharField(
        "kerahasiaan",
        max_length=10,
        choices=Privacy.choices,
        default=Privacy.CONFIDENTIAL,
    )
    category = models.CharField(
        "klasifikasi", max_length=20, choices=Category.choices, blank=True
    )
    status = models.CharField(
        "status",
        max_length=20,
        choices=Status.choices,
        default=Status.RECEIVED,
        db_index=True,
    )
    subject = models.CharField("judul", max_length=200)
    body = models.TextField("isi pengaduan", max_length=10000)
    location = models.CharField("lokasi kejadian", max_length=200, blank=True)
    incident_date = models.DateField("tanggal kejadian", null=True, blank=True)
    received_at = models.DateTimeField("diterima")
    verified_at = models.DateTimeField("diverifikasi", null=True, blank=True)
    answered_at = models.DateTimeField("ditindaklanjuti", null=True, blank=True)
    closed_at = models.DateTimeField("selesai", null=True, blank=True)
    due_on = models.DateField("batas waktu tahap ini", null=True, blank=True)
    follow_up = models.TextField("tindak lanjut", blank=True, max_length=10000)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pengelola",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="handled_complaints",
    )
    pic = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="PIC",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_complaints",
    )
    forwarded_from = models.ForeignKey(
        "units.Unit",
        verbose_name="diteruskan dari",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dicatat oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["unit", "status"]),
            models.Index(fields=["unit", "received_at"]),
            models.Index(fields=["status", "due_on"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "number"], name="cases_complaint_number_per_unit"
            )
        ]
        verbose_name = "pengaduan"
        verbose_name_plural = "pengaduan"

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class ComplaintReporter(models.Model):
    """Who filed a confidential complaint; read only by the unit's handlers."""

    complaint = models.OneToOneField(
        Complaint,
        verbose_name="pengaduan",
        on_delete=models.CASCADE,
        related_name="reporter",
    )
    name = models.CharField("nama", max_length=150)
    email = models.EmailField("surel", blank=True)
    phone = models.CharField("nomor telepon", max_length=30, blank=True)
    wants_updates = models.BooleanField("kirim kabar lewat surel", default=False)

    class Meta:
        verbose_name = "identitas pelapor"
        verbose_name_plural = "identitas pelapor"

    def __str__(self) -> str:
        return f"Identitas pelapor {self.complaint.number}"


class ComplaintEvent(models.Model):
    """One entry of a complaint's trail: a status change, a reply or a note."""

    class Kind(models.TextChoices):
        STATUS = "status", "Perubahan status"
        REPLY = "balasan", "Balasan kepada pelapor"
        NOTE = "catatan", "Catatan internal"
        ASSIGN = "penugasan", "Penugasan"
        FORWARD = "diteruskan", "Diteruskan ke unit lain"
        REPORTER = "pelapor", "Tanggapan pelapor"

    complaint = models.ForeignKey(
        Complaint,
        verbose_name="pengaduan",
        on_delete=models.CASCADE,
        related_name="events",
    )
    at = models.DateTimeField("waktu", auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField("jenis", max_length=12, choices=Kind.choices)
    status = models.CharField(
        "status sesudahnya", max_length=20, choices=Complaint.Status.choices
    )
    text = models.TextField("isi", blank=True, max_length=10000)
    public = models.BooleanField("tampil kepada pelapor", default=False)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = "riwayat pengaduan"
        verbose_name_plural = "riwayat pengaduan"

    def __str__(self) -> str:
        return f"{self.complaint.number} {self.get_kind_display()}"


def attachment_upload_to(attachment: ComplaintAttachment, filename: str) -> str:
    """The storage name of an attachment; never the reporter's file name."""
    return f"cases/complaints/{attachment.complaint.unit_id}/{filename}"


class ComplaintAttachment(models.Model):
    """A file the reporter (or the staff registering it) attached."""

    complaint = models.ForeignKey(
        Complaint,
        verbose_name="pengaduan",
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField("berkas", upload_to=attachment_upload_to)
    original_name = models.CharField("nama berkas", max_length=200)
    content_type = models.CharField("jenis isi", max_length=120)
    size = models.PositiveBigIntegerField("ukuran")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_at = models.DateTimeField("diunggah", auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "lampiran pengaduan"
        verbose_name_plural = "lampiran pengaduan"

    def __str__(self) -> str:
        return self.original_name


class CaseCounter(models.Model):
    """The last number given per unit, kind and year (locked while numbering)."""

    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind", "year"], name="cases_one_counter"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}-{self.year}: {self.last}"


class ChannelReminder(models.Model):
    """One reminder e-mail to one person on one day (claimed before sending)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "sent_on"], name="cases_one_reminder_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.sent_on}"
