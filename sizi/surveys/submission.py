"""One respondent's answers as every intake path hands them over (pure, Django-free).

The public form, the paper data-entry page and the import all build a
`ResponseInput` and let `services.record_response` store it. `check_input`
says, in Indonesian and naming the question or field, what is missing or
outside the instrument; every index question must be answered (zi-rules §8.3:
SIZI never scores a half-filled questionnaire, the form shows it again).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sizi.surveys.instruments.definition import Instrument


@dataclass(frozen=True)
class ResponseInput:
    """A respondent's answers: index values by question code, demographic codes, text."""

    answers: Mapping[str, int]
    service_type_id: int | None = None
    gender: str = ""
    age_group: str = ""
    education: str = ""
    occupation: str = ""
    suggestion: str = ""
    extra_answers: Mapping[str, str] = field(default_factory=dict)
    submitted_at: datetime | None = None
    source_row: int | None = None

    def demographic(self, code: str) -> str:
        value: str = getattr(self, code)
        return value


def check_input(
    instrument: Instrument, data: ResponseInput, *, require_demographics: bool = True
) -> list[str]:
    """Return what is wrong with `data` for `instrument` (empty when it is complete).

    An imported file may lack a demographic column (the unit's old form did not
    ask it): `require_demographics=False` accepts an empty value there.
    """
    problems: list[str] = []
    for question in instrument.questions:
        value = data.answers.get(question.code)
        if value is None:
            problems.append(f"{question.code} {question.name}: belum dijawab.")
        elif not instrument.scale_min <= value <= instrument.scale_max:
            problems.append(
                f"{question.code} {question.name}: nilai {value} di luar skala "
                f"{instrument.scale_min}–{instrument.scale_max}."
            )
    unknown = sorted(set(data.answers) - set(instrument.question_codes))
    if unknown:
        problems.append(f"Pertanyaan tidak dikenal: {', '.join(unknown)}.")
    for demographic in instrument.demographics:
        chosen = data.demographic(demographic.code)
        codes = {c.code for c in demographic.choices}
        if not chosen and demographic.required and require_demographics:
            problems.append(f"{demographic.label}: wajib diisi.")
        elif chosen and chosen not in codes:
            problems.append(f"{demographic.label}: pilihan '{chosen}' tidak dikenal.")
    return problems
