"""The reviewer's roll-up: every unit below with its LKE score per layer, in bulk.

Reads only the cached `LayerScore` rows (kept current by the services), sorts
and pages in the database (`rollup_units` annotates each unit with its sort
keys), and loads assessments and scores for the shown page only: a fixed number
of queries, and a page's work that does not grow with 5 or 550 units.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import cast

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Round

from sizi.lke.models import LAYER_SHORT, Assessment, Layer, LayerScore
from sizi.units.models import Unit

TPI_REVIEW = "TPI: simpulan perlu ditinjau (nilai TPI di bawah ambang)"


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
            return TPI_REVIEW
        return self.assessment.get_status_display()


LAYER_HEADERS = [LAYER_SHORT[layer] for layer in Layer.ordered()]

#: The sorts of the page: each is an order of the annotated unit query.
SORTS = ("unit", "total", "progress", "status")


@dataclass
class RollupPage:
    """One page of the roll-up, with the counts over every unit below."""

    page: Page[RollupRow]
    unit_count: int
    started: int
    eligible_wbk: int

    @property
    def rows(self) -> list[RollupRow]:
        return list(self.page.object_list)


def rollup_years(unit: Unit) -> list[int]:
    """Return the years with any assessment of a unit below `unit`, latest first."""
    return list(
        Assessment.objects.filter(unit__path__startswith=unit.path)
        .exclude(unit=unit)
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )


def _layer_rank() -> Case:
    return Case(
        *[When(layer=layer, then=Value(i)) for i, layer in enumerate(Layer.ordered())],
        output_field=IntegerField(),
    )


def _status_label() -> Case:
    """The status label of `RollupRow.status_label`, in SQL (for sorting)."""
    return Case(
        When(lke_status__isnull=True, then=Value("Belum mulai")),
        When(
            Q(lke_status=Assessment.Status.CONCLUDED_MET)
            & (Q(lke_tpi_wbk__isnull=True) | Q(lke_tpi_wbk=False)),
            then=Value(TPI_REVIEW),
        ),
        *[
            When(lke_status=value, then=Value(label))
            for value, label in Assessment.Status.choices
        ],
        default=Value(""),
        output_field=CharField(),
    )


def rollup_units(unit: Unit, year: int, sort: str = "unit") -> QuerySet[Unit]:
    """Every active unit below `unit`, annotated for `year` and sorted in the database.

    The annotations read the stored `LayerScore` rows: the effective (highest)
    layer's total and WBK eligibility, the self-assessment's progress, the
    assessment's status and its sort label. ``sort`` is one of `SORTS`, with a
    leading "-" for descending (the unit path breaks ties the same way).
    """
    assessment = Assessment.objects.filter(unit=OuterRef("pk"), year=year)
    scores = LayerScore.objects.filter(
        assessment__unit=OuterRef("pk"), assessment__year=year
    )
    effective = scores.annotate(rank=_layer_rank()).order_by("-rank")
    own = scores.filter(layer=Layer.SELF, question_count__gt=0).annotate(
        percent=Round(
            ExpressionWrapper(
                F("answered") * Value(100.0) / F("question_count"),
                output_field=FloatField(),
            )
        )
    )
    units = (
        Unit.objects.subtree_of(unit)
        .exclude(pk=unit.pk)
        .filter(is_active=True)
        .annotate(
            lke_status=Subquery(assessment.values("status")[:1]),
            lke_total=Coalesce(
                Subquery(effective.values("total")[:1]),
                Value(Decimal(-1)),
                output_field=DecimalField(max_digits=8, decimal_places=4),
            ),
            lke_wbk=Subquery(effective.values("eligible_wbk")[:1]),
            lke_tpi_wbk=Subquery(
                scores.filter(layer=Layer.INTERNAL).values("eligible_wbk")[:1]
            ),
            lke_progress=Coalesce(
                Subquery(own.values("percent")[:1]),
                Value(0.0),
                output_field=FloatField(),
            ),
        )
    )
    key = sort.lstrip("-")
    if key not in SORTS:
        key, sort = "unit", "unit"
    if key == "status":
        units = units.annotate(lke_label=_status_label())
    field = {
        "unit": "path",
        "total": "lke_total",
        "progress": "lke_progress",
        "status": "lke_label",
    }[key]
    if sort.startswith("-"):
        return units.order_by(F(field).desc(), F("path").desc())
    return units.order_by(field, "path")


def rollup_rows_for(units: list[Unit], year: int) -> list[RollupRow]:
    """Return the rows of `units` (in their order) with assessment and scores (2 queries)."""
    rows = {u.pk: RollupRow(unit=u) for u in units}
    by_id: dict[int, RollupRow] = {}
    for assessment in Assessment.objects.filter(unit__in=list(rows), year=year):
        row = rows[assessment.unit_id]
        assessment.unit = row.unit
        row.assessment = assessment
        by_id[assessment.pk] = row
    for score in LayerScore.objects.filter(assessment__in=list(by_id)):
        by_id[score.assessment_id].scores[score.layer] = score
    return list(rows.values())


def rollup_page(
    unit: Unit,
    year: int,
    sort: str = "unit",
    number: int | str | None = 1,
    per_page: int = 50,
) -> RollupPage:
    """Return one page of the roll-up, sorted and paged in the database.

    A fixed number of queries whatever the number of units: the counts over
    every unit below (one aggregate), the page's units, their assessments and
    their scores.
    """
    units = rollup_units(unit, year, sort)
    counts = units.order_by().aggregate(
        total=Count("pk"),
        started=Count("pk", filter=Q(lke_status__isnull=False)),
        eligible=Count("pk", filter=Q(lke_wbk=True)),
    )
    paginator = Paginator(units, per_page)
    paginator.count = counts["total"]  # the aggregate counted already
    units_page = paginator.get_page(number)
    rows = rollup_rows_for(list(units_page.object_list), year)
    page = Page(rows, units_page.number, cast("Paginator[RollupRow]", paginator))
    return RollupPage(page, counts["total"], counts["started"], counts["eligible"])
