"""Organisations and people: the unit tree, users and their roles per unit."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.urls import reverse

from sizi.core.models import TimeStampedModel


class User(AbstractUser):
    """A person who signs in to SIZI."""

    class EmailPreference(models.TextChoices):
        IMMEDIATE = "immediate", "Segera (satu surel per notifikasi)"
        DIGEST = "digest", "Ringkasan harian"
        OFF = "off", "Mati (hanya di SIZI)"

    full_name = models.CharField("nama lengkap", max_length=150, blank=True)
    position = models.CharField("jabatan", max_length=150, blank=True)
    notification_email = models.CharField(
        "surel notifikasi",
        max_length=20,
        choices=EmailPreference.choices,
        default=EmailPreference.IMMEDIATE,
    )

    class Meta:
        verbose_name = "pengguna"
        verbose_name_plural = "pengguna"
        ordering = ["full_name", "username"]

    def __str__(self) -> str:
        return self.full_name or self.get_username()

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.get_username()


class UnitLevel(models.Model):
    """A level of the organisation tree (KPU RI, KPU Provinsi, ...): data, not code."""

    code = models.SlugField("kode", max_length=40, unique=True)
    name = models.CharField("nama", max_length=100)
    rank = models.PositiveSmallIntegerField(
        "urutan", help_text="0 untuk tingkat tertinggi, makin besar makin ke bawah."
    )
    needs_preliminary_review = models.BooleanField(
        "perlu penilaian pendahuluan",
        default=False,
        help_text="Unit di tingkat ini dinilai dulu oleh unit induknya sebelum TPI.",
    )

    class Meta:
        ordering = ["rank", "name"]
        verbose_name = "tingkat unit"
        verbose_name_plural = "tingkat unit"

    def __str__(self) -> str:
        return self.name


class UnitQuerySet(models.QuerySet["Unit"]):
    def subtree_of(self, unit: Unit) -> UnitQuerySet:
        """Return `unit` and every unit below it."""
        return self.filter(path__startswith=unit.path)

    def under_any(self, paths: list[str]) -> UnitQuerySet:
        """Return units on or below any of the given paths."""
        if not paths:
            return self.none()
        condition = Q()
        for path in paths:
            condition |= Q(path__startswith=path)
        return self.filter(condition)


class Unit(TimeStampedModel):
    """An office that builds ZI, placed in the tree by `parent`.

    `path` is the chain of codes from the root ("kpu-ri/kpu-jambi/"), kept by
    `units.services` so that subtree reads are one indexed prefix query.
    """

    code = models.SlugField("kode", max_length=60, unique=True)
    name = models.CharField("nama", max_length=200)
    short_name = models.CharField("nama singkat", max_length=80, blank=True)
    level = models.ForeignKey(
        UnitLevel, verbose_name="tingkat", on_delete=models.PROTECT
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="unit induk",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField("jalur", max_length=1000, db_index=True, editable=False)
    city = models.CharField("kedudukan", max_length=100, blank=True)
    is_active = models.BooleanField("aktif", default=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = "unit kerja"
        verbose_name_plural = "unit kerja"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("units:unit_dashboard", args=[self.code])

    @property
    def depth(self) -> int:
        return self.path.count("/") - 1

    def ancestor_codes(self) -> list[str]:
        """Return the codes above this unit, from the root down."""
        return self.path.rstrip("/").split("/")[:-1]

    def is_below(self, other: Unit) -> bool:
        """Return True if this unit lies strictly below `other`."""
        return self.path != other.path and self.path.startswith(other.path)


class Membership(TimeStampedModel):
    """A user's role in one unit. Leader and reviewer rights reach down the tree."""

    class Role(models.TextChoices):
        LEADER = "leader", "Pimpinan"
        COORDINATOR = "coordinator", "Koordinator Tim ZI"
        TEAM = "team", "Anggota Tim (PIC)"
        REVIEWER = "reviewer", "Penilai"
        VIEWER = "viewer", "Pemantau"

    user = models.ForeignKey(
        User,
        verbose_name="pengguna",
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    unit = models.ForeignKey(
        Unit, verbose_name="unit", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("peran", max_length=20, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"], name="unique_membership"
            )
        ]
        ordering = ["unit__path", "role"]
        verbose_name = "keanggotaan"
        verbose_name_plural = "keanggotaan"

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"

    def __repr__(self) -> str:
        return f"<Membership {self.user_id}:{self.unit_id}:{self.role}>"

    def natural_key(self) -> tuple[Any, ...]:
        return (self.user_id, self.unit_id, self.role)


class NotificationQuerySet(models.QuerySet["Notification"]):
    def for_user(self, user: User) -> NotificationQuerySet:
        return self.filter(recipient=user)

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """Something that waits for one person: shown under the bell, e-mailed per
    the person's `notification_email` choice (see `units.notifications`).

    `key` names a reminder about one object ("plans.reminder:12"); the same key
    for the same person on the same day is one notification.
    """

    class Kind(models.TextChoices):
        ASSIGNMENT = "assignment", "Penugasan"
        FOLLOW_UP = "follow_up", "Tindak lanjut monev"
        EVIDENCE_RETURNED = "evidence_returned", "Bukti dikembalikan"
        EVIDENCE_SUBMITTED = "evidence_submitted", "Bukti menunggu verifikasi"
        EVIDENCE_REQUEST = "evidence_request", "Permintaan bukti"
        REVIEWER_NOTE = "reviewer_note", "Catatan penilai"
        REMINDER = "reminder", "Pengingat batas waktu"

    recipient = models.ForeignKey(
        User,
        verbose_name="penerima",
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name="unit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField("jenis", max_length=30, choices=Kind.choices)
    title = models.CharField("judul", max_length=300)
    body = models.TextField("isi", blank=True)
    url = models.CharField("alamat", max_length=500, blank=True)
    key = models.CharField("kunci", max_length=200, blank=True)
    created_on = models.DateField("tanggal")
    created_at = models.DateTimeField("dibuat", db_index=True)
    read_at = models.DateTimeField("dibaca", null=True, blank=True)
    emailed_at = models.DateTimeField("dikirim lewat surel", null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "notifikasi"
        verbose_name_plural = "notifikasi"
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key", "created_on"],
                condition=~Q(key=""),
                name="unique_notification_per_day",
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("units:notification_open", args=[self.pk])
