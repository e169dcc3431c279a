"""Pure LKE ZI scoring: answers -> values -> sub-areas -> areas -> totals -> eligibility.

No Django, no database: everything comes from an ``InstrumentSpec`` and plain
answers. Decimal arithmetic throughout; values keep full precision and are
rounded (``rules.rounding_digits``, half up) only for display and for the
threshold comparison. The rules the regulation leaves open are described in
``docs/lke-scoring.md`` and returned by :func:`rule_notes` for the UI.
"""

from sizi.lke.scoring.compute import (
    hasil_item_value,
    percent_value,
    question_value,
    score,
    score_values,
    sub_area_value,
)
from sizi.lke.scoring.readiness import improvement_candidates, rule_notes
from sizi.lke.scoring.results import (
    AnswerInput,
    AreaScore,
    Candidate,
    Check,
    Eligibility,
    Failure,
    HasilGroupScore,
    HasilInputs,
    HasilItemScore,
    QuestionScore,
    RuleNote,
    Score,
    ScoreWarning,
    SubAreaScore,
    format_id,
    quantize,
)
from sizi.lke.scoring.thresholds import eligibility

__all__ = [
    "AnswerInput",
    "AreaScore",
    "Candidate",
    "Check",
    "Eligibility",
    "Failure",
    "HasilGroupScore",
    "HasilInputs",
    "HasilItemScore",
    "QuestionScore",
    "RuleNote",
    "Score",
    "ScoreWarning",
    "SubAreaScore",
    "eligibility",
    "format_id",
    "hasil_item_value",
    "improvement_candidates",
    "percent_value",
    "quantize",
    "question_value",
    "rule_notes",
    "score",
    "score_values",
    "sub_area_value",
]
