"""Shared base model and the append-only audit log."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


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
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.target_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # An integrity guard, not domain logic: an existing entry never changes.
        if not self._state.adding:
            raise PermissionError("Catatan audit tidak dapat diubah.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("units:audit_log", args=[self.unit.code]) if self.unit else "/"

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Catatan audit tidak dapat dihapus.")


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
