"""The reviewer's roll-up: every unit below with its LKE score per layer, in bulk.

Reads only the cached `LayerScore` rows (kept current by the services), so the
page runs a fixed number of queries for 5 or 550 units.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sizi.lke.models import LAYER_SHORT, Assessment, Layer, LayerScore
from sizi.units.models import Unit


@dataclass
class RollupRow:
    unit: Unit
    assessment: Assessment | None = None
    scores: dict[str, LayerScore] = field(default_factory=dict)

    @property
    def effective(self) -> LayerScore | None:
        for layer in reversed(Layer.ordered()):
            if layer in self.scores:
                return self.scores[layer]
        return None

    @property
    def layer_cells(self) -> list[LayerScore | None]:
        return [self.scores.get(layer) for layer in Layer.ordered()]

    @property
    def total(self) -> Decimal:
        eff = self.effective
        return eff.total if eff else Decimal(-1)

    @property
    def progress(self) -> int:
        own = self.scores.get(Layer.SELF)
        if own is None or not own.question_count:
            return 0
        return round(100 * own.answered / own.question_count)

    @property
    def status_label(self) -> str:
        if self.assessment is None:
            return "Belum mulai"
        tpi = self.scores.get(Layer.INTERNAL)
        if self.assessment.status == Assessment.Status.CONCLUDED_MET and (
            tpi is None or not tpi.eligible_wbk
        ):
            # Never "memenuhi" beside a TPI score that fails the thresholds.
            return "TPI: simpulan perlu ditinjau (nilai TPI di bawah ambang)"
        return self.assessment.get_status_display()


LAYER_HEADERS = [LAYER_SHORT[layer] for layer in Layer.ordered()]

SORT_KEYS = {
    "unit": lambda r: r.unit.path,
    "total": lambda r: (r.total, r.unit.path),
    "progress": lambda r: (r.progress, r.unit.path),
    "status": lambda r: (r.status_label, r.unit.path),
}


def rollup_years(unit: Unit) -> list[int]:
    """Return the years with any assessment of a unit below `unit`, latest first."""
    return list(
        Assessment.objects.filter(unit__path__startswith=unit.path)
        .exclude(unit=unit)
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )


def rollup_rows(unit: Unit, year: int, sort: str = "unit") -> list[RollupRow]:
    """Return one row per unit below `unit` for `year`, sorted by `sort` ("-" descending)."""
    units = list(
        Unit.objects.subtree_of(unit)
        .exclude(pk=unit.pk)
        .filter(is_active=True)
        .order_by("path")
    )
    rows = {u.pk: RollupRow(unit=u) for u in units}
    below = {"unit__path__startswith": unit.path, "year": year}
    assessments = Assessment.objects.filter(**below).exclude(unit=unit)
    by_id: dict[int, RollupRow] = {}
    for assessment in assessments:
        row = rows.get(assessment.unit_id)
        if row is None:
            continue
        assessment.unit = row.unit
        row.assessment = assessment
        by_id[assessment.pk] = row
    scores = LayerScore.objects.filter(
        assessment__unit__path__startswith=unit.path, assessment__year=year
    )
    for score in scores:
        if score.assessment_id in by_id:
            by_id[score.assessment_id].scores[score.layer] = score
    key = sort.lstrip("-")
    ordered = sorted(rows.values(), key=SORT_KEYS.get(key, SORT_KEYS["unit"]))
    if sort.startswith("-"):
        ordered.reverse()
    return ordered
