"""Audit field labels of the API's tokens (see `sizi.core.audit_display`)."""

from __future__ import annotations

from sizi.core.audit_display import register

register(
    labels={
        "api.token_created:owner": "pemilik token",
        "api.token_revoked:owner": "pemilik token",
    }
)
