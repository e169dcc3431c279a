"""Move an assessment in and out of the official LKE workbook (`sizi.lke.workbook`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction

from sizi.core import audit
from sizi.lke.instrument import InstrumentSpec
from sizi.lke.models import Answer, Assessment, Layer, Question, ResultInput
from sizi.lke.scoring.results import to_decimal
from sizi.lke.services import answers, scores
from sizi.lke.services.instrument import spec_for
from sizi.lke.workbook import (
    EvidenceRef,
    WorkbookImport,
    export_workbook,
    import_workbook,
)
from sizi.units.models import User


def export_assessment(assessment: Assessment, layer: str | None = None) -> bytes:
    """Return the .xlsx of an assessment in the layer given (default: the highest present)."""
    answers = list(
        Answer.objects.filter(assessment=assessment).prefetch_related("evidence")
    )
    results = list(ResultInput.objects.filter(assessment=assessment))
    codes = scores.question_codes(assessment)
    present = scores.layers_present(answers, results) or [Layer.SELF.value]
    layer = layer or present[-1]
    mapped, hasil = scores.inputs_for_layer(layer, answers, results, codes)
    order = Layer.ordered()
    limit = order.index(Layer(layer))
    notes: dict[str, str] = {}
    evidence: dict[str, list[EvidenceRef]] = {}
    for answer in sorted(answers, key=lambda a: order.index(Layer(a.layer))):
        if order.index(Layer(answer.layer)) > limit:
            continue
        code = codes[answer.question_id]
        if answer.note:
            notes[code] = answer.note
        items = [EvidenceRef(e.title, _evidence_link(e)) for e in answer.evidence.all()]
        if items:
            evidence[code] = items
    return export_workbook(
        spec_for(assessment.instrument),
        mapped,
        hasil,
        notes=notes,
        evidence=evidence,
        unit_name=assessment.unit.name,
        year=assessment.year,
        layer_label=Layer(layer).label,
    )


def _evidence_link(evidence: Any) -> str:
    """Return a link item's URL, or the SIZI page of a file (opened after sign-in)."""
    if evidence.url:
        return str(evidence.url)
    return f"{settings.SITE_URL.rstrip('/')}{evidence.get_absolute_url()}"


@dataclass
class ImportReport:
    """What an import did (or would do, in a preview)."""

    errors: list[str] = field(default_factory=list)
    changes: list[tuple[str, str, str]] = field(
        default_factory=list
    )  # code, before, after
    unchanged: int = 0
    missing: list[str] = field(default_factory=list)
    hasil_changed: bool = False
    hasil_changes: list[tuple[str, str, str]] = field(
        default_factory=list
    )  # Hasil item code (H1.a), before, after

    @property
    def ok(self) -> bool:
        return not self.errors


class _Preview(Exception):
    pass


def _answer_text(answer: Answer | None) -> str:
    if answer is None or (not answer.value and not answer.inputs):
        return ""
    if answer.inputs:
        return ", ".join(f"{k}={v}" for k, v in sorted(answer.inputs.items()))
    return answer.value


def import_assessment(
    assessment: Assessment,
    data: bytes,
    *,
    layer: str,
    by: User | None,
    dry_run: bool = False,
) -> ImportReport:
    """Write a filled workbook's answers into `layer`; nothing is written on any error."""
    report = ImportReport()
    spec = spec_for(assessment.instrument)
    parsed = import_workbook(data, spec)
    report.missing = list(parsed.missing)
    errors = [(e.cell, e.code, e.message) for e in parsed.errors]
    errors += _hasil_precision_errors(spec, parsed)
    if errors:
        report.errors = [
            f"{cell or '-'}{' (' + code + ')' if code else ''}: {message}"
            for cell, code, message in errors
        ]
        return report
    try:
        with transaction.atomic():
            _write(assessment, parsed, layer, by, report)
            if dry_run:
                raise _Preview
    except _Preview:
        pass
    except ValidationError as exc:
        report.errors = list(exc.messages)
        report.changes = []
        report.hasil_changes = []
    return report


def _decimal_places(field_name: str) -> int:
    """Return how many decimals a Hasil number field of ResultInput stores."""
    field = ResultInput._meta.get_field(field_name)
    assert isinstance(field, models.DecimalField)  # noqa: S101 - both are DecimalFields
    return int(field.decimal_places)


def _hasil_precision_errors(
    spec: InstrumentSpec, parsed: WorkbookImport
) -> list[tuple[str, str, str]]:
    """Name the cell of an IPAK/IPKP with more decimals than SIZI stores."""
    errors = []
    for item in spec.hasil_items:
        value = parsed.hasil.get(item.key)
        if item.key not in {"ipak", "ipkp"} or not isinstance(value, Decimal):
            continue
        places = _decimal_places(item.key)
        if value != value.quantize(Decimal(1).scaleb(-places)):
            errors.append(
                (
                    parsed.cells.get(item.code, ""),
                    item.code,
                    f"{item.name}: nilai '{value}' paling banyak {places} angka "
                    "di belakang koma.",
                )
            )
    return errors


def _write(
    assessment: Assessment,
    parsed: Any,
    layer: str,
    by: User | None,
    report: ImportReport,
) -> None:
    questions = {
        q.code: q for q in Question.objects.filter(instrument=assessment.instrument)
    }
    stored = {
        a.question_id: a
        for a in Answer.objects.filter(assessment=assessment, layer=layer)
    }
    for code, given in parsed.answers.items():
        question = questions.get(code)
        if question is None:
            continue
        current = stored.get(question.pk)
        note = parsed.notes.get(code, current.note if current else "")
        inputs = {k: str(v) for k, v in (given.inputs or {}).items()}
        clean = answers.clean_answer(question, given.value or "", inputs)
        same = current is not None and (
            current.value,
            current.inputs,
            current.note,
        ) == (clean.value, clean.inputs, note.strip())
        if same:
            report.unchanged += 1
            continue
        before = _answer_text(current)
        saved = answers.answer_question(
            assessment,
            question,
            layer,
            value=given.value or "",
            inputs=inputs,
            note=note,
            expected_version=current.version if current else 0,
            by=by,
            refresh_scores=False,
        )
        report.changes.append((code, before, _answer_text(saved)))
    if report.changes:
        scores.refresh_layer_scores(assessment)
    _write_hasil(assessment, parsed.hasil, layer, by, report)
    audit.record(
        by,
        "lke.workbook_imported",
        assessment,
        unit=assessment.unit,
        layer=layer,
        changed=len(report.changes),
    )


def _write_hasil(
    assessment: Assessment,
    hasil: dict[str, Any],
    layer: str,
    by: User | None,
    report: ImportReport,
) -> None:
    if not hasil:
        return
    row = ResultInput.objects.filter(assessment=assessment, layer=layer).first()
    ipak = hasil.get("ipak", row.ipak if row else None)
    ipkp = hasil.get("ipkp", row.ipkp if row else None)
    performance = hasil.get("capaian_kinerja", row.performance if row else "") or ""
    new = (to_decimal(ipak), to_decimal(ipkp), str(performance).upper())
    known = {"ipak", "ipkp", "capaian_kinerja"}
    other = {k: str(v) for k, v in hasil.items() if k not in known and v is not None}
    if row is not None and (row.ipak, row.ipkp, row.performance, row.other) == (
        *new,
        other,
    ):
        return
    before: dict[str, Any] = {
        "ipak": row.ipak if row else None,
        "ipkp": row.ipkp if row else None,
        "capaian_kinerja": row.performance if row else "",
        **(row.other if row else {}),
    }
    after: dict[str, Any] = {
        "ipak": new[0],
        "ipkp": new[1],
        "capaian_kinerja": new[2],
        **other,
    }
    for item in spec_for(assessment.instrument).hasil_items:
        old, now = before.get(item.key), after.get(item.key)
        if not _same_hasil(old, now):
            report.hasil_changes.append((item.code, _hasil_text(old), _hasil_text(now)))
    answers.save_result_inputs(
        assessment,
        layer,
        ipak=new[0],
        ipak_source=row.ipak_source if row else "Impor workbook LKE",
        ipkp=new[1],
        ipkp_source=row.ipkp_source if row else "Impor workbook LKE",
        performance=new[2],
        performance_note=row.performance_note if row else "",
        other=other,
        expected_version=row.version if row else 0,
        by=by,
    )
    report.hasil_changed = True


def _hasil_text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _same_hasil(a: Any, b: Any) -> bool:
    """Compare two Hasil inputs: numbers by value (3.6 = 3.60), letters ignoring case."""
    x, y = _hasil_text(a), _hasil_text(b)
    number_x, number_y = to_decimal(x), to_decimal(y)
    if number_x is not None and number_y is not None:
        return number_x == number_y
    return x.upper() == y.upper()
