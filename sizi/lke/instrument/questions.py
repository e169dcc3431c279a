"""Parse the areas, sub-areas and questions of an instrument file."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sizi.lke.instrument.reader import Reader
from sizi.lke.instrument.spec import (
    FORMULA_KINDS,
    PART_NAMES,
    PARTS,
    AnswerTypeSpec,
    AreaSpec,
    FormulaSpec,
    InputSpec,
    OptionSpec,
    PartSpec,
    QuestionSpec,
    SubAreaSpec,
)


def parse_options(
    c: Reader, data: Mapping[str, Any], atype: AnswerTypeSpec, where: str
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
    c: Reader, raw: Any, inputs: tuple[InputSpec, ...], where: str
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
    c: Reader,
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
        options=parse_options(c, data, atype, where),
        inputs=tuple(inputs),
        formula=formula,
        criteria=c.text(data, "criteria", where, required=False),
        weight=weight,
        group=c.text(data, "group", where, required=False),
        order=order,
    )


def parse_areas(
    c: Reader, raw: Any, answer_types: Mapping[str, AnswerTypeSpec]
) -> tuple[AreaSpec, ...]:
    areas: list[AreaSpec] = []
    order = 0
    for ai, item in enumerate(c.seq(raw, "areas")):
        adata = c.mapping(item, f"areas[{ai}]")
        acode = c.text(adata, "code", f"areas[{ai}]")
        awhere = f"area {acode}"
        number = c.count(adata.get("number", ai + 1), awhere, "nomor area")
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
                acode, number, c.text(adata, "name", awhere), aweight, tuple(parts)
            )
        )
    if not areas:
        raise c.fail("areas", "instrumen tanpa area.")
    if len({a.code for a in areas}) != len(areas):
        raise c.fail("areas", "kode area ganda.")
    return tuple(areas)
