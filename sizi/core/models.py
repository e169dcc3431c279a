"""Shared base model and the append-only audit log."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format


class TimeStampedModel(models.Model):
    """Abstract base with creation and modification times."""

    created_at = models.DateTimeField("dibuat", auto_now_add=True)
    updated_at = models.DateTimeField("diubah", auto_now=True)

    class Meta:
        abstract = True


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    """Reads of the audit log; writes other than insert are refused."""

    def for_units(self, unit_ids: Any) -> AuditEventQuerySet:
        return self.filter(unit_id__in=unit_ids)

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Catatan audit tidak dapat diubah.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Catatan audit tidak dapat dihapus.")


class AuditEvent(models.Model):
    """One state change made through a service: who, where, what, when, and the diff.

    Append-only. The ORM refuses updates and deletes, the admin is read-only, and
    database triggers (see migration 0003) refuse UPDATE, and DELETE on PostgreSQL.
    Actor and unit are kept without a database constraint so that deleting a user
    or a unit never touches the log; their names are copied into the row.

    Tamper-evident: `seq`, `prev_hash` and `hash` chain every event to the one
    before it (`sizi.core.audit_chain`, decision 0004); `verify_audit` walks it.
    """

    at = models.DateTimeField("waktu", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pelaku",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_name = models.CharField("nama pelaku", max_length=150, blank=True)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="unit",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    action = models.CharField("aksi", max_length=80, db_index=True)
    target_type = models.CharField("jenis objek", max_length=80, blank=True)
    target_id = models.CharField("ID objek", max_length=64, blank=True)
    target_repr = models.CharField("objek", max_length=300, blank=True)
    changes = models.JSONField("perubahan", default=dict, blank=True)
    seq = models.PositiveBigIntegerField(
        "urutan rantai", null=True, blank=True, unique=True, editable=False
    )
    prev_hash = models.CharField(
        "hash sebelumnya", max_length=64, blank=True, editable=False
    )
    hash = models.CharField("hash", max_length=64, blank=True, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["unit", "-at"])]
        verbose_name = "catatan audit"
        verbose_name_plural = "log audit"

    def __str__(self) -> str:
        from sizi.core.audit_labels import ACTION_LABELS

        when = date_format(timezone.localtime(self.at), "j F Y, H.i")
        action = ACTION_LABELS.get(self.action, self.action)
        return f"{when} · {self.actor_name} · {action} · {self.target_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # An integrity guard, not domain logic: an existing entry never changes.
        if not self._state.adding:
            raise PermissionError("Catatan audit tidak dapat diubah.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("units:audit_log", args=[self.unit.code]) if self.unit else "/"

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Catatan audit tidak dapat dihapus.")


class JobQuerySet(models.QuerySet["Job"]):
    """Reads of background jobs; a user sees only the jobs they started."""

    def for_user(self, user: Any) -> JobQuerySet:
        return self.filter(user=user)

    def unfinished(self) -> JobQuerySet:
        return self.filter(status__in=[Job.Status.QUEUED, Job.Status.RUNNING])


class Job(models.Model):
    """One piece of long work a person started (an export, a pack, an import).

    The work runs as a task (django-tasks); this row is what the person sees
    under "Unduhan saya": progress, the reason of a failure, and the result
    file in private storage until it expires.
    """

    class Status(models.TextChoices):
        QUEUED = "antre", "Menunggu"
        RUNNING = "berjalan", "Sedang diproses"
        DONE = "selesai", "Selesai"
        FAILED = "gagal", "Gagal"
        EXPIRED = "kedaluwarsa", "Kedaluwarsa"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dimulai oleh",
        on_delete=models.CASCADE,
        related_name="jobs",
    )
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="unit",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField("jenis", max_length=60)
    title = models.CharField("judul", max_length=200)
    task_path = models.CharField("tugas", max_length=200)
    params = models.JSONField("parameter", default=dict, blank=True)
    status = models.CharField(
        "status", max_length=12, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField("kemajuan (%)", default=0)
    progress_note = models.CharField("tahap", max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField("percobaan", default=0)
    error = models.TextField("alasan gagal", blank=True)
    result_name = models.CharField("berkas hasil", max_length=300, blank=True)
    result_filename = models.CharField("nama unduhan", max_length=200, blank=True)
    result_content_type = models.CharField("jenis isi", max_length=120, blank=True)
    result_size = models.PositiveBigIntegerField("ukuran", default=0)
    created_at = models.DateTimeField("dibuat", auto_now_add=True)
    started_at = models.DateTimeField("mulai", null=True, blank=True)
    heartbeat_at = models.DateTimeField("tanda hidup", null=True, blank=True)
    finished_at = models.DateTimeField("selesai", null=True, blank=True)
    expires_at = models.DateTimeField("kedaluwarsa", null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["user", "-created_at"]),
            models.Index(fields=["status", "heartbeat_at"]),
        ]
        verbose_name = "pekerjaan latar"
        verbose_name_plural = "pekerjaan latar"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("units:job_detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in {
            self.Status.DONE,
            self.Status.FAILED,
            self.Status.EXPIRED,
        }

    @property
    def can_download(self) -> bool:
        return self.status == self.Status.DONE and bool(self.result_name)


class ScheduledRun(models.Model):
    """One run of a periodic command on one day: claimed once across workers."""

    name = models.CharField("jadwal", max_length=80)
    run_on = models.DateField("tanggal")
    started_at = models.DateTimeField("mulai", auto_now_add=True)
    finished_at = models.DateTimeField("selesai", null=True, blank=True)
    succeeded = models.BooleanField("berhasil", null=True)
    output = models.TextField("keluaran", blank=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "run_on"], name="core_scheduled_run_once_a_day"
            )
        ]
        verbose_name = "jalannya jadwal"
        verbose_name_plural = "jalannya jadwal"

    def __str__(self) -> str:
        return f"{self.name} {date_format(self.run_on, 'j F Y')}"


class CalendarDay(TimeStampedModel):
    """A decreed change to the national calendar: a day off or a working day.

    National holidays come from the `holidays` package; these rows add the cuti
    bersama of each year's SKB (loaded from `core/data/cuti_bersama.yaml`) and
    whatever a system administrator adds or corrects in the Django admin. A row
    the administrator has saved is theirs: loading the data never changes it.
    """

    class Kind(models.TextChoices):
        CUTI_BERSAMA = "cuti_bersama", "Cuti bersama"
        NATIONAL_HOLIDAY = "libur_nasional", "Hari libur nasional"
        OTHER_DAY_OFF = "libur_lain", "Hari libur lain"
        WORKING_DAY = "hari_kerja", "Hari kerja (koreksi)"

    class Origin(models.TextChoices):
        DATA = "data", "Data SKB di repositori"
        ADMIN = "admin", "Administrator"

    day = models.DateField("tanggal", unique=True)
    kind = models.CharField("jenis", max_length=20, choices=Kind.choices)
    name = models.CharField("keterangan", max_length=200)
    source = models.CharField("dasar hukum", max_length=300, blank=True)
    origin = models.CharField(
        "asal", max_length=10, choices=Origin.choices, default=Origin.ADMIN
    )
    active = models.BooleanField(
        "berlaku",
        default=True,
        help_text="Hapus centang untuk menonaktifkan tanpa menghapus riwayat.",
    )

    class Meta:
        ordering = ["day"]
        verbose_name = "hari dalam kalender kerja"
        verbose_name_plural = "kalender kerja (cuti bersama dan koreksi)"

    def __str__(self) -> str:
        return (
            f"{date_format(self.day, 'j F Y')} {self.get_kind_display()}: {self.name}"
        )


class AuditChainHead(models.Model):
    """The one row that holds the end of the audit hash chain.

    `audit.record()` locks it (SELECT ... FOR UPDATE on PostgreSQL; SQLite's
    immediate transactions serialise writers already) so that two transactions
    never chain onto the same event; the verifier compares it with the last row
    to notice events cut from the end.
    """

    seq = models.PositiveBigIntegerField("urutan terakhir", default=0)
    hash = models.CharField("hash terakhir", max_length=64)
    at = models.DateTimeField("waktu terakhir", null=True, blank=True)

    class Meta:
        verbose_name = "kepala rantai audit"
        verbose_name_plural = "kepala rantai audit"

    def __str__(self) -> str:
        return f"{self.seq} {self.hash[:12]}"
