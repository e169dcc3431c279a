"""Load and validate an instrument file into an InstrumentSpec."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from sizi.lke.instrument.questions import parse_areas, parse_options
from sizi.lke.instrument.reader import Reader
from sizi.lke.instrument.spec import (
    ANSWER_KINDS,
    AREA_MINIMUM_BASES,
    DEFAULT_INSTRUMENT_FILE,
    INSTRUMENTS_DIR,
    UNANSWERED_RULES,
    AnswerTypeSpec,
    AreaSpec,
    ComponentSpec,
    HasilGroupSpec,
    HasilItemSpec,
    InstrumentError,
    InstrumentSpec,
    RulesSpec,
    ThresholdSpec,
)


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


def parse_instrument(data: Any, *, source: str = "<instrumen>") -> InstrumentSpec:
    """Build an InstrumentSpec from parsed YAML data, validating every item."""
    c = Reader(source)
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
    areas = parse_areas(c, root.get("areas"), answer_types)
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


def _parse_rules(c: Reader, raw: Any) -> RulesSpec:
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


def _parse_answer_types(c: Reader, raw: Any) -> dict[str, AnswerTypeSpec]:
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


def _parse_components(c: Reader, raw: Any) -> tuple[ComponentSpec, ...]:
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
    c: Reader, raw: Any, answer_types: Mapping[str, AnswerTypeSpec]
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
                    options=parse_options(c, idata, atype, iwhere),
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
    c: Reader, raw: Any, areas: tuple[AreaSpec, ...], hasil: tuple[HasilGroupSpec, ...]
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
