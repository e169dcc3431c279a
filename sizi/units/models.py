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

    full_name = models.CharField("nama lengkap", max_length=150, blank=True)
    position = models.CharField("jabatan", max_length=150, blank=True)

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
