"""A logging filter that keeps WBS requests out of the logs.

Django's request and security loggers attach the request to a record (and
an error report could print its headers and body). For WBS paths this filter
drops the request, the arguments and the traceback, and leaves a plain line
saying that a WBS request failed with its status: enough to notice a fault,
nothing about who sent what. Installed on every handler in ``settings.LOGGING``.
"""

from __future__ import annotations

import logging
import re

WBS_PATH = re.compile(r"^/(publik/[^/]+/wbs/|u/[^/]+/wbs/)")


class RedactWbsRequests(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        path = str(getattr(request, "path", "") or "")
        if not path and record.args and isinstance(record.args, tuple):
            path = str(record.args[0]) if record.args else ""
        if not WBS_PATH.match(path):
            return True
        status = getattr(record, "status_code", "")
        record.request = None
        record.msg = f"Permintaan WBS gagal (status {status}); rincian disembunyikan."
        record.args = ()
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True
