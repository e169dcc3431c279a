"""Apply the corrections a person typed in the preview to a parsed plan.

The preview lists the items OCR was unsure of (``ParsedPlan.uncertain``) with
an input each; on saving, the same file is read again and the typed texts
replace those items, found by their key ("area.komponen.indikator.kind.n").
"""

from __future__ import annotations

from sizi.plans.importing.cleaning import clean_text
from sizi.plans.importing.parsed import ParsedIndicator, ParsedPlan
from sizi.plans.target_time import parse_target_time

MAX_CORRECTION = 2000  # characters of one corrected item


def _indicator(plan: ParsedPlan, key: str) -> tuple[ParsedIndicator, str, int] | None:
    try:
        a, c, i, kind, n = key.split(".")
        ind = plan.areas[int(a)].components[int(c)].indicators[int(i)]
        return ind, kind, int(n)
    except (ValueError, IndexError):
        return None


def apply_corrections(
    plan: ParsedPlan, corrections: dict[str, str], *, year: int | None = None
) -> int:
    """Replace uncertain items by the corrected texts; return how many changed.

    Only keys the plan lists as uncertain are applied (a forged key is ignored);
    an empty correction keeps the text read.
    """
    allowed = {u.key: u for u in plan.uncertain}
    changed = 0
    for key, raw in corrections.items():
        text = clean_text(str(raw))[:MAX_CORRECTION]
        if key not in allowed or not text or text == allowed[key].text:
            continue
        found = _indicator(plan, key)
        if found is None:
            continue
        ind, kind, n = found
        if kind == "text":
            ind.text = text
        elif kind == "step" and n < len(ind.steps):
            ind.steps[n] = text
        elif kind == "evidence" and n < len(ind.evidence):
            ind.evidence[n] = text
        elif kind == "target":
            ind.target = parse_target_time(
                text, year=year if year is not None else plan.decree.plan_year
            )
        else:
            continue
        allowed[key].text = text
        changed += 1
    return changed
