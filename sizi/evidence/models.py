"""Evidence (bukti fisik): items, their file revisions, review history and requests."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from sizi.core.models import TimeStampedModel
from sizi.units.permissions import visible_unit_ids

if TYPE_CHECKING:
    from sizi.units.models import Unit, User


def revision_upload_to(revision: EvidenceRevision, filename: str) -> str:
    """Return the storage name of a revision; never derived from the user's file name."""
    return f"evidence/{revision.evidence.unit_id}/{revision.evidence_id}/{filename}"


class EvidenceQuerySet(models.QuerySet["Evidence"]):
    def for_unit(self, unit: Unit) -> EvidenceQuerySet:
        """Return the evidence of one unit."""
        return self.filter(unit=unit)

    def visible_to(self, user: User) -> EvidenceQuerySet:
        """Return the evidence of every unit the user may see."""
        return self.filter(unit_id__in=visible_unit_ids(user))

    def verified(self) -> EvidenceQuerySet:
        return self.filter(status=Evidence.Status.VERIFIED)

    def pending_review(self) -> EvidenceQuerySet:
        return self.filter(status=Evidence.Status.SUBMITTED)

    def with_list_data(self) -> EvidenceQuerySet:
        """Join what a list row shows, so a page costs the same whatever its length."""
        return self.select_related("current_revision", "created_by").prefetch_related(
            "action_steps"
        )


class Evidence(TimeStampedModel):
    """One piece of evidence of a unit: a file (with revisions) or a link."""

    class Kind(models.TextChoices):
        FILE = "file", "Berkas"
        LINK = "link", "Tautan"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        SUBMITTED = "diajukan", "Diajukan"
        VERIFIED = "diverifikasi", "Diverifikasi"
        RETURNED = "dikembalikan", "Dikembalikan"

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="unit",
        on_delete=models.PROTECT,
        related_name="evidence",
    )
    title = models.CharField("judul", max_length=250)
    kind = models.CharField(
        "jenis", max_length=10, choices=Kind.choices, default=Kind.FILE
    )
    url = models.URLField("tautan", max_length=1000, blank=True)
    document_date = models.DateField("tanggal dokumen")
    description = models.TextField("keterangan", blank=True)
    status = models.CharField(
        "status",
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
    )
    current_revision = models.ForeignKey(
        "evidence.EvidenceRevision",
        verbose_name="revisi berlaku",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action_steps = models.ManyToManyField(
        "plans.ActionStep",
        verbose_name="langkah aksi yang didukung",
        blank=True,
        related_name="evidence",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diunggah oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A document SIZI generated (a recap, a matrix, a report) names its source,
    # so that a refresh becomes a new revision of the same item.
    source = models.CharField("sumber dokumen", max_length=120, blank=True)
    period = models.CharField("periode", max_length=80, blank=True)
    supported_questions = models.JSONField(
        "pertanyaan LKE yang didukung", default=list, blank=True
    )

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["-document_date", "-id"]
        indexes = [models.Index(fields=["unit", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "source"],
                condition=~models.Q(source=""),
                name="evidence_one_item_per_generated_source",
            )
        ]
        verbose_name = "bukti fisik"
        verbose_name_plural = "bukti fisik"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evidence:detail", args=[self.unit.code, self.pk])

    @property
    def is_file(self) -> bool:
        return self.kind == self.Kind.FILE

    @property
    def is_generated(self) -> bool:
        return bool(self.source)

    @property
    def badge_class(self) -> str:
        return STATUS_BADGES[self.status]


STATUS_BADGES: dict[str, str] = {
    Evidence.Status.DRAFT: "badge-muted",
    Evidence.Status.SUBMITTED: "badge-warn",
    Evidence.Status.VERIFIED: "badge-ok",
    Evidence.Status.RETURNED: "badge-danger",
}


class EvidenceRevision(models.Model):
    """One uploaded version of an evidence file, with its size and SHA-256."""

    evidence = models.ForeignKey(
        Evidence,
        verbose_name="bukti",
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    number = models.PositiveIntegerField("revisi ke")
    file = models.FileField("berkas", upload_to=revision_upload_to, max_length=500)
    original_name = models.CharField("nama berkas asli", max_length=255)
    size = models.PositiveBigIntegerField("ukuran (bita)")
    sha256 = models.CharField("SHA-256", max_length=64)
    content_type = models.CharField("jenis isi", max_length=120)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diunggah oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("diunggah pada", default=timezone.now)

    class Meta:
        ordering = ["evidence", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["evidence", "number"], name="unique_revision_number"
            )
        ]
        verbose_name = "revisi bukti"
        verbose_name_plural = "revisi bukti"

    def __str__(self) -> str:
        return f"{self.original_name} (revisi {self.number})"

    def get_absolute_url(self) -> str:
        return reverse(
            "evidence:download",
            args=[self.evidence.unit.code, self.evidence_id, self.number],
        )


class EvidenceStatusChange(models.Model):
    """One step of an evidence item's review history."""

    evidence = models.ForeignKey(
        Evidence,
        verbose_name="bukti",
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    from_status = models.CharField(
        "dari", max_length=20, choices=Evidence.Status.choices, blank=True
    )
    to_status = models.CharField(
        "menjadi", max_length=20, choices=Evidence.Status.choices
    )
    note = models.TextField("catatan", blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField("waktu", default=timezone.now)

    class Meta:
        ordering = ["evidence", "at", "id"]
        verbose_name = "riwayat status bukti"
        verbose_name_plural = "riwayat status bukti"

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"


class EvidenceRequestQuerySet(models.QuerySet["EvidenceRequest"]):
    def for_unit(self, unit: Unit) -> EvidenceRequestQuerySet:
        return self.filter(unit=unit)

    def open(self) -> EvidenceRequestQuerySet:
        return self.filter(status=EvidenceRequest.Status.OPEN)

    def overdue(self, today: date | None = None) -> EvidenceRequestQuerySet:
        """Return open requests whose due date has passed."""
        return self.open().filter(due_date__lt=today or timezone.localdate())

    def due_by(self, day: date) -> EvidenceRequestQuerySet:
        """Return open requests due on or before `day` (overdue included)."""
        return self.open().filter(due_date__lte=day)

    def for_user(self, user: User) -> EvidenceRequestQuerySet:
        return self.filter(requested_from=user)


class EvidenceRequest(TimeStampedModel):
    """A coordinator's request to a PIC for a specific piece of evidence."""

    class Status(models.TextChoices):
        OPEN = "open", "Terbuka"
        FULFILLED = "fulfilled", "Dipenuhi"
        CANCELLED = "cancelled", "Dibatalkan"

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="unit",
        on_delete=models.PROTECT,
        related_name="evidence_requests",
    )
    requested_from = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diminta dari",
        on_delete=models.PROTECT,
        related_name="evidence_requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diminta oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField("bukti yang diminta", max_length=250)
    description = models.TextField("keterangan", blank=True)
    due_date = models.DateField("batas waktu")
    step = models.ForeignKey(
        "plans.ActionStep",
        verbose_name="langkah aksi",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence_requests",
    )
    status = models.CharField(
        "status",
        max_length=20,
        choices=Status.choices,
        default=Status.OPEN,
        db_index=True,
    )
    fulfilled_by = models.ForeignKey(
        Evidence,
        verbose_name="dipenuhi dengan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fulfilled_requests",
    )
    closed_at = models.DateTimeField("ditutup pada", null=True, blank=True)
    last_reminded_on = models.DateField("terakhir diingatkan", null=True, blank=True)

    objects = EvidenceRequestQuerySet.as_manager()

    class Meta:
        ordering = ["status", "due_date", "id"]
        verbose_name = "permintaan bukti"
        verbose_name_plural = "permintaan bukti"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evidence:request_list", args=[self.unit.code])

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.OPEN and self.due_date < timezone.localdate()
