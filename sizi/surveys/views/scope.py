"""What every signed-in survey page shares: the unit, the rights, the period."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.forms import Form

from sizi.surveys.models import SurveyPeriod
from sizi.surveys.permissions import rights_for
from sizi.units.permissions import UnitAccess


def context(
    access: UnitAccess, period: SurveyPeriod | None = None, **extra: Any
) -> dict[str, Any]:
    """Return the base template context: access, unit, rights (and the period)."""
    return {
        "access": access,
        "unit": access.unit,
        "period": period,
        "rights": rights_for(access, period),
        **extra,
    }


def message_of(error: ValidationError) -> str:
    """Return a service's refusal as one Indonesian sentence for a flash message."""
    return " ".join(error.messages)


def add_errors(form: Form, error: ValidationError) -> None:
    """Put a service's refusal on the form (field errors stay on their fields)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
