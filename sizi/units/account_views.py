"""Django's password views with one addition: the change is audited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.db import transaction
from django.http import HttpResponse

from sizi.units import services


class PasswordChangeView(auth_views.PasswordChangeView):
    def form_valid(self, form: Any) -> HttpResponse:
        with transaction.atomic():
            response = super().form_valid(form)
            services.record_password_set(
                form.user, action="auth.password_changed", by=form.user
            )
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form: Any) -> HttpResponse:
        with transaction.atomic():
            response = super().form_valid(form)
            services.record_password_set(
                form.user, action="auth.password_reset", by=form.user
            )
        return response
