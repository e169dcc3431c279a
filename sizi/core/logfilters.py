"""Logging filters of the project (installed through ``settings.LOGGING``)."""

from __future__ import annotations

import logging


class QuietRefusals(logging.Filter):
    """Keep the tracebacks of refused requests (4xx) out of ``django.request``.

    Django logs a ``PermissionDenied`` with its traceback ("Forbidden (Permission
    denied)"). A refusal is SIZI working as meant, not a fault: the one-line
    warning with the path and status stays, the traceback goes. Server errors
    (5xx) keep theirs.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True
