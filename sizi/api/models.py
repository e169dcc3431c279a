"""Per-user API tokens: only a SHA-256 of the secret and a short visible prefix."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self, on: date | None = None) -> ApiTokenQuerySet:
        """Tokens neither revoked nor past their expiry date (Asia/Jakarta)."""
        on = on or timezone.localdate()
        return self.filter(revoked_at__isnull=True).exclude(expires_on__lt=on)


class ApiToken(models.Model):
    """A bearer token a user created for an integrating system.

    The secret itself is never stored: ``digest`` is the SHA-256 of the whole
    token, ``prefix`` its first characters so the owner recognises it in lists.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pemilik",
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField("nama", max_length=100)
    prefix = models.CharField("awalan", max_length=16)
    digest = models.CharField("SHA-256", max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("dibuat", auto_now_add=True)
    last_used_at = models.DateTimeField("terakhir dipakai", null=True, blank=True)
    expires_on = models.DateField("berlaku sampai", null=True, blank=True)
    revoked_at = models.DateTimeField("dicabut", null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "token API"
        verbose_name_plural = "token API"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_on is not None and self.expires_on < timezone.localdate()

    @property
    def is_usable(self) -> bool:
        return not self.is_revoked and not self.is_expired
