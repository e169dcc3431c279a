"""Admin for system administrators: every user's API tokens, and revoking them.

Read-only like the other admin pages (writes go through ``api.services``): the
list shows owner, name, visible prefix and dates, never the secret nor its
digest; the action "Cabut token terpilih" revokes through the service, which
audits each token revoked.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from sizi.api import services
from sizi.api.models import ApiToken
from sizi.core.admin import ReadOnlyAdmin
from sizi.units.models import User


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = [
        "name",
        "user",
        "prefix",
        "created_at",
        "last_used_at",
        "expires_on",
        "revoked_at",
    ]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "user__username", "user__full_name"]
    list_select_related = ["user"]
    # The digest is not the secret, but nobody needs to see it either.
    fields = [
        "user",
        "name",
        "prefix",
        "created_at",
        "last_used_at",
        "expires_on",
        "revoked_at",
    ]
    actions = ["revoke"]

    @admin.action(description="Cabut token terpilih")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        by = request.user
        assert isinstance(by, User)  # noqa: S101 (the admin lets only staff in)
        tokens = list(queryset.filter(revoked_at__isnull=True).select_related("user"))
        for token in tokens:
            services.revoke_token(token, by=by)
        self.message_user(
            request, f"{len(tokens)} token API dicabut.", messages.SUCCESS
        )
