"""Readiness: the improvements that raise the total most, and the rules shown in the UI."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sizi.lke.instrument import (
    InstrumentSpec,
)
from sizi.lke.scoring.compute import score, sub_area_value
from sizi.lke.scoring.results import (
    HUNDRED,
    ZERO,
    AnswerInput,
    Candidate,
    HasilInputs,
    RuleNote,
    format_id,
)

# --------------------------------------------------------------------------- readiness


def improvement_candidates(
    spec: InstrumentSpec,
    answers: Mapping[str, AnswerInput],
    hasil: HasilInputs | None = None,
    *,
    limit: int | None = None,
) -> list[Candidate]:
    """Rank the questions whose improvement raises the total most.

    The gain is computed by re-scoring with the next better option (or the best
    option when unanswered; 100 % for percentage items); Hasil choice items
    (capaian kinerja) are included, survey indices are not.
    """
    base = score(spec, answers, hasil)
    values = {c: (q.answer, q.value) for c, q in base.questions.items()}
    hasil_values = {
        i.key: (i.raw, i.converted) for g in base.hasil_groups for i in g.items
    }
    base_total = base.total
    out: list[Candidate] = []

    exclude = spec.rules.unanswered == "exclude"
    subs = {s.code: s for s in spec.sub_areas}
    base_sub = {s.code: s.value for s in base.sub_areas}

    def rescore_q(code: str, value: Decimal) -> Decimal:
        """Re-score the question's sub-area with a trial value; return the new total."""
        q = spec.question(code)
        trial = dict(values)
        trial[code] = ("?", value)
        new_sub, _answered = sub_area_value(subs[q.sub_area], trial, exclude=exclude)
        return base_total + (new_sub - base_sub[q.sub_area])

    def rescore_h(key: str, value: Decimal) -> Decimal:
        """Re-score a Hasil choice item with a trial value; return the new total."""
        item = next(i for i in spec.hasil_items if i.key == key)
        old = hasil_values.get(key, (None, None))[1] or ZERO
        return base_total + (value - old) * item.weight

    for q in spec.questions:
        current = base.questions[q.code]
        if q.formula is not None:
            if current.value is not None and current.value >= q.formula.cap:
                continue
            total = rescore_q(q.code, q.formula.cap)
            gain = total - base_total
            if gain > 0:
                out.append(
                    Candidate(
                        q.code,
                        q.area,
                        q.part,
                        q.sub_area,
                        q.text,
                        current.answer,
                        "100%",
                        gain,
                        gain,
                        total,
                    )
                )
            continue
        better = _next_better(q.options, current.value)
        if better is None:
            continue
        best = q.options[0]
        total = rescore_q(q.code, better.value)
        best_total = total if better is best else rescore_q(q.code, best.value)
        if total - base_total > 0:
            out.append(
                Candidate(
                    q.code,
                    q.area,
                    q.part,
                    q.sub_area,
                    q.text,
                    current.answer,
                    better.letter,
                    total - base_total,
                    best_total - base_total,
                    total,
                )
            )
    for item in spec.hasil_items:
        if not item.options:
            continue
        raw, value = hasil_values.get(item.key, (None, None))
        better = _next_better(item.options, value)
        if better is None:
            continue
        total = rescore_h(item.key, better.value)
        best_total = (
            total
            if better is item.options[0]
            else rescore_h(item.key, item.options[0].value)
        )
        if total - base_total > 0:
            out.append(
                Candidate(
                    item.code,
                    "",
                    "hasil",
                    item.group,
                    item.text,
                    raw,
                    better.letter,
                    total - base_total,
                    best_total - base_total,
                    total,
                )
            )
    order = {q.code: q.order for q in spec.questions}
    out.sort(key=lambda c: (-c.gain, -c.gain_to_best, order.get(c.code, 10**6)))
    return out[:limit] if limit is not None else out


def _next_better(options: tuple[Any, ...], value: Decimal | None) -> Any:
    """Return the option one step better than ``value`` (the best when unanswered)."""
    if not options:
        return None
    if value is None:
        return options[0]
    better = [o for o in options if o.value > value]
    return min(better, key=lambda o: o.value) if better else None


# --------------------------------------------------------------------------- rules shown in the UI


def rule_notes(spec: InstrumentSpec) -> list[RuleNote]:
    """Describe, in Indonesian, the scoring rules decided where the regulation is silent."""
    digits = spec.rules.rounding_digits
    notes = [
        RuleNote(
            "rounding",
            "Pembulatan",
            f"Nilai dihitung penuh (tanpa pembulatan antara); tampilan dan perbandingan dengan ambang batas "
            f"memakai nilai yang dibulatkan {digits} desimal (setengah ke atas).",
        ),
    ]
    if spec.rules.unanswered == "zero":
        notes.append(
            RuleNote(
                "unanswered",
                "Pertanyaan belum dijawab",
                "Pertanyaan yang belum dijawab dihitung 0 dalam rata-rata sub-area, sehingga nilai sementara tidak "
                "pernah melebihi nilai akhir.",
            )
        )
    else:
        notes.append(
            RuleNote(
                "unanswered",
                "Pertanyaan belum dijawab",
                "Pertanyaan yang belum dijawab tidak dihitung dalam rata-rata sub-area (seperti AVERAGE di Excel).",
            )
        )
    if spec.rules.area_minimum_basis == "combined":
        notes.append(
            RuleNote(
                "area_minimum",
                "Nilai minimal per area",
                "Batas minimal per area pengungkit (mis. 60% untuk WBK, 75% untuk WBBM) dihitung dari nilai "
                "Pemenuhan + Reform area tersebut terhadap bobot area.",
            )
        )
    else:
        notes.append(
            RuleNote(
                "area_minimum",
                "Nilai minimal per area",
                "Batas minimal per area pengungkit berlaku terpisah untuk bagian Pemenuhan dan bagian Reform.",
            )
        )
    zero_rules = []
    for q in spec.questions:
        f = q.formula
        if f is None:
            continue
        if f.kind == "ratio":
            zero_rules.append(
                f"{q.code}: pembagi 0 → {format_id(f.zero_denominator * HUNDRED, 0)}%"
            )
        else:
            zero_rules.append(
                f"{q.code}: keduanya 0 → {format_id(f.both_zero * HUNDRED, 0)}%, "
                f"tahun lalu 0 dan tahun ini > 0 → {format_id(f.previous_zero * HUNDRED, 0)}%"
            )
    if zero_rules:
        notes.append(
            RuleNote(
                "zero_denominator",
                "Pembagi nol pada butir persentase",
                "Persentase dibatasi maksimal 100%. " + "; ".join(zero_rules) + ".",
            )
        )
    weighted = [
        s
        for s in spec.sub_areas
        if len({q.weight for q in s.questions}) > 1 or any(q.group for q in s.questions)
    ]
    for sub in weighted:
        parts = " + ".join(
            f"{format_id(q.weight, 0)} × {q.code}" for q in sub.questions
        )
        notes.append(
            RuleNote(
                f"weighted:{sub.code}",
                f"Bobot dalam sub-area {sub.name}",
                f"Nilai {sub.code} = ({parts}) ÷ {format_id(sum((q.weight for q in sub.questions), ZERO), 0)} × "
                f"{format_id(sub.weight)}.",
            )
        )
    return notes
