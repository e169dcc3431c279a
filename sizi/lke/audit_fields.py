"""Audit field labels of LKE assessments (see `sizi.core.audit_display`).

A question is shown as its code with its text cut at a word; an answer as
printed in the workbook ("Ya", "B"); a numeric input by its label.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sizi.core.audit_display import register, register_model, shorten
from sizi.evidence.audit_fields import evidence_names
from sizi.lke.closing_models import PredicateRecord
from sizi.lke.instrument.display import display_value
from sizi.lke.models import Answer, Assessment, Layer, Predicate, Question, ResultInput
from sizi.plans.audit_fields import step_names
from sizi.plans.models import Indicator
from sizi.units.audit_fields import people

PERCENT_DONE = "isi"  # sizi.lke.services.answers.PERCENT_DONE


def question_names(codes: set[str]) -> Mapping[str, str]:
    """Return {code: "code text…"}, the text of the newest instrument version."""
    found: dict[str, str] = {}
    rows = (
        Question.objects.filter(code__in=codes)
        .order_by("code", "-instrument_id")
        .values_list("code", "text")
    )
    for code, text in rows:
        found.setdefault(code, f"{code} {shorten(text, 70)}")
    return found


def input_labels(codes: set[str]) -> Mapping[str, str]:
    """Return {input code: its label} for the numeric inputs of percentage items."""
    found: dict[str, str] = {}
    for inputs in Question.objects.exclude(inputs=[]).values_list("inputs", flat=True):
        for spec in inputs or []:
            code = str(spec.get("code", ""))
            if code in codes:
                found.setdefault(code, str(spec.get("label", code)))
    return found


def indicator_names(ids: set[str]) -> Mapping[str, str]:
    wanted = [int(i) for i in ids if i.isdigit()]
    found = Indicator.objects.filter(pk__in=wanted).only("text")
    return {str(i.pk): shorten(i.text, 70) for i in found}


def answer_value(value: Any) -> str:
    """An answer as the workbook prints it; a complete percentage item as such."""
    if value == PERCENT_DONE:
        return "isian lengkap"
    return display_value(str(value or "")) or "—"


register_model("lke.answer", Answer)
register_model("lke.results", ResultInput)
register_model("lke.assessment", Assessment)
register(
    labels={
        "lke:question": "pertanyaan",
        "lke:questions": "pertanyaan",
        "lke:layer": "lapisan",
        "lke:evidence": "bukti",
        "lke:indicator": "indikator",
        "lke:step": "langkah aksi",
        "lke:owner": "PIC",
        "lke:target_date": "target",
        "lke:predicate": "predikat",
        "lke:submission": "salinan pengajuan ke",
        "lke:reference": "nomor",
        "lke:decree_reference": "nomor SK",
        "lke:source": "sumber",
        "lke:met": "memenuhi syarat",
        "lke:recommendation": "rekomendasi",
        "lke:suggestions": "usulan",
        "lke:reason": "alasan",
        "lke.assessment_returned:items": "pertanyaan dengan catatan terbuka",
        "lke.instrument_loaded:questions": "jumlah pertanyaan",
        "lke.workbook_imported:changed": "jawaban diubah",
        "lke.answers_imported:changed": "jawaban diubah",
        "lke.answers_imported:filename": "berkas",
        "lke.answers_imported:results": "komponen hasil diubah",
        "lke.answers_imported:links": "tautan bukti baru",
        "lke.results:other": "komponen hasil lain",
    },
    values={
        "lke:layer": dict(Layer.choices),
        "lke.answers_adopted:source": dict(Layer.choices),
        "lke.predicate:source": dict(PredicateRecord.Source.choices),
        "lke:status": dict(Assessment.Status.choices),
        "lke:predicate": dict(Predicate.choices),
        "lke.answer:value": answer_value,
    },
    resolvers={
        "lke:question": question_names,
        "lke.links_confirmed:questions": question_names,
        "lke.assessment_returned:items": question_names,
        "lke:evidence": evidence_names,
        "lke:indicator": indicator_names,
        "lke:step": step_names,
        "lke:owner": people,
    },
    key_resolvers={"lke:inputs": input_labels},
    lists={"lke.assessment_returned:items", "lke.report_issued:evidence"},
    targets={"lke.answer": ("question", "layer"), "lke.resultinput": ("layer",)},
)
