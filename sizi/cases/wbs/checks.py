"""System check: warn when the WBS has no master key outside development."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Warning, register

from sizi.cases.wbs.keyring import WbsUnavailable, master_key


@register("security", deploy=False)
def wbs_key_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """cases.W001: without a key the WBS refuses reports (DEBUG off)."""
    if settings.DEBUG and not getattr(settings, "WBS_ENCRYPTION_KEY", ""):
        return []
    try:
        master_key()
    except WbsUnavailable as exc:
        return [
            Warning(
                f"Saluran WBS tidak aktif: {exc}",
                hint=(
                    "Set WBS_ENCRYPTION_KEY_FILE to a file holding a 32-byte URL-safe "
                    "base64 key (`make run` writes var/wbs_key), or WBS_ENCRYPTION_KEY."
                ),
                id="cases.W001",
            )
        ]
    return []
