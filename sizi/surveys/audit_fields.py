"""Audit field labels of the surveys (see `sizi.core.audit_display`)."""

from __future__ import annotations

from sizi.core.audit_display import register, register_model
from sizi.plans.audit_fields import step_names
from sizi.surveys.models import (
    FollowUp,
    Response,
    ServiceType,
    SurveyPeriod,
    UnitQuestion,
)

register_model("surveys.period", SurveyPeriod)
register_model("surveys.service_type", ServiceType)
register_model("surveys.unit_question", UnitQuestion)
register_model("surveys.response", Response)
register_model("surveys.follow_up", FollowUp)
register(
    labels={
        "surveys:instrument": "instrumen",
        "surveys:service_types": "jenis layanan",
        "surveys:file": "berkas",
        "surveys:rows": "jumlah baris",
        "surveys.responses_imported:rows": "jawaban diimpor",
        "surveys.follow_up:step": "langkah aksi",
        "surveys.follow_up:question": "pertanyaan",
    },
    values={"surveys:status": dict(SurveyPeriod.Status.choices)},
    resolvers={"surveys.follow_up:step": step_names},
    lists={"surveys:service_types"},
)
