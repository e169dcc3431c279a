"""Coverage of the LKE by the action plan: suggested indicator↔question links and reports.

Suggestions use a plain text similarity inside the mapped area (the plan area's
`lke_area` equals the instrument area code): word overlap after Indonesian
stopwords and light suffix stripping, blended with character-trigram overlap.
The plan's component name is compared with the LKE sub-area name as well,
because the decree's components usually are the sub-areas.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from sizi.core import audit
from sizi.evidence.models import Evidence
from sizi.lke.models import Answer, Assessment, Question, QuestionIndicatorLink
from sizi.lke.scoring import AnswerInput, question_value
from sizi.lke.services.instrument import spec_for
from sizi.plans.models import Indicator
from sizi.units.models import User

STOPWORDS = frozenset(
    [
        "yang",
        "dan",
        "di",
        "ke",
        "dari",
        "dalam",
        "untuk",
        "pada",
        "dengan",
        "atau",
        "oleh",
        "sebagai",
        "telah",
        "sudah",
        "akan",
        "adalah",
        "ini",
        "itu",
        "tersebut",
        "serta",
        "secara",
        "bagi",
        "para",
        "agar",
        "dapat",
        "terhadap",
        "atas",
        "setiap",
        "seluruh",
        "semua",
        "sebagian",
        "besar",
        "kecil",
        "jika",
        "belum",
        "ada",
        "tidak",
        "ya",
        "terdapat",
        "dilakukan",
        "melakukan",
        "lebih",
        "juga",
        "antara",
        "karena",
        "yaitu",
        "maupun",
        "hal",
        "unit",
        "kerja",
        "instansi",
        "organisasi",
        "zona",
        "integritas",
        "wbk",
        "wbbm",
        "menuju",
        "pembangunan",
        "upaya",
        "kegiatan",
        "nya",
        "masing",
        "tiap",
        "sesuai",
    ]
)
SUFFIXES = ("nya", "kan", "an", "i")
PREFIXES = (
    "meng",
    "meny",
    "mem",
    "men",
    "me",
    "peng",
    "peny",
    "pem",
    "pen",
    "pe",
    "di",
    "ber",
    "ter",
)
SUGGEST_THRESHOLD = 0.12
SUGGEST_PER_INDICATOR = 3


def _stem(word: str) -> str:
    for prefix in PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 4:
            word = word[len(prefix) :]
            break
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def tokens(text: str) -> set[str]:
    """Return the content words of `text`: lowercased, stopwords removed, stemmed."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {_stem(w) for w in words if w not in STOPWORDS and len(w) > 1}


def trigrams(text: str) -> set[str]:
    """Return the character trigrams of the content words of `text`."""
    grams: set[str] = set()
    for word in tokens(text):
        padded = f" {word} "
        grams |= {padded[i : i + 3] for i in range(len(padded) - 2)}
    return grams


def _overlap(a: set[str], b: set[str]) -> float:
    """Overlap coefficient |a∩b| / min(|a|,|b|), softened by the Dice coefficient."""
    if not a or not b:
        return 0.0
    common = len(a & b)
    return 0.5 * common / min(len(a), len(b)) + 0.5 * 2 * common / (len(a) + len(b))


def similarity(left: str, right: str) -> float:
    """Return a 0..1 similarity of two Indonesian texts (words and trigrams)."""
    return 0.6 * _overlap(tokens(left), tokens(right)) + 0.4 * _overlap(
        trigrams(left), trigrams(right)
    )


@dataclass(frozen=True)
class Suggestion:
    indicator_id: int
    question_id: int
    score: float


def score_pair(indicator_text: str, component: str, question: Question) -> float:
    """Score how well a plan indicator (with its component) serves a question."""
    sub_name = question.sub_area.name
    question_text = f"{question.text} {question.guidance} {sub_name}"
    return 0.45 * similarity(component, sub_name) + 0.55 * similarity(
        f"{indicator_text} {component}", question_text
    )


def suggest(
    indicators: Iterable[Any], questions: Iterable[Question]
) -> list[Suggestion]:
    """Return the best questions of the same area for each indicator, best first."""
    by_area: dict[str, list[Question]] = defaultdict(list)
    for question in questions:
        by_area[question.sub_area.area.code].append(question)
    out: list[Suggestion] = []
    for indicator in indicators:
        component = indicator.component
        candidates = by_area.get(component.area.lke_area, [])
        scored = sorted(
            (
                (score_pair(indicator.text, component.name, q), q.order, q.pk)
                for q in candidates
            ),
            key=lambda t: (-t[0], t[1]),
        )
        for value, _order, qid in scored[:SUGGEST_PER_INDICATOR]:
            if value >= SUGGEST_THRESHOLD:
                out.append(Suggestion(indicator.pk, qid, round(value, 4)))
    return out


def plan_indicators(assessment: Assessment) -> list[Any]:
    """Return the indicators of the unit's action plan for the assessment year."""
    return list(
        Indicator.objects.filter(
            component__area__plan__unit=assessment.unit,
            component__area__plan__year=assessment.year,
        )
        .select_related("component__area")
        .prefetch_related("steps")
        .order_by("component__area__order", "component__order", "order")
    )


@transaction.atomic
def suggest_links(assessment: Assessment, *, by: User | None) -> int:
    """Store suggested links for the unit's plan; confirmed links are kept. Return the count."""
    indicators = plan_indicators(assessment)
    questions = list(
        Question.objects.filter(instrument=assessment.instrument).select_related(
            "sub_area__area"
        )
    )
    existing = {
        (link.indicator_id, link.question_id): link
        for link in QuestionIndicatorLink.objects.filter(indicator__in=indicators)
    }
    QuestionIndicatorLink.objects.filter(
        indicator__in=indicators,
        question__instrument=assessment.instrument,
        confirmed=False,
    ).delete()
    new = [
        QuestionIndicatorLink(
            indicator_id=s.indicator_id,
            question_id=s.question_id,
            suggested_score=s.score,
        )
        for s in suggest(indicators, questions)
        if not (
            (s.indicator_id, s.question_id) in existing
            and existing[(s.indicator_id, s.question_id)].confirmed
        )
    ]
    QuestionIndicatorLink.objects.bulk_create(new)
    audit.record(
        by,
        "lke.links_suggested",
        assessment,
        unit=assessment.unit,
        suggestions=len(new),
    )
    return len(new)


@transaction.atomic
def set_indicator_links(
    assessment: Assessment, indicator: Any, question_ids: list[int], *, by: User
) -> None:
    """Confirm exactly these questions for an indicator (the coordinator's edit)."""
    questions = list(
        Question.objects.filter(instrument=assessment.instrument, pk__in=question_ids)
    )
    links = QuestionIndicatorLink.objects.filter(
        indicator=indicator, question__instrument=assessment.instrument
    )
    before = sorted(
        links.filter(confirmed=True).values_list("question__code", flat=True)
    )
    links.exclude(question__in=questions).delete()
    for question in questions:
        link, _ = QuestionIndicatorLink.objects.get_or_create(
            indicator=indicator, question=question
        )
        link.confirmed = True
        link.confirmed_by = by
        link.save(update_fields=["confirmed", "confirmed_by", "updated_at"])
    audit.record(
        by,
        "lke.links_confirmed",
        assessment,
        unit=assessment.unit,
        indicator=indicator.pk,
        changes={"questions": [before, sorted(q.code for q in questions)]},
    )


@dataclass(frozen=True)
class IndicatorLinkRow:
    """One plan indicator on the coverage page: its links and the questions to pick."""

    indicator: Any
    links: list[QuestionIndicatorLink]
    choices: list[Question]
    confirmed: frozenset[int]

    @property
    def checked(self) -> frozenset[int]:
        """The ticked questions: the confirmed ones, or else the suggestions."""
        if self.confirmed:
            return self.confirmed
        return frozenset(link.question_id for link in self.links)


@dataclass(frozen=True)
class IndicatorLinkGroup:
    """The indicator rows of one LKE area, with counts for the folded heading."""

    label: str
    rows: list[IndicatorLinkRow]

    @property
    def linked(self) -> int:
        return sum(1 for row in self.rows if row.links)

    @property
    def confirmed(self) -> int:
        return sum(1 for row in self.rows if row.confirmed)


def instrument_questions(assessment: Assessment) -> list[Question]:
    """Return the instrument's questions in order, with their sub-area and area."""
    return list(
        Question.objects.filter(instrument=assessment.instrument)
        .select_related("sub_area__area")
        .order_by("order")
    )


def indicator_link_groups(
    assessment: Assessment,
    *,
    indicators: list[Any] | None = None,
    questions: list[Question] | None = None,
) -> list[IndicatorLinkGroup]:
    """Return the plan's indicators with their links, grouped by LKE area (3 queries).

    ``indicators`` and ``questions`` may be given when already loaded.
    """
    if indicators is None:
        indicators = plan_indicators(assessment)
    if questions is None:
        questions = instrument_questions(assessment)
    links: dict[int, list[QuestionIndicatorLink]] = defaultdict(list)
    for link in (
        QuestionIndicatorLink.objects.filter(indicator__in=indicators)
        .select_related("question")
        .order_by("-confirmed", "-suggested_score")
    ):
        links[link.indicator_id].append(link)
    by_area: dict[str, list[Question]] = defaultdict(list)
    for question in questions:
        by_area[question.sub_area.area.code].append(question)
    groups: list[IndicatorLinkGroup] = []
    for indicator in indicators:
        own = links.get(indicator.pk, [])
        row = IndicatorLinkRow(
            indicator=indicator,
            links=own,
            choices=by_area.get(indicator.component.area.lke_area, []),
            confirmed=frozenset(link.question_id for link in own if link.confirmed),
        )
        label = indicator.component.area.get_lke_area_display()
        if not groups or groups[-1].label != label:
            groups.append(IndicatorLinkGroup(label=label, rows=[]))
        groups[-1].rows.append(row)
    return groups


@dataclass
class CoverageReport:
    questions_without_steps: list[Question]
    steps_without_question: list[Any]
    top_without_verified: list[tuple[Question, str]]
    old_evidence: list[tuple[Question, Any]]


@dataclass(frozen=True)
class CoveragePage:
    """What the coverage page shows: the indicator links and the four reports."""

    groups: list[IndicatorLinkGroup]
    report: CoverageReport


def coverage_page(assessment: Assessment) -> CoveragePage:
    """Load the plan's indicators and the questions once for both halves of the page."""
    indicators = plan_indicators(assessment)
    questions = instrument_questions(assessment)
    return CoveragePage(
        groups=indicator_link_groups(
            assessment, indicators=indicators, questions=questions
        ),
        report=coverage_report(assessment, indicators=indicators, questions=questions),
    )


def coverage_report(
    assessment: Assessment,
    *,
    indicators: list[Any] | None = None,
    questions: list[Question] | None = None,
) -> CoverageReport:
    """Return the four coverage reports of an assessment (a fixed number of queries)."""
    if questions is None:
        questions = instrument_questions(assessment)
    if indicators is None:
        indicators = plan_indicators(assessment)
    links = list(
        QuestionIndicatorLink.objects.filter(
            indicator__in=indicators, confirmed=True
        ).values_list("indicator_id", "question_id")
    )
    with_steps = {i.pk for i in indicators if i.steps.all()}
    linked_questions = {qid for iid, qid in links if iid in with_steps}
    linked_indicators = {iid for iid, _ in links}
    steps_without = [
        step
        for indicator in indicators
        if indicator.pk not in linked_indicators
        for step in indicator.steps.all()
    ]
    answers = list(
        Answer.objects.filter(assessment=assessment, layer="self")
        .exclude(value="")
        .prefetch_related("evidence")
    )
    by_question = {q.pk: q for q in questions}
    spec = spec_for(assessment.instrument)
    top_without: list[tuple[Question, str]] = []
    old: list[tuple[Question, Any]] = []
    start = date(assessment.year, 1, 1)
    for answer in answers:
        question = by_question.get(answer.question_id)
        if question is None:
            continue
        items = list(answer.evidence.all())
        if question.options:
            top, shown = answer.value == question.options[0]["letter"], answer.value
        else:  # a percentage item is at its top value at 100 %
            _, value, _ = question_value(
                spec.question(question.code), AnswerInput(inputs=answer.inputs)
            )
            top, shown = value is not None and value >= 1, "100%"
        if top and not any(e.status == Evidence.Status.VERIFIED for e in items):
            top_without.append((question, shown))
        old.extend((question, e) for e in items if e.document_date < start)
    return CoverageReport(
        questions_without_steps=[q for q in questions if q.pk not in linked_questions],
        steps_without_question=steps_without,
        top_without_verified=top_without,
        old_evidence=old,
    )
