"""Move an assessment in and out of the official LKE workbook (`sizi.lke.workbook`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models, transaction
from django.utils import timezone

from sizi.core import audit
from sizi.evidence import services as evidence_services
from sizi.evidence.models import Evidence
from sizi.lke.instrument import InstrumentSpec
from sizi.lke.instrument.display import display_value
from sizi.lke.models import Answer, Assessment, Layer, Question, ResultInput
from sizi.lke.scoring import score
from sizi.lke.scoring.results import to_decimal
from sizi.lke.services import answers, scores
from sizi.lke.services.instrument import spec_for
from sizi.lke.workbook import (
    AnswerColumn,
    EvidenceRef,
    LayerBook,
    WorkbookImport,
    export_official,
    export_workbook,
    import_workbook,
)
from sizi.lke.workbook.matching import norm
from sizi.lke.workbook.reconcile import Reconciliation, reconcile
from sizi.units.models import Unit, User


def export_assessment(
    assessment: Assessment,
    layer: str | None = None,
    *,
    layout: str = "sizi",
    layers: list[str] | None = None,
) -> bytes:
    """Return the .xlsx of an assessment.

    ``layout="sizi"``: SIZI's own layout (Kode column; round trips exactly), in
    the layer given (default: the highest present). ``layout="official"``: the
    Lampiran III layout; with ``layers`` (or several layers present and no
    ``layer``) the multi-layer working file, one answer column per layer.
    """
    answers = list(
        Answer.objects.filter(assessment=assessment).prefetch_related("evidence")
    )
    results = list(ResultInput.objects.filter(assessment=assessment))
    codes = scores.question_codes(assessment)
    present = scores.layers_present(answers, results) or [Layer.SELF.value]
    spec = spec_for(assessment.instrument)
    if layout == "official":
        chosen = layers or [layer or present[-1]]
        books = [
            _layer_book(name, answers, results, codes, own=layers is not None)
            for name in chosen
        ]
        return export_official(
            spec,
            books,
            unit_name=assessment.unit.name,
            year=assessment.year,
            multi=layers is not None,
        )
    layer = layer or present[-1]
    book = _layer_book(layer, answers, results, codes, own=False)
    return export_workbook(
        spec,
        book.answers,
        book.hasil,
        notes=book.notes,
        evidence=book.evidence,
        unit_name=assessment.unit.name,
        year=assessment.year,
        layer_label=Layer(layer).label,
    )


def _layer_book(
    layer: str,
    answers: list[Answer],
    results: list[ResultInput],
    codes: dict[int, str],
    *,
    own: bool,
) -> LayerBook:
    """One layer's answers: its own (``own``) or with the lower layers' fallback."""
    order = Layer.ordered()
    limit = order.index(Layer(layer))
    if own:
        answers = [a for a in answers if a.layer == layer]
        results = [r for r in results if r.layer == layer]
    mapped, hasil = scores.inputs_for_layer(layer, answers, results, codes)
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
    return LayerBook(layer, mapped, hasil, notes, evidence)


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
    warnings: list[str] = field(default_factory=list)  # rows skipped, slips
    layout: str = "sizi"  # "sizi" or "official"
    columns: list[AnswerColumn] = field(default_factory=list)  # official answer columns
    layer: str = ""
    reconciliation: Reconciliation | None = None
    stamp_unit: str = ""
    stamp_year: int | None = None
    mismatch: list[str] = field(default_factory=list)  # stamped unit/year differ
    confirm_needed: bool = False  # a mismatch not confirmed (--force): nothing written
    links_new: int = 0  # evidence links registered (or to register, in a preview)
    links_reused: int = 0  # links already in the unit's evidence library
    created: bool = False  # the assessment was created by this import
    texts: dict[str, str] = field(default_factory=dict)  # changed code: question text

    @property
    def ok(self) -> bool:
        return not self.errors and not self.confirm_needed


class _Preview(Exception):
    pass


def _answer_text(answer: Answer | None, question: Question) -> str:
    """An answer as a person reads it: "Ya", "B", "Jumlah agen perubahan: 8; …"."""
    if answer is None or (not answer.value and not answer.inputs):
        return ""
    if answer.inputs:
        labels = {str(i["code"]): str(i["label"]) for i in question.inputs or []}
        order = list(labels)
        keys = sorted(
            answer.inputs,
            key=lambda k: (k not in labels, order.index(k) if k in labels else 0, k),
        )
        return "; ".join(f"{labels.get(k, k)}: {answer.inputs[k]}" for k in keys)
    return display_value(answer.value)


def _cell_text(cell: str, code: str, message: str) -> str:
    return f"{cell or '-'}{' (' + code + ')' if code else ''}: {message}"


def _same_unit(stamped: str, unit: Unit) -> bool:
    given = norm(stamped)
    names = {norm(unit.name), norm(unit.code)}
    return any(
        given == n or (given and n and (given in n or n in given)) for n in names
    )


def stamp_mismatch(parsed: WorkbookImport, unit: Unit, year: int) -> list[str]:
    """Say where the unit or year stamped in the workbook differs from the target."""
    found = []
    if parsed.stamp_year is not None and parsed.stamp_year != year:
        found.append(
            f"Tahun di lembar kerja {parsed.stamp_year}, sedangkan tujuan impor tahun {year}."
        )
    if parsed.stamp_unit and not _same_unit(parsed.stamp_unit, unit):
        found.append(
            f"Unit kerja di lembar kerja '{parsed.stamp_unit}', sedangkan tujuan impor "
            f"'{unit.name}'."
        )
    return found


def import_assessment(
    assessment: Assessment,
    data: bytes,
    *,
    layer: str,
    by: User | None,
    dry_run: bool = False,
    force: bool = False,
) -> ImportReport:
    """Write a filled workbook's answers into `layer`; nothing is written on any error.

    A workbook whose stamped unit or year differs from the assessment's is
    written only with ``force`` (the page's confirmation, the CLI's --force).
    """
    report = ImportReport(layer=layer)
    spec = spec_for(assessment.instrument)
    parsed = import_workbook(data, spec, layer=layer)
    report.missing = list(parsed.missing)
    report.layout, report.columns = parsed.layout, list(parsed.columns)
    report.warnings = [_cell_text(w.cell, w.code, w.message) for w in parsed.warnings]
    report.stamp_unit, report.stamp_year = parsed.stamp_unit, parsed.stamp_year
    errors = [(e.cell, e.code, e.message) for e in parsed.errors]
    errors += _hasil_precision_errors(spec, parsed)
    if errors:
        report.errors = [_cell_text(*e) for e in errors]
        return report
    if parsed.saved:
        report.reconciliation = _reconcile(spec, data, parsed)
    report.mismatch = stamp_mismatch(parsed, assessment.unit, assessment.year)
    report.confirm_needed = bool(report.mismatch) and not force
    if report.confirm_needed and not dry_run:
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


def _reconcile(
    spec: InstrumentSpec, data: bytes, parsed: WorkbookImport
) -> Reconciliation:
    """Score what the file says for its saved totals: in a multi-layer file the
    chosen column falls back to the columns before it, as its formulas do."""
    answers_in: dict[str, Any] = {}
    hasil: dict[str, Any] = {}
    for column in parsed.columns:
        if column.chosen:
            break
        lower = import_workbook(data, spec, layer=column.layer)
        answers_in.update(lower.answers)
        hasil.update({k: v for k, v in lower.hasil.items() if v is not None})
    answers_in.update(parsed.answers)
    hasil.update({k: v for k, v in parsed.hasil.items() if v is not None})
    return reconcile(spec, parsed, score(spec, answers_in, hasil))


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
    """Write the answers; the whole import is ONE audit entry with a drill-down.

    Nothing is recorded when the file changes nothing (an identical file).
    """
    with audit.batch(
        by, "lke.answers_imported", assessment, unit=assessment.unit, layer=layer
    ) as entry:
        _write_answers(assessment, parsed, layer, by, report)
        entry.extra["changed"] = len(report.changes)


def _write_answers(
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
        before = _answer_text(current, question)
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
        report.changes.append((code, before, _answer_text(saved, question)))
        report.texts[code] = question.text
    if report.changes:
        scores.refresh_layer_scores(assessment)
    _write_hasil(assessment, parsed.hasil, layer, by, report)
    link_evidence(assessment, parsed.links, layer, by, report, questions)


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
            report.texts[item.code] = item.name
    answers.save_result_inputs(
        assessment,
        layer,
        ipak=new[0],
        ipak_source=row.ipak_source if row else "Impor lembar kerja LKE",
        ipkp=new[1],
        ipkp_source=row.ipkp_source if row else "Impor lembar kerja LKE",
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


def _link_title(code: str, url: str, year: int) -> str:
    host = url.split("//", 1)[-1].split("/", 1)[0]
    return f"Bukti {code} (lembar kerja LKE {year}, {host})"[:250]


def link_evidence(
    assessment: Assessment,
    links: dict[str, list[str]],
    layer: str,
    by: User | None,
    report: ImportReport,
    questions: dict[str, Question],
) -> None:
    """Register the workbook's evidence links and attach them to their answers.

    A URL already in the unit's evidence library is reused (one item per URL);
    a link that is not a valid URL is reported and skipped.
    """
    if not links:
        return
    if by is None:
        report.warnings.append(
            "Tautan bukti tidak didaftarkan: impor tanpa pengguna pelaku "
            "(gunakan --as-user)."
        )
        return
    library = _LinkLibrary(assessment, by, report)
    for code, urls in links.items():
        question = questions.get(code)
        if question is None:
            continue
        items = [pk for url in urls if (pk := library.item(code, url)) is not None]
        if not items:
            continue
        answer = Answer.objects.filter(
            assessment=assessment, question=question, layer=layer
        ).first()
        current = list(answer.evidence.values_list("pk", flat=True)) if answer else []
        wanted = sorted(set(current) | set(items))
        if wanted != sorted(current):
            answers.set_answer_evidence(assessment, question, layer, wanted, by=by)


class _LinkLibrary:
    """The unit's link evidence by URL; a URL not there yet is registered once."""

    def __init__(self, assessment: Assessment, by: User, report: ImportReport) -> None:
        self.assessment, self.by, self.report = assessment, by, report
        self.known = {
            e.url: e
            for e in Evidence.objects.filter(
                unit=assessment.unit, kind=Evidence.Kind.LINK
            )
        }
        self.valid = URLValidator()
        self.when = min(timezone.localdate(), date(assessment.year, 12, 31))

    def item(self, code: str, url: str) -> int | None:
        """Return the evidence id of `url`, registering it if new; None if not a URL."""
        try:
            self.valid(url)
        except ValidationError:
            self.report.warnings.append(
                f"{code}: tautan '{url[:80]}' tidak sah; dilewati."
            )
            return None
        if url in self.known:
            self.report.links_reused += 1
        else:
            self.report.links_new += 1
            self.known[url] = evidence_services.register_link(
                self.assessment.unit,
                url,
                evidence_services.EvidenceData(
                    title=_link_title(code, url, self.assessment.year),
                    document_date=self.when,
                    description="Didaftarkan dari tautan bukti dukung lembar kerja LKE.",
                ),
                by=self.by,
            )
        return int(self.known[url].pk)


class _Rollback(Exception):
    def __init__(self, report: ImportReport) -> None:
        self.report = report


def import_into(
    unit: Unit,
    year: int,
    data: bytes,
    *,
    layer: str,
    by: User | None,
    dry_run: bool = False,
    force: bool = False,
) -> ImportReport:
    """Import into the unit's assessment of `year`, creating it when there is none.

    The creation belongs to the import: a preview or a refused import leaves
    no assessment behind.
    """
    try:
        with transaction.atomic():
            assessment = Assessment.objects.filter(unit=unit, year=year).first()
            created = assessment is None
            if assessment is None:
                assessment = answers.start_assessment(unit=unit, year=year, by=by)
            report = import_assessment(
                assessment, data, layer=layer, by=by, dry_run=dry_run, force=force
            )
            report.created = created
            if dry_run or not report.ok:
                raise _Rollback(report)
    except _Rollback as stop:
        return stop.report
    return report


def report_data(report: ImportReport) -> dict[str, Any]:
    """The preview as plain data (JSON) for a background job's result page."""
    rec = report.reconciliation
    return {
        "ok": report.ok,
        "errors": report.errors,
        "warnings": report.warnings,
        "changes": report.changes,
        "texts": report.texts,
        "unchanged": report.unchanged,
        "hasil_changes": report.hasil_changes,
        "missing": report.missing,
        "layout": report.layout,
        "layer": report.layer,
        "columns": [
            {
                "label": c.label,
                "column": c.column,
                "chosen": c.chosen,
                "layer_name": c.layer_name,
            }
            for c in report.columns
        ],
        "reconciliation": None
        if rec is None
        else {
            "has_saved": rec.has_saved,
            "totals": [
                {
                    "label": t.label,
                    "saved": None if t.saved is None else str(t.saved),
                    "sizi": str(t.sizi),
                    "differs": t.differs,
                }
                for t in rec.totals
            ],
            "differences": [{"message": d.message} for d in rec.differences],
        },
        "mismatch": report.mismatch,
        "confirm_needed": report.confirm_needed,
        "links_new": report.links_new,
        "links_reused": report.links_reused,
        "created": report.created,
    }
