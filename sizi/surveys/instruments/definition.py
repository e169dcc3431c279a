"""The shape of a survey instrument, read from its YAML file (pure, Django-free).

A file holds the questions of the index (the 9 SKM unsur, the 5 IPAK aspects,
the 8 IPKP variables) with their answer labels per scale value, the demographic
fields with their choice codes, the index rule (scale, ×25 display, grade bands,
LKE conversion) and the minimums. `parse_instrument` checks the whole file and
names the first thing wrong; the rest of SIZI only sees these frozen objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

CODES = ("skm", "ipak", "ipkp")
DEMOGRAPHIC_FIELDS = ("gender", "age_group", "education", "occupation")


class InstrumentError(ValueError):
    """The instrument file is not well formed; the message says where."""


def normalise_label(text: str) -> str:
    """Return a label folded for matching: lower case, single spaces, no end dot."""
    return " ".join(str(text).replace("\u00a0", " ").split()).strip(" .:").casefold()


@dataclass(frozen=True)
class Option:
    value: int
    label: str
    aliases: tuple[str, ...] = ()

    def matches(self, text: str) -> bool:
        wanted = normalise_label(text)
        return wanted in {normalise_label(x) for x in (self.label, *self.aliases)}


@dataclass(frozen=True)
class Question:
    """One index question: its code (U1, A1, V1…), name (unsur), text and options."""

    code: str
    name: str
    text: str
    options: tuple[Option, ...]
    aliases: tuple[str, ...] = ()

    def value_for(self, label: str) -> int | None:
        """Return the scale value of an answer label, or None if unknown."""
        for option in self.options:
            if option.matches(label):
                return option.value
        return None

    def label_for(self, value: int) -> str:
        for option in self.options:
            if option.value == value:
                return option.label
        return str(value)


@dataclass(frozen=True)
class Choice:
    code: str
    label: str
    aliases: tuple[str, ...] = ()
    min_age: int | None = None
    max_age: int | None = None

    def matches(self, text: str) -> bool:
        wanted = normalise_label(text)
        names = (self.code, self.label, *self.aliases)
        return wanted in {normalise_label(x) for x in names}


@dataclass(frozen=True)
class DemographicField:
    code: str
    label: str
    choices: tuple[Choice, ...]
    required: bool = False
    aliases: tuple[str, ...] = ()

    def choice_for(self, text: str) -> Choice | None:
        """Return the choice whose label, code or alias is `text`."""
        for choice in self.choices:
            if choice.matches(text):
                return choice
        return None

    def choice_for_age(self, years: int) -> Choice | None:
        """Return the age group holding `years` (None for a field without ages)."""
        for choice in self.choices:
            if choice.min_age is None and choice.max_age is None:
                continue
            low = choice.min_age if choice.min_age is not None else 0
            high = choice.max_age if choice.max_age is not None else 200
            if low <= years <= high:
                return choice
        return None

    def label_for(self, code: str) -> str:
        for choice in self.choices:
            if choice.code == code:
                return choice.label
        return code


@dataclass(frozen=True)
class Grade:
    """A mutu band on the ×25 scale (NIK): at least `min_converted` gives `letter`."""

    letter: str
    label: str
    min_converted: Decimal


@dataclass(frozen=True)
class LkeConversion:
    """How the native index becomes the LKE 'Nilai (0–4)': value × factor."""

    factor: Decimal
    text: str


@dataclass(frozen=True)
class Threshold:
    label: str
    min_native: Decimal


@dataclass(frozen=True)
class Instrument:
    code: str
    version: str
    title: str
    source: str
    effective_from: date
    scale_min: int
    scale_max: int
    converted_factor: Decimal
    legacy_weight: Decimal | None
    questions: tuple[Question, ...]
    demographics: tuple[DemographicField, ...]
    suggestion_label: str
    grades: tuple[Grade, ...]
    lke: LkeConversion | None
    minimum_respondents: int
    thresholds: tuple[Threshold, ...]
    index_name: str

    @property
    def question_codes(self) -> tuple[str, ...]:
        return tuple(q.code for q in self.questions)

    def question(self, code: str) -> Question:
        for question in self.questions:
            if question.code == code:
                return question
        raise KeyError(code)

    def demographic(self, code: str) -> DemographicField:
        for field in self.demographics:
            if field.code == code:
                return field
        raise KeyError(code)


def _req(data: dict[str, Any], key: str, where: str) -> Any:
    if key not in data or data[key] in (None, ""):
        raise InstrumentError(f"{where}: '{key}' wajib diisi.")
    return data[key]


def _texts(raw: Any) -> tuple[str, ...]:
    return tuple(str(x) for x in (raw or []))


def _decimal(raw: Any, where: str) -> Decimal:
    """Return an exact decimal; decimals are written in quotes so YAML keeps them exact."""
    if isinstance(raw, bool) or not isinstance(raw, int | str):
        raise InstrumentError(
            f"{where}: tulis sebagai bilangan bulat atau teks angka dalam tanda kutip."
        )
    try:
        return Decimal(raw)
    except ArithmeticError as error:
        raise InstrumentError(f"{where}: '{raw}' bukan angka.") from error


def _question(raw: dict[str, Any], scale: range, where: str) -> Question:
    code = str(_req(raw, "code", where))
    options = tuple(
        Option(int(value), str(label))
        for value, label in _req(raw, "options", where).items()
    )
    aliases = raw.get("option_aliases") or {}
    options = tuple(
        Option(o.value, o.label, _texts(aliases.get(o.value))) for o in options
    )
    if sorted(o.value for o in options) != list(scale):
        raise InstrumentError(
            f"{where} ({code}): pilihan harus tepat satu label untuk tiap nilai "
            f"{scale.start}–{scale.stop - 1}."
        )
    return Question(
        code=code,
        name=str(_req(raw, "name", where)),
        text=str(_req(raw, "text", where)),
        options=options,
        aliases=_texts(raw.get("aliases")),
    )


def _demographic(raw: dict[str, Any], where: str) -> DemographicField:
    code = str(_req(raw, "code", where))
    if code not in DEMOGRAPHIC_FIELDS:
        raise InstrumentError(f"{where}: kolom demografi '{code}' tidak dikenal.")
    choices = tuple(
        Choice(
            code=str(_req(c, "code", f"{where} ({code})")),
            label=str(_req(c, "label", f"{where} ({code})")),
            aliases=_texts(c.get("aliases")),
            min_age=c.get("min_age"),
            max_age=c.get("max_age"),
        )
        for c in _req(raw, "choices", where)
    )
    return DemographicField(
        code=code,
        label=str(_req(raw, "label", where)),
        choices=choices,
        required=bool(raw.get("required", False)),
        aliases=_texts(raw.get("aliases")),
    )


def _index_rules(
    index: dict[str, Any],
) -> tuple[Decimal, Decimal | None, tuple[Grade, ...], LkeConversion | None]:
    converted = _decimal(
        _req(index, "converted_factor", "index"), "index.converted_factor"
    )
    legacy_raw = index.get("legacy_weight")
    legacy = None if legacy_raw is None else _decimal(legacy_raw, "index.legacy_weight")
    grades = tuple(
        Grade(
            str(g["letter"]),
            str(g["label"]),
            _decimal(g["min_converted"], "index.grades"),
        )
        for g in index.get("grades") or []
    )
    grades = tuple(sorted(grades, key=lambda g: g.min_converted, reverse=True))
    lke_raw = index.get("lke")
    lke = (
        None
        if not lke_raw
        else LkeConversion(
            _decimal(_req(lke_raw, "factor", "index.lke"), "index.lke.factor"),
            str(_req(lke_raw, "text", "index.lke")),
        )
    )
    return converted, legacy, grades, lke


def parse_instrument(data: dict[str, Any]) -> Instrument:
    """Return the instrument of a parsed YAML mapping; raise InstrumentError if wrong."""
    if not isinstance(data, dict):
        raise InstrumentError("Berkas instrumen harus berupa pemetaan YAML.")
    code = str(_req(data, "code", "instrumen"))
    if code not in CODES:
        raise InstrumentError(f"instrumen: kode '{code}' tidak dikenal.")
    scale_raw = _req(data, "scale", "instrumen")
    scale = range(int(scale_raw["min"]), int(scale_raw["max"]) + 1)
    questions = tuple(
        _question(q, scale, f"pertanyaan ke-{i}")
        for i, q in enumerate(_req(data, "questions", "instrumen"), start=1)
    )
    if len({q.code for q in questions}) != len(questions):
        raise InstrumentError("instrumen: kode pertanyaan ganda.")
    index = _req(data, "index", "instrumen")
    converted, legacy, grades, lke = _index_rules(index)
    effective = _req(data, "effective_from", "instrumen")
    if not isinstance(effective, date):
        effective = date.fromisoformat(str(effective))
    return Instrument(
        code=code,
        version=str(_req(data, "version", "instrumen")),
        title=str(_req(data, "title", "instrumen")),
        source=str(_req(data, "source", "instrumen")).strip(),
        effective_from=effective,
        scale_min=scale.start,
        scale_max=scale.stop - 1,
        converted_factor=converted,
        legacy_weight=legacy,
        questions=questions,
        demographics=tuple(
            _demographic(d, f"demografi ke-{i}")
            for i, d in enumerate(data.get("demographics") or [], start=1)
        ),
        suggestion_label=str(data.get("suggestion_label") or ""),
        grades=grades,
        lke=lke,
        minimum_respondents=int(data.get("minimum_respondents") or 0),
        thresholds=tuple(
            Threshold(str(t["label"]), _decimal(t["min_native"], "thresholds"))
            for t in data.get("thresholds") or []
        ),
        index_name=str(index.get("name") or code.upper()),
    )
