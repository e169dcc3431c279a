"""Models of the public channels.

The WBS models live in ``sizi/cases/wbs/models.py`` (their own confidentiality
boundary) and are imported here so that Django registers them in this app.
"""

from __future__ import annotations

# --- Pengaduan masyarakat and PPID ---------------------------------------------
from sizi.cases.complaints.models import (  # noqa: F401
    CaseCounter,
    ChannelOfficer,
    ChannelReminder,
    ChannelSettings,
    Complaint,
    ComplaintAttachment,
    ComplaintEvent,
    ComplaintReporter,
)
from sizi.cases.ppid.models import (  # noqa: F401
    InformationRequest,
    Objection,
    PublicInformation,
    Requester,
    RequestEvent,
)

# --- The unit's public page ----------------------------------------------------
from sizi.cases.public_page.models import PublicServiceInfo  # noqa: E402, F401

# --- Whistleblowing system (WBS) ---------------------------------------------
from sizi.cases.wbs.models import (  # noqa: F401
    IdentityRequest,
    WbsAttachment,
    WbsChannel,
    WbsMessage,
    WbsOfficer,
    WhistleblowReport,
)
