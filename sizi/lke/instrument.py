"""The LKE ZI instrument as data: frozen dataclasses and a validating YAML loader.

Nothing here knows the numbers of PermenPANRB 90/2021: weights, texts, answer
multipliers, formulas and thresholds all come from the instrument file
(``sizi/lke/instruments/*.yaml``). Scoring lives in ``sizi.lke.scoring``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

INSTRUMENTS_DIR = Path(__file__).resolve().parent / "instruments"
DEFAULT_INSTRUMENT_FILE = "permenpanrb-90-2021.yaml"

PARTS = ("pemenuhan", "reform")
PART_NAMES = {"pemenuhan": "Pemenuhan", "reform": "Reform"}
ANSWER_KINDS = ("choice", "formula", "index")
FORMULA_KINDS = ("ratio", "decrease")
UNANSWERED_RULES = ("zero", "exclude")
AREA_MINIMUM_BASES = ("combined", "per_part")
WEIGHT_TOLERANCE = Decimal("0.0001")


class InstrumentError(ValueError):
    """The instrument file is missing, unreadable or inconsistent."""


@dataclass(frozen=True)
class OptionSpec:
    letter: str  # "a".."e" or "ya"/"tidak"
    text: str
    value: Decimal  # multiplier 0..1


@dataclass(frozen=True)
class AnswerTypeSpec:
    code: str  # "yn", "abc", "abcd", "abcde", "percent", "index"
    label: str  # "Ya/Tidak", "A/B/C", ... as in the official workbook column J
    kind: str  # "choice" | "formula" | "index"
    values: tuple[tuple[str, Decimal], ...] = ()  # letter -> multiplier, best first
    scale_max: Decimal | None = None  # for "index": the value is divided by this


@dataclass(frozen=True)
class InputSpec:
    code: str
    label: str
    used: bool = True  # False: collected as in the workbook but not in the formula


@dataclass(frozen=True)
class FormulaSpec:
    """A named percentage formula (no expression evaluation).

    ``ratio``: min(cap, sum(numerator) / sum(denominator)); denominator 0 gives
    ``zero_denominator``.
    ``decrease``: (previous - current) / previous clamped to 0..cap; previous 0
    gives ``both_zero`` when current is 0 as well, else ``previous_zero``.
    """

    kind: str
    numerator: tuple[str, ...] = ()
    denominator: tuple[str, ...] = ()
    previous: str | None = None
    current: str | None = None
    zero_denominator: Decimal = Decimal(0)
    both_zero: Decimal = Decimal(1)
    previous_zero: Decimal = Decimal(0)
    cap: Decimal = Decimal(1)

    @property
    def referenced_inputs(self) -> tuple[str, ...]:
        refs = [*self.numerator, *self.denominator]
        refs += [c for c in (self.previous, self.current) if c]
        return tuple(refs)


@dataclass(frozen=True)
class QuestionSpec:
    code: str  # e.g. "P.1.i.a", "R.4.i.-"
    area: str  # area code, e.g. "MP"
    part: str  # "pemenuhan" | "reform"
    sub_area: str  # sub-area code, e.g. "P.1.i"
    sub_area_name: str
    sub_area_weight: Decimal
    text: str
    answer_type: str  # key of InstrumentSpec.answer_types
    options: tuple[OptionSpec, ...] = ()  # best first; empty for percent items
    inputs: tuple[InputSpec, ...] = ()
    formula: FormulaSpec | None = None
    criteria: str = ""  # Penjelasan (criteria for "Ya", or formula explanation)
    weight: Decimal = Decimal(1)  # relative weight inside the sub-area (default equal)
    group: str = ""  # optional label of a sub-group (e.g. "a. Penyampaian LHKPN")
    order: int = 0

    @property
    def is_percent(self) -> bool:
        return self.formula is not None

    def option(self, letter: str) -> OptionSpec | None:
        for option in self.options:
            if option.letter == letter:
                return option
        return None


@dataclass(frozen=True)
class SubAreaSpec:
    code: str  # "P.1.i"
    numeral: str  # "i"
    name: str
    weight: Decimal
    area: str
    part: str
    questions: tuple[QuestionSpec, ...]


@dataclass(frozen=True)
class PartSpec:
    code: str  # "pemenuhan" | "reform"
    name: str
    weight: Decimal
    sub_areas: tuple[SubAreaSpec, ...]


@dataclass(frozen=True)
class AreaSpec:
    code: str  # "MP", "PT", "SDM", "AK", "PW", "PP"
    number: int
    name: str
    weight: Decimal
    parts: tuple[PartSpec, ...]

    def part(self, code: str) -> PartSpec | None:
        return next((p for p in self.parts if p.code == code), None)


@dataclass(frozen=True)
class ComponentSpec:
    code: str  # "pengungkit" | "hasil"
    name: str
    weight: Decimal
    parts: tuple[tuple[str, str, Decimal], ...] = ()  # (code, name, weight)


@dataclass(frozen=True)
class HasilItemSpec:
    code: str  # "H1.a"
    key: str  # "ipak", "capaian_kinerja", "ipkp"
    name: str
    text: str
    answer_type: str  # "index" or a choice type
    weight: Decimal
    group: str  # "H1"
    criteria: str = ""
    options: tuple[OptionSpec, ...] = ()
    scale_max: Decimal | None = None


@dataclass(frozen=True)
class HasilGroupSpec:
    code: str
    name: str
    weight: Decimal
    items: tuple[HasilItemSpec, ...]


@dataclass(frozen=True)
class ThresholdSpec:
    code: str  # "wbk" | "wbbm"
    label: str  # "Menuju WBK"
    total: Decimal
    pengungkit: Decimal
    area_min_percent: Decimal  # e.g. 60 (percent of each area's weight)
    hasil: tuple[tuple[str, Decimal], ...]  # hasil group or item code -> minimum
    prerequisite: str | None = None  # code of a predicate that must already be held


@dataclass(frozen=True)
class RulesSpec:
    """Rules the regulation leaves open (decided in docs/lke-scoring.md)."""

    rounding_digits: int = 2
    unanswered: str = "zero"  # "zero": counts 0 | "exclude": left out of the average
    area_minimum_basis: str = (
        "combined"  # "combined" area | "per_part" pemenuhan & reform
    )


@dataclass(frozen=True)
class InstrumentSpec:
    code: str
    name: str
    citation: str
    effective_date: dt.date
    version: int
    components: tuple[ComponentSpec, ...]
    areas: tuple[AreaSpec, ...]
    hasil_groups: tuple[HasilGroupSpec, ...]
    thresholds: tuple[ThresholdSpec, ...]
    rules: RulesSpec
    answer_types: Mapping[str, AnswerTypeSpec] = field(hash=False, compare=False)
    notes: str = ""
    source: str = ""

    @cached_property
    def questions(self) -> tuple[QuestionSpec, ...]:
        return tuple(q for s in self.sub_areas for q in s.questions)

    @cached_property
    def sub_areas(self) -> tuple[SubAreaSpec, ...]:
        return tuple(s for a in self.areas for p in a.parts for s in p.sub_areas)

    @cached_property
    def hasil_items(self) -> tuple[HasilItemSpec, ...]:
        return tuple(i for g in self.hasil_groups for i in g.items)

    @cached_property
    def _question_index(self) -> dict[str, QuestionSpec]:
        return {q.code: q for q in self.questions}

    def question(self, code: str) -> QuestionSpec:
        return self._question_index[code]

    def area(self, code: str) -> AreaSpec:
        return next(a for a in self.areas if a.code == code)

    def threshold(self, code: str) -> ThresholdSpec:
        return next(t for t in self.thresholds if t.code == code)

    def component(self, code: str) -> ComponentSpec | None:
        return next((c for c in self.components if c.code == code), None)

    def questions_in(
        self, area: str, part: str | None = None
    ) -> Iterator[QuestionSpec]:
        return (
            q
            for q in self.questions
            if q.area == area and (part is None or q.part == part)
        )

    @property
    def pengungkit_weight(self) -> Decimal:
        return sum((a.weight for a in self.areas), Decimal(0))

    @property
    def hasil_weight(self) -> Decimal:
        return sum((g.weight for g in self.hasil_groups), Decimal(0))


def default_instrument_path() -> Path:
    """Return the path of the instrument in force (PermenPANRB 90/2021 jo. 5/2024)."""
    return INSTRUMENTS_DIR / DEFAULT_INSTRUMENT_FILE


_CACHE: dict[tuple[str, float], InstrumentSpec] = {}


def load_instrument(path: str | Path | None = None) -> InstrumentSpec:
    """Load and validate an instrument YAML file (cached per path and mtime)."""
    p = Path(path) if path is not None else default_instrument_path()
    try:
        key = (str(p.resolve()), p.stat().st_mtime)
    except OSError as exc:
        raise InstrumentError(
            f"{p}: berkas instrumen tidak dapat dibaca ({exc.strerror})."
        ) from exc
    if key not in _CACHE:
        try:
            data = yaml.safe_load(p.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise InstrumentError(
                f"{p}: berkas instrumen tidak dapat dibaca: {exc}"
            ) from exc
        _CACHE[key] = parse_instrument(data, source=str(p))
    return _CACHE[key]


# --------------------------------------------------------------------------- parsing


class _Ctx:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, message: str) -> InstrumentError:
        return InstrumentError(f"{self.source}: {where}: {message}")

    def dec(self, value: Any, where: str, name: str = "bobot") -> Decimal:
        if isinstance(value, bool) or value is None:
            raise self.fail(where, f"{name} harus berupa angka, bukan {value!r}.")
        try:
            d = Decimal(str(value))
        except InvalidOperation as exc:
            raise self.fail(
                where, f"{name} harus berupa angka, bukan {value!r}."
            ) from exc
        if not d.is_finite() or d < 0:
            raise self.fail(
                where, f"{name} harus angka tidak negatif, bukan {value!r}."
            )
        return d

    def text(
        self, data: Mapping[str, Any], key: str, where: str, required: bool = True
    ) -> str:
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise self.fail(where, f"kolom '{key}' wajib diisi.")
            return ""
        return str(value).strip()

    def mapping(self, value: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(where, "harus berupa mapping (kunci: nilai).")
        return value

    def seq(self, value: Any, where: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(where, "harus berupa daftar.")
        return value

    def check_sum(
        self, total: Decimal, expected: Decimal, where: str, what: str
    ) -> None:
        if abs(total - expected) > WEIGHT_TOLERANCE:
            raise self.fail(
                where, f"jumlah bobot {what} = {total}, seharusnya {expected}."
            )


def parse_instrument(data: Any, *, source: str = "<instrumen>") -> InstrumentSpec:
    """Build an InstrumentSpec from parsed YAML data, validating every item."""
    c = _Ctx(source)
    root = c.mapping(data, "dokumen")
    code = c.text(root, "code", "dokumen")
    raw_date = root.get("effective_date")
    try:
        effective = (
            raw_date
            if isinstance(raw_date, dt.date)
            else dt.date.fromisoformat(str(raw_date))
        )
    except ValueError as exc:
        raise c.fail(
            "effective_date", f"tanggal tidak valid: {raw_date!r} (format YYYY-MM-DD)."
        ) from exc
    version = root.get("version", 1)
    if not isinstance(version, int):
        raise c.fail("version", f"harus bilangan bulat, bukan {version!r}.")

    rules = _parse_rules(c, root.get("rules") or {})
    answer_types = _parse_answer_types(c, root.get("answer_types"))
    components = _parse_components(c, root.get("components"))
    areas = _parse_areas(c, root.get("areas"), answer_types)
    hasil = _parse_hasil(c, root.get("hasil") or [], answer_types)
    thresholds = _parse_thresholds(c, root.get("thresholds") or [], areas, hasil)

    pengungkit = next((x for x in components if x.code == "pengungkit"), None)
    hasil_component = next((x for x in components if x.code == "hasil"), None)
    area_total = sum((a.weight for a in areas), Decimal(0))
    if pengungkit is not None:
        c.check_sum(
            area_total, pengungkit.weight, "components.pengungkit", "area pengungkit"
        )
        for part_code, _name, weight in pengungkit.parts:
            part_total = sum(
                (p.weight for a in areas for p in a.parts if p.code == part_code),
                Decimal(0),
            )
            c.check_sum(
                part_total,
                weight,
                f"components.pengungkit.{part_code}",
                f"bagian {part_code}",
            )
    hasil_total = sum((g.weight for g in hasil), Decimal(0))
    if hasil_component is not None:
        c.check_sum(hasil_total, hasil_component.weight, "components.hasil", "hasil")
    c.check_sum(
        sum((x.weight for x in components), Decimal(0)),
        area_total + hasil_total,
        "components",
        "komponen",
    )
    if pengungkit is not None and hasil_component is not None:
        c.check_sum(
            pengungkit.weight + hasil_component.weight,
            Decimal(100),
            "components",
            "total",
        )

    seen: set[str] = set()
    for q in (
        q for a in areas for p in a.parts for s in p.sub_areas for q in s.questions
    ):
        if q.code in seen:
            raise c.fail(f"pertanyaan {q.code}", "kode pertanyaan ganda.")
        seen.add(q.code)
    for item in (i for g in hasil for i in g.items):
        if item.code in seen:
            raise c.fail(f"hasil {item.code}", "kode ganda.")
        seen.add(item.code)

    return InstrumentSpec(
        code=code,
        name=c.text(root, "name", "dokumen"),
        citation=c.text(root, "citation", "dokumen"),
        effective_date=effective,
        version=version,
        components=components,
        areas=areas,
        hasil_groups=hasil,
        thresholds=thresholds,
        rules=rules,
        answer_types=answer_types,
        notes=c.text(root, "notes", "dokumen", required=False),
        source=source,
    )


def _parse_rules(c: _Ctx, raw: Any) -> RulesSpec:
    data = c.mapping(raw, "rules")
    digits = data.get("rounding_digits", 2)
    if not isinstance(digits, int) or not 0 <= digits <= 6:
        raise c.fail(
            "rules.rounding_digits", f"harus bilangan bulat 0..6, bukan {digits!r}."
        )
    unanswered = str(data.get("unanswered", "zero"))
    if unanswered not in UNANSWERED_RULES:
        raise c.fail("rules.unanswered", f"harus salah satu dari {UNANSWERED_RULES}.")
    basis = str(data.get("area_minimum_basis", "combined"))
    if basis not in AREA_MINIMUM_BASES:
        raise c.fail(
            "rules.area_minimum_basis", f"harus salah satu dari {AREA_MINIMUM_BASES}."
        )
    return RulesSpec(
        rounding_digits=digits, unanswered=unanswered, area_minimum_basis=basis
    )


def _parse_answer_types(c: _Ctx, raw: Any) -> dict[str, AnswerTypeSpec]:
    result: dict[str, AnswerTypeSpec] = {}
    for code, body in c.mapping(raw, "answer_types").items():
        where = f"answer_types.{code}"
        data = c.mapping(body, where)
        kind = c.text(data, "kind", where)
        if kind not in ANSWER_KINDS:
            raise c.fail(
                where, f"kind harus salah satu dari {ANSWER_KINDS}, bukan {kind!r}."
            )
        values: tuple[tuple[str, Decimal], ...] = ()
        if kind == "choice":
            vmap = c.mapping(data.get("values"), f"{where}.values")
            values = tuple(
                (str(k), c.dec(v, f"{where}.values.{k}", "nilai"))
                for k, v in vmap.items()
            )
            if not values:
                raise c.fail(where, "jenis pilihan harus punya nilai.")
            for letter, value in values:
                if value > 1:
                    raise c.fail(
                        f"{where}.values.{letter}", "nilai pilihan maksimal 1."
                    )
        scale = data.get("scale_max")
        scale_max = (
            c.dec(scale, f"{where}.scale_max", "scale_max")
            if scale is not None
            else None
        )
        if kind == "index" and not scale_max:
            raise c.fail(where, "jenis index harus punya scale_max > 0.")
        result[str(code)] = AnswerTypeSpec(
            code=str(code),
            label=c.text(data, "label", where),
            kind=kind,
            values=values,
            scale_max=scale_max,
        )
    return result


def _parse_options(
    c: _Ctx, data: Mapping[str, Any], atype: AnswerTypeSpec, where: str
) -> tuple[OptionSpec, ...]:
    if atype.kind != "choice":
        return ()
    values = dict(atype.values)
    raw = data.get("options")
    if raw is None:
        if set(values) == {"ya", "tidak"}:
            criteria = str(data.get("criteria") or "Ya").strip()
            return (
                OptionSpec("ya", criteria, values["ya"]),
                OptionSpec("tidak", "Tidak", values["tidak"]),
            )
        raise c.fail(where, f"jenis jawaban {atype.code} memerlukan daftar 'options'.")
    options: list[OptionSpec] = []
    for i, item in enumerate(c.seq(raw, f"{where}.options")):
        odata = c.mapping(item, f"{where}.options[{i}]")
        letter = c.text(odata, "letter", f"{where}.options[{i}]").lower()
        if letter not in values and "value" not in odata:
            raise c.fail(
                f"{where}.options[{i}]",
                f"huruf {letter!r} tidak dikenal untuk jenis {atype.code}.",
            )
        value = (
            c.dec(odata["value"], f"{where}.options[{i}]", "nilai")
            if "value" in odata
            else values[letter]
        )
        options.append(
            OptionSpec(letter, c.text(odata, "text", f"{where}.options[{i}]"), value)
        )
    letters = [o.letter for o in options]
    if sorted(letters) != sorted(values) and not all("value" in o for o in raw):
        raise c.fail(
            where,
            f"pilihan {letters} tidak sesuai jenis {atype.code} ({list(values)}).",
        )
    return tuple(sorted(options, key=lambda o: -o.value))


def _parse_formula(
    c: _Ctx, raw: Any, inputs: tuple[InputSpec, ...], where: str
) -> FormulaSpec:
    data = c.mapping(raw, f"{where}.formula")
    kind = c.text(data, "kind", f"{where}.formula")
    codes = {i.code for i in inputs}

    def refs(key: str) -> tuple[str, ...]:
        value = data.get(key) or []
        items = (
            [value]
            if isinstance(value, str)
            else c.seq(value, f"{where}.formula.{key}")
        )
        return tuple(str(x) for x in items)

    if kind == "ratio":
        formula = FormulaSpec(
            kind=kind,
            numerator=refs("numerator"),
            denominator=refs("denominator"),
            zero_denominator=c.dec(
                data.get("zero_denominator", 0), f"{where}.formula", "zero_denominator"
            ),
            cap=c.dec(data.get("cap", 1), f"{where}.formula", "cap"),
        )
        if not formula.numerator or not formula.denominator:
            raise c.fail(
                f"{where}.formula", "rumus ratio memerlukan numerator dan denominator."
            )
    elif kind == "decrease":
        formula = FormulaSpec(
            kind=kind,
            previous=str(data.get("previous") or ""),
            current=str(data.get("current") or ""),
            both_zero=c.dec(data.get("both_zero", 1), f"{where}.formula", "both_zero"),
            previous_zero=c.dec(
                data.get("previous_zero", 0), f"{where}.formula", "previous_zero"
            ),
            cap=c.dec(data.get("cap", 1), f"{where}.formula", "cap"),
        )
        if not formula.previous or not formula.current:
            raise c.fail(
                f"{where}.formula", "rumus decrease memerlukan previous dan current."
            )
    else:
        raise c.fail(
            f"{where}.formula",
            f"jenis rumus {kind!r} tidak dikenal (pilihan: {FORMULA_KINDS}).",
        )
    for ref in formula.referenced_inputs:
        if ref not in codes:
            raise c.fail(
                f"{where}.formula",
                f"rumus merujuk masukan {ref!r} yang tidak ada di 'inputs'.",
            )
    for value in (formula.zero_denominator, formula.both_zero, formula.previous_zero):
        if value > formula.cap:
            raise c.fail(
                f"{where}.formula", "nilai khusus pembagi nol melebihi batas (cap)."
            )
    return formula


def _parse_question(
    c: _Ctx,
    raw: Any,
    answer_types: Mapping[str, AnswerTypeSpec],
    *,
    area: str,
    part: str,
    sub: tuple[str, str, Decimal],
    order: int,
) -> QuestionSpec:
    data = c.mapping(raw, f"{sub[0]}.questions")
    code = c.text(data, "code", f"sub-area {sub[0]}")
    where = f"pertanyaan {code}"
    atype_code = c.text(data, "type", where)
    atype = answer_types.get(atype_code)
    if atype is None:
        raise c.fail(where, f"jenis jawaban {atype_code!r} tidak ada di answer_types.")
    if atype.kind == "index":
        raise c.fail(where, "jenis index hanya untuk butir Hasil.")
    inputs: list[InputSpec] = []
    for i, item in enumerate(data.get("inputs") or []):
        idata = c.mapping(item, f"{where}.inputs[{i}]")
        inputs.append(
            InputSpec(
                code=c.text(idata, "code", f"{where}.inputs[{i}]"),
                label=c.text(idata, "label", f"{where}.inputs[{i}]"),
                used=bool(idata.get("used", True)),
            )
        )
    if len({i.code for i in inputs}) != len(inputs):
        raise c.fail(where, "kode masukan ganda.")
    formula = None
    if atype.kind == "formula":
        if not inputs or "formula" not in data:
            raise c.fail(where, "butir persentase memerlukan 'inputs' dan 'formula'.")
        formula = _parse_formula(c, data["formula"], tuple(inputs), where)
    elif inputs or "formula" in data:
        raise c.fail(
            where, "hanya butir persentase yang boleh punya 'inputs'/'formula'."
        )
    weight = c.dec(data.get("weight", 1), where)
    if weight == 0:
        raise c.fail(where, "bobot pertanyaan tidak boleh 0.")
    return QuestionSpec(
        code=code,
        area=area,
        part=part,
        sub_area=sub[0],
        sub_area_name=sub[1],
        sub_area_weight=sub[2],
        text=c.text(data, "text", where),
        answer_type=atype_code,
        options=_parse_options(c, data, atype, where),
        inputs=tuple(inputs),
        formula=formula,
        criteria=c.text(data, "criteria", where, required=False),
        weight=weight,
        group=c.text(data, "group", where, required=False),
        order=order,
    )


def _parse_areas(
    c: _Ctx, raw: Any, answer_types: Mapping[str, AnswerTypeSpec]
) -> tuple[AreaSpec, ...]:
    areas: list[AreaSpec] = []
    order = 0
    for ai, item in enumerate(c.seq(raw, "areas")):
        adata = c.mapping(item, f"areas[{ai}]")
        acode = c.text(adata, "code", f"areas[{ai}]")
        awhere = f"area {acode}"
        number = adata.get("number", ai + 1)
        aweight = c.dec(adata.get("weight"), awhere)
        parts: list[PartSpec] = []
        for pi, praw in enumerate(c.seq(adata.get("parts"), f"{awhere}.parts")):
            pdata = c.mapping(praw, f"{awhere}.parts[{pi}]")
            pcode = c.text(pdata, "code", f"{awhere}.parts[{pi}]")
            if pcode not in PARTS:
                raise c.fail(
                    f"{awhere}.parts[{pi}]", f"bagian harus salah satu dari {PARTS}."
                )
            pwhere = f"{awhere} {pcode}"
            pweight = c.dec(pdata.get("weight"), pwhere)
            subs: list[SubAreaSpec] = []
            for si, sraw in enumerate(
                c.seq(pdata.get("sub_areas"), f"{pwhere}.sub_areas")
            ):
                sdata = c.mapping(sraw, f"{pwhere}.sub_areas[{si}]")
                numeral = c.text(sdata, "code", f"{pwhere}.sub_areas[{si}]")
                scode = f"{pcode[0].upper()}.{number}.{numeral}"
                swhere = f"sub-area {scode}"
                sweight = c.dec(sdata.get("weight"), swhere)
                sname = c.text(sdata, "name", swhere)
                questions: list[QuestionSpec] = []
                for qraw in c.seq(sdata.get("questions"), f"{swhere}.questions"):
                    order += 1
                    q = _parse_question(
                        c,
                        qraw,
                        answer_types,
                        area=acode,
                        part=pcode,
                        sub=(scode, sname, sweight),
                        order=order,
                    )
                    if not q.code.startswith(scode + "."):
                        raise c.fail(
                            f"pertanyaan {q.code}",
                            f"kode tidak berada di sub-area {scode}.",
                        )
                    questions.append(q)
                if not questions:
                    raise c.fail(swhere, "sub-area tanpa pertanyaan.")
                explicit = [
                    q
                    for q in sdata["questions"]
                    if isinstance(q, Mapping) and "weight" in q
                ]
                if explicit:
                    c.check_sum(
                        sum((q.weight for q in questions), Decimal(0)),
                        sweight,
                        swhere,
                        "pertanyaan",
                    )
                subs.append(
                    SubAreaSpec(
                        scode, numeral, sname, sweight, acode, pcode, tuple(questions)
                    )
                )
            c.check_sum(
                sum((s.weight for s in subs), Decimal(0)), pweight, pwhere, "sub-area"
            )
            parts.append(
                PartSpec(
                    pcode,
                    str(pdata.get("name") or PART_NAMES[pcode]),
                    pweight,
                    tuple(subs),
                )
            )
        if len({p.code for p in parts}) != len(parts):
            raise c.fail(awhere, "bagian ganda.")
        c.check_sum(
            sum((p.weight for p in parts), Decimal(0)),
            aweight,
            awhere,
            "pemenuhan + reform",
        )
        areas.append(
            AreaSpec(
                acode, int(number), c.text(adata, "name", awhere), aweight, tuple(parts)
            )
        )
    if not areas:
        raise c.fail("areas", "instrumen tanpa area.")
    if len({a.code for a in areas}) != len(areas):
        raise c.fail("areas", "kode area ganda.")
    return tuple(areas)


def _parse_components(c: _Ctx, raw: Any) -> tuple[ComponentSpec, ...]:
    result: list[ComponentSpec] = []
    for i, item in enumerate(c.seq(raw, "components")):
        data = c.mapping(item, f"components[{i}]")
        code = c.text(data, "code", f"components[{i}]")
        parts = tuple(
            (
                c.text(
                    c.mapping(p, f"components.{code}.parts"),
                    "code",
                    f"components.{code}.parts",
                ),
                str(p.get("name") or ""),
                c.dec(p.get("weight"), f"components.{code}.parts"),
            )
            for p in (data.get("parts") or [])
        )
        weight = c.dec(data.get("weight"), f"components.{code}")
        if parts:
            c.check_sum(
                sum((p[2] for p in parts), Decimal(0)),
                weight,
                f"components.{code}",
                "bagian",
            )
        result.append(
            ComponentSpec(
                code, c.text(data, "name", f"components.{code}"), weight, parts
            )
        )
    return tuple(result)


def _parse_hasil(
    c: _Ctx, raw: Any, answer_types: Mapping[str, AnswerTypeSpec]
) -> tuple[HasilGroupSpec, ...]:
    groups: list[HasilGroupSpec] = []
    keys: set[str] = set()
    for gi, graw in enumerate(c.seq(raw, "hasil")):
        gdata = c.mapping(graw, f"hasil[{gi}]")
        gcode = c.text(gdata, "code", f"hasil[{gi}]")
        gwhere = f"hasil {gcode}"
        gweight = c.dec(gdata.get("weight"), gwhere)
        items: list[HasilItemSpec] = []
        for ii, iraw in enumerate(c.seq(gdata.get("items"), f"{gwhere}.items")):
            idata = c.mapping(iraw, f"{gwhere}.items[{ii}]")
            icode = c.text(idata, "code", f"{gwhere}.items[{ii}]")
            iwhere = f"hasil {icode}"
            atype_code = c.text(idata, "type", iwhere)
            atype = answer_types.get(atype_code)
            if atype is None or atype.kind == "formula":
                raise c.fail(
                    iwhere,
                    f"jenis jawaban {atype_code!r} tidak dikenal untuk butir hasil.",
                )
            key = c.text(idata, "key", iwhere)
            if key in keys:
                raise c.fail(iwhere, f"kunci {key!r} ganda.")
            keys.add(key)
            items.append(
                HasilItemSpec(
                    code=icode,
                    key=key,
                    name=c.text(idata, "name", iwhere),
                    text=c.text(idata, "text", iwhere),
                    answer_type=atype_code,
                    weight=c.dec(idata.get("weight"), iwhere),
                    group=gcode,
                    criteria=c.text(idata, "criteria", iwhere, required=False),
                    options=_parse_options(c, idata, atype, iwhere),
                    scale_max=atype.scale_max,
                )
            )
        c.check_sum(
            sum((i.weight for i in items), Decimal(0)), gweight, gwhere, "butir"
        )
        groups.append(
            HasilGroupSpec(gcode, c.text(gdata, "name", gwhere), gweight, tuple(items))
        )
    return tuple(groups)


def _parse_thresholds(
    c: _Ctx, raw: Any, areas: tuple[AreaSpec, ...], hasil: tuple[HasilGroupSpec, ...]
) -> tuple[ThresholdSpec, ...]:
    known = {g.code for g in hasil} | {i.code for g in hasil for i in g.items}
    result: list[ThresholdSpec] = []
    for ti, traw in enumerate(c.seq(raw, "thresholds")):
        data = c.mapping(traw, f"thresholds[{ti}]")
        code = c.text(data, "code", f"thresholds[{ti}]")
        where = f"thresholds.{code}"
        hmap = c.mapping(data.get("hasil") or {}, f"{where}.hasil")
        for hcode in hmap:
            if hcode not in known:
                raise c.fail(f"{where}.hasil", f"kode hasil {hcode!r} tidak dikenal.")
        percent = c.dec(data.get("area_min_percent", 0), where, "area_min_percent")
        if percent > 100:
            raise c.fail(where, "area_min_percent maksimal 100.")
        prereq = data.get("prerequisite")
        result.append(
            ThresholdSpec(
                code=code,
                label=c.text(data, "label", where),
                total=c.dec(data.get("total", 0), where, "total"),
                pengungkit=c.dec(data.get("pengungkit", 0), where, "pengungkit"),
                area_min_percent=percent,
                hasil=tuple(
                    (str(k), c.dec(v, f"{where}.hasil.{k}", "nilai minimal"))
                    for k, v in hmap.items()
                ),
                prerequisite=str(prereq) if prereq else None,
            )
        )
    codes = [t.code for t in result]
    for t in result:
        if t.prerequisite and t.prerequisite not in codes:
            raise c.fail(
                f"thresholds.{t.code}", f"prasyarat {t.prerequisite!r} tidak dikenal."
            )
    return tuple(result)
