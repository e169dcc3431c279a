"""Store instrument files as `SurveyInstrument` rows; read the definition back."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from sizi.core import audit
from sizi.surveys.instruments.definition import (
    Instrument,
    InstrumentError,
    parse_instrument,
)
from sizi.surveys.models import SurveyInstrument
from sizi.units.models import User

DATA_DIR = Path(__file__).resolve().parent / "data"

_PARSED: dict[str, Instrument] = {}


def _jsonable(data: Any) -> Any:
    """Return YAML data with dates as ISO text and mapping keys as text (for JSON)."""
    if isinstance(data, dict):
        return {str(k): _jsonable(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_jsonable(v) for v in data]
    if hasattr(data, "isoformat"):
        return data.isoformat()
    return data


def definition_of(instrument: SurveyInstrument) -> Instrument:
    """Return the parsed definition of a stored instrument (cached by content hash)."""
    parsed = _PARSED.get(instrument.content_hash)
    if parsed is None:
        parsed = parse_instrument(_with_int_keys(instrument.data))
        _PARSED[instrument.content_hash] = parsed
    return parsed


def _with_int_keys(data: dict[str, Any]) -> dict[str, Any]:
    """Undo JSON's text keys of the option maps ({"1": "Tidak sesuai"} → {1: …})."""
    copy = dict(data)
    copy["questions"] = [
        {**q, "options": {int(k): v for k, v in q["options"].items()}}
        | (
            {"option_aliases": {int(k): v for k, v in q["option_aliases"].items()}}
            if q.get("option_aliases")
            else {}
        )
        for q in data["questions"]
    ]
    return copy


@transaction.atomic
def load_instrument_file(
    path: str | Path, *, by: User | None = None
) -> tuple[SurveyInstrument, bool]:
    """Store the instrument file at `path`; return (row, created).

    A version already loaded with the same content is left alone; the same
    version with different content is refused (a changed instrument is a new
    version, so that stored results keep their meaning).
    """
    raw = Path(path).read_bytes()
    content_hash = hashlib.sha256(raw).hexdigest()
    data = yaml.safe_load(raw)
    definition = parse_instrument(data)
    existing = SurveyInstrument.objects.filter(
        code=definition.code, version=definition.version
    ).first()
    if existing is not None:
        if existing.content_hash != content_hash:
            raise InstrumentError(
                f"{Path(path).name}: versi {definition.version} sudah dimuat dengan isi "
                "berbeda; naikkan nomor versi."
            )
        return existing, False
    row = SurveyInstrument(
        code=definition.code,
        version=definition.version,
        title=definition.title,
        source=definition.source,
        effective_from=definition.effective_from,
        data=_jsonable(data),
        content_hash=content_hash,
    )
    row.full_clean()
    row.save()
    audit.record(
        by,
        "surveys.instrument_loaded",
        row,
        code=row.code,
        version=row.version,
        file=Path(path).name,
    )
    return row, True


def load_all(directory: Path = DATA_DIR, *, by: User | None = None) -> list[str]:
    """Load every `*.yaml` of `directory`; return one line per file for the log."""
    lines = []
    for path in sorted(directory.glob("*.yaml")):
        row, created = load_instrument_file(path, by=by)
        state = "dimuat" if created else "sudah ada"
        lines.append(f"{path.name}: {row} ({state})")
    return lines


def ensure_instruments() -> None:
    """Load the shipped instruments unless every code already has a version."""
    codes = set(SurveyInstrument.objects.values_list("code", flat=True))
    if not {"skm", "ipak", "ipkp"} <= codes:
        load_all()
