"""Find the instrument's questions, sub-areas and Hasil items from a row's text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Any

from sizi.lke.instrument import InputSpec, InstrumentSpec, QuestionSpec


def norm(text: Any) -> str:
    s = unicodedata.normalize("NFKC", str(text or "")).lower()
    s = re.sub(r"[^\w%]+", " ", s)
    return " ".join(s.split())


def similar(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return SequenceMatcher(None, a, b).ratio()


_SYNONYMS = {"y": "ya", "yes": "ya", "t": "tidak", "tdk": "tidak", "no": "tidak"}


def read_letter(value: Any, letters: Sequence[str]) -> str | None:
    text = norm(value)
    text = _SYNONYMS.get(text, text)
    if text in letters:
        return text
    m = re.match(r"^([a-e])\b", text)  # "a. Jika ..." / "A)" copied with its text
    if m and m.group(1) in letters and len(letters[0]) == 1:
        return m.group(1)
    return None


def strip_number(ntext: str) -> str:
    """Drop a leading numbering token ("1", "i", "a") from normalised text."""
    return re.sub(r"^(?:[a-h]|[ivx]+|\d+)\s+", "", ntext)


class Matcher:
    """Look up the spec's questions, sub-areas, areas and Hasil items by text."""

    def __init__(self, spec: InstrumentSpec) -> None:
        self.spec = spec
        self.by_code = {q.code: q for q in spec.questions}
        self.subs_by_name: dict[str, list[str]] = {}
        for sub in spec.sub_areas:
            self.subs_by_name.setdefault(norm(sub.name), []).append(sub.code)
        self.areas_by_name = {norm(a.name): a for a in spec.areas}
        self.hasil_by_text = {norm(i.text): i for i in spec.hasil_items}
        self.hasil_by_text.update({norm(i.name): i for i in spec.hasil_items})

    def question(
        self,
        code: str,
        text: str,
        letter: str,
        part: str | None,
        area: int | None,
        sub: str | None,
    ) -> QuestionSpec | None:
        spec = self.spec
        ntext = strip_number(norm(text))
        q = self.by_code.get(code) if code else None
        if (
            q is not None
            and similar(norm(q.text), ntext.split(" ", 1)[-1] if q.group else ntext)
            >= 0.6
        ):
            return q
        if q is not None and similar(norm(f"{q.group} {q.text}"), ntext) >= 0.6:
            return q
        scope = [
            s
            for s in spec.sub_areas
            if (sub is None or s.numeral == sub)
            and (area is None or spec.area(s.area).number == area)
            and (part is None or s.part == part)
        ]
        candidates = [q for s in scope for q in s.questions]
        best: tuple[float, QuestionSpec | None] = (0.0, None)
        for cand in candidates:
            target = norm(f"{cand.group}: {cand.text}" if cand.group else cand.text)
            score = max(similar(target, ntext), similar(norm(cand.text), ntext))
            if letter and cand.code.rsplit(".", 1)[-1] == letter:
                score += 0.15
            if score > best[0]:
                best = (score, cand)
        if best[1] is not None and best[0] >= 0.75:
            return best[1]
        exact = [cand for cand in spec.questions if norm(cand.text) == ntext]
        return exact[0] if len(exact) == 1 else None

    def sub_numeral(self, ntext: str, part: str | None, area: int | None) -> str | None:
        """Return the numeral of the sub-area named ``ntext`` in the current part/area."""
        codes = self.subs_by_name.get(ntext, [])
        subs = [s for s in self.spec.sub_areas if s.code in codes]
        in_scope = [
            s
            for s in self.spec.sub_areas
            if (part is None or s.part == part)
            and (area is None or self.spec.area(s.area).number == area)
        ]
        preferred = [s for s in subs if s in in_scope]
        chosen = preferred or subs
        if chosen:
            return chosen[0].numeral
        scored = sorted(
            ((similar(norm(s.name), ntext), s) for s in in_scope), key=lambda t: -t[0]
        )
        return scored[0][1].numeral if scored and scored[0][0] >= 0.8 else None

    def area_number(self, ntext: str) -> int | None:
        """Return the number of the area named ``ntext`` (tolerating small slips)."""
        if ntext in self.areas_by_name:
            return self.areas_by_name[ntext].number
        scored = sorted(
            ((similar(name, ntext), a) for name, a in self.areas_by_name.items()),
            key=lambda t: -t[0],
        )
        return scored[0][1].number if scored and scored[0][0] >= 0.8 else None


def match_input(q: QuestionSpec, code: str, ntext: str) -> InputSpec | None:
    """Return the input of percentage question ``q`` a "Jumlah" row stands for."""
    if ":" in code:
        qcode, icode = code.rsplit(":", 1)
        found = next((i for i in q.inputs if i.code == icode), None)
        if qcode == q.code and found is not None:
            return found
    scored = sorted(
        ((similar(norm(i.label), ntext), i) for i in q.inputs), key=lambda t: -t[0]
    )
    return scored[0][1] if scored and scored[0][0] >= 0.75 else None
