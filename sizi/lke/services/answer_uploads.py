"""Upload a new evidence item from an LKE question and attach it to the answer.

The file goes through the evidence library's own upload service (checks,
hashing, audit); the link is then set like any other (audited as
``lke.answer_evidence_set``), so the item is in the library and on the answer.
"""

from __future__ import annotations

from django.db import transaction

from sizi.evidence import services as evidence_services
from sizi.evidence.models import Evidence
from sizi.lke.models import Answer, Assessment, Question
from sizi.lke.services.answers import set_answer_evidence
from sizi.lke.services.workflow import lock_assessment, require_open
from sizi.units.models import User


@transaction.atomic
def upload_answer_evidence(
    assessment: Assessment,
    question: Question,
    layer: str,
    incoming: evidence_services.IncomingFile,
    data: evidence_services.EvidenceData,
    *,
    by: User,
    submit: bool,
) -> Evidence:
    """Store `incoming` as a new evidence item of the unit and attach it to the
    layer's answer beside the items already attached; return the new item."""
    lock_assessment(assessment)
    require_open(assessment, layer)
    [evidence] = evidence_services.upload_evidence(
        assessment.unit, [incoming], data, by=by, submit=submit
    )
    linked = list(
        Answer.objects.filter(
            assessment=assessment, question=question, layer=layer
        ).values_list("evidence", flat=True)
    )
    ids = [pk for pk in linked if pk is not None] + [evidence.pk]
    set_answer_evidence(assessment, question, layer, ids, by=by)
    return evidence
