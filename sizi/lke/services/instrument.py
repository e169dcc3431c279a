"""Store an instrument file as rows, and get the spec back from a stored instrument."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from sizi.core import audit
from sizi.lke.instrument import (
    InstrumentError,
    InstrumentSpec,
    QuestionSpec,
    load_instrument,
    parse_instrument,
)
from sizi.lke.models import Instrument, InstrumentArea, Question, SubArea
from sizi.units.models import User

_SPECS: dict[str, InstrumentSpec] = {}


def spec_for(instrument: Instrument) -> InstrumentSpec:
    """Return the parsed spec of a stored instrument (cached by its source hash)."""
    spec = _SPECS.get(instrument.source_hash)
    if spec is None:
        data = yaml.safe_load(instrument.source_text)
        spec = parse_instrument(data, source=instrument.source_path or instrument.code)
        _SPECS[instrument.source_hash] = spec
    return spec


def option_rows(question: QuestionSpec) -> list[dict[str, str]]:
    """Return the options of a question as JSON-ready rows (best first)."""
    return [
        {"letter": o.letter, "text": o.text, "value": str(o.value)}
        for o in question.options
    ]


@transaction.atomic
def load_instrument_file(
    path: str | Path, *, by: User | None = None
) -> tuple[Instrument, bool]:
    """Store the instrument file at `path`; return (instrument, created).

    Loading the same file again changes nothing. A file with the code and
    version of a stored instrument but different content is refused: a changed
    instrument needs a new version number.
    """
    p = Path(path)
    try:
        raw = p.read_bytes()
        spec = load_instrument(p)
    except OSError as exc:
        raise ValidationError(
            f"{p}: berkas tidak dapat dibaca ({exc.strerror})."
        ) from exc
    except InstrumentError as exc:
        raise ValidationError(str(exc)) from exc
    digest = hashlib.sha256(raw).hexdigest()
    version = str(spec.version)
    existing = Instrument.objects.filter(code=spec.code, version=version).first()
    if existing is not None:
        if existing.source_hash != digest:
            raise ValidationError(
                f"Instrumen {spec.code} versi {version} sudah dimuat dengan isi berbeda. "
                "Naikkan nomor versi di berkas untuk memuat perubahan."
            )
        return existing, False
    instrument = Instrument(
        code=spec.code,
        version=version,
        name=spec.name,
        citation=spec.citation,
        effective_date=spec.effective_date,
        source_path=str(p.name),
        source_hash=digest,
        source_text=raw.decode("utf-8"),
    )
    instrument.full_clean()
    instrument.save()
    _store_rows(instrument, spec)
    audit.record(
        by,
        "lke.instrument_loaded",
        instrument,
        code=spec.code,
        version=version,
        sha256=digest,
        questions=len(spec.questions),
    )
    return instrument, True


def _store_rows(instrument: Instrument, spec: InstrumentSpec) -> None:
    order = 0
    questions: list[Question] = []
    for area_order, area in enumerate(spec.areas, start=1):
        area_row = InstrumentArea.objects.create(
            instrument=instrument,
            code=area.code,
            name=area.name,
            weight=area.weight,
            order=area_order,
        )
        for part in area.parts:
            for sub in part.sub_areas:
                order += 1
                sub_row = SubArea.objects.create(
                    area=area_row,
                    code=sub.code,
                    part=part.code,
                    name=sub.name,
                    weight=sub.weight,
                    order=order,
                )
                for q in sub.questions:
                    questions.append(
                        Question(
                            instrument=instrument,
                            sub_area=sub_row,
                            code=q.code,
                            text=q.text,
                            guidance=q.criteria,
                            answer_type=q.answer_type,
                            options=option_rows(q),
                            inputs=[
                                {"code": i.code, "label": i.label, "used": i.used}
                                for i in q.inputs
                            ],
                            group=q.group,
                            weight=q.weight if q.weight != Decimal(1) else None,
                            order=q.order,
                        )
                    )
    Question.objects.bulk_create(questions)
