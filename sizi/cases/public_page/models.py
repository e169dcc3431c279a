"""What a unit publishes on its public page, written or uploaded by its coordinator."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from sizi.core.models import TimeStampedModel
from sizi.units.models import Unit


def _upload_to(instance: PublicServiceInfo, filename: str) -> str:
    return f"cases/public/{instance.unit.code}/{filename}"


class PublicServiceInfo(TimeStampedModel):
    """The unit's maklumat pelayanan (service pledge) and standar pelayanan."""

    unit = models.OneToOneField(
        Unit,
        verbose_name="unit",
        on_delete=models.CASCADE,
        related_name="public_service_info",
    )
    pledge_text = models.TextField("maklumat pelayanan", blank=True, max_length=5000)
    pledge_file = models.FileField(
        "berkas maklumat pelayanan (PDF)", upload_to=_upload_to, blank=True
    )
    standard_text = models.TextField("standar pelayanan", blank=True, max_length=20000)
    standard_file = models.FileField(
        "berkas standar pelayanan (PDF)", upload_to=_upload_to, blank=True
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "informasi pelayanan publik"
        verbose_name_plural = "informasi pelayanan publik"

    def __str__(self) -> str:
        return f"Maklumat dan standar pelayanan {self.unit}"
