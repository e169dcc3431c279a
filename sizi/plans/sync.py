"""Match imported rows to stored rows so that a re-import keeps their identity.

A row of a corrected decree keeps its primary key (and with it the PICs,
realisations and evidence links of its steps) when it is found again under the
same parent: first by identical text (case and spacing ignored), then by
similar text (a corrected typo, at least 60 % alike), then by the same position
(a rewritten row at the same place). Rows left over on either side are created
or removed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Generic, TypeVar

S = TypeVar("S")  # a stored model instance
N = TypeVar("N")  # an incoming parsed row

_SPACE = re.compile(r"\s+")
SIMILAR = 0.6


def normalise(text: str) -> str:
    """Return text compared case- and whitespace-insensitively."""
    return _SPACE.sub(" ", (text or "").replace("\x00", "")).strip().casefold()


@dataclass
class Matching(Generic[S, N]):
    """Pairs of (stored, incoming) rows, plus the rows only on one side."""

    pairs: list[tuple[S, N, int]] = field(
        default_factory=list
    )  # (stored, new, new index)
    added: list[tuple[N, int]] = field(default_factory=list)
    removed: list[S] = field(default_factory=list)


def match_rows(
    stored: Sequence[S],
    incoming: Sequence[N],
    *,
    stored_key: Callable[[S], str],
    incoming_key: Callable[[N], str],
    stored_position: Callable[[S], int],
) -> Matching[S, N]:
    """Pair stored rows with incoming ones by key first, then by position."""
    result: Matching[S, N] = Matching()
    free = list(stored)
    taken: dict[int, S] = {}
    for index, new in enumerate(incoming):
        key = normalise(incoming_key(new))
        for candidate in free:
            if normalise(stored_key(candidate)) == key:
                taken[index] = candidate
                free.remove(candidate)
                break
    for index, new in enumerate(incoming):
        if index in taken or not free:
            continue
        key = normalise(incoming_key(new))
        ratio, best = max(
            (
                (SequenceMatcher(None, key, normalise(stored_key(c))).ratio(), n)
                for n, c in enumerate(free)
            ),
        )
        if ratio >= SIMILAR:
            taken[index] = free.pop(best)
    for index, _new in enumerate(incoming):
        if index in taken:
            continue
        for candidate in free:
            if stored_position(candidate) == index:
                taken[index] = candidate
                free.remove(candidate)
                break
    for index, new in enumerate(incoming):
        if index in taken:
            result.pairs.append((taken[index], new, index))
        else:
            result.added.append((new, index))
    result.removed = free
    return result
