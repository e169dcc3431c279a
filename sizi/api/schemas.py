"""The API's request and response shapes (pydantic, through django-ninja).

Numbers in paths, queries and bodies are bounded here (``Field(ge=…, le=…)``)
and text that carries a number goes through ``sizi.core.numbers`` in the Django
form the view uses as well, so the API accepts exactly what the pages accept.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from ninja import Field, Schema
from pydantic import BeforeValidator, StrictBool, StrictInt

#: The largest primary key a database holds.
MAX_ID = 2**63 - 1
MAX_PAGE_SIZE = 100

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Year = Annotated[int, Field(ge=2000, le=2100)]
UnitCode = Annotated[str, Field(pattern=r"^[-a-zA-Z0-9_]+$", max_length=60)]
QuestionCode = Annotated[str, Field(pattern=r"^[-a-zA-Z0-9_.]+$", max_length=40)]


def _date_text(value: object) -> object:
    """A date in a JSON body is text (TTTT-BB-HH), never a number of seconds."""
    if not isinstance(value, str | date):
        raise ValueError("harus tanggal dengan bentuk TTTT-BB-HH")
    return value


IsoDate = Annotated[date, BeforeValidator(_date_text)]
InputCode = Annotated[str, Field(max_length=40)]
InputValue = (
    Annotated[int, Field(ge=0, le=10**15)] | Annotated[str, Field(max_length=40)]
)


class ErrorOut(Schema):
    """Every error: an Indonesian sentence saying what and where."""

    detail: str


class FieldErrorOut(ErrorOut):
    """A refused input: the sentence and the message of each field."""

    errors: dict[str, list[str]] = {}


class MeOut(Schema):
    username: str
    full_name: str
    is_admin: bool


class UnitOut(Schema):
    code: str
    name: str
    short_name: str
    level: str
    level_name: str
    parent: str | None
    city: str
    #: Roles held here (membership role values); inherited roles end in "@induk".
    roles: list[str]


class UnitRightsOut(Schema):
    can_manage: bool
    can_manage_members: bool
    can_view_audit: bool
    can_contribute: bool


class UnitDetailOut(UnitOut):
    rights: UnitRightsOut
    plan_years: list[int]
    lke_years: list[int]


class PersonOut(Schema):
    username: str
    full_name: str


class StepOut(Schema):
    id: int
    text: str
    status: str
    progress: int
    owners: list[PersonOut]


class IndicatorOut(Schema):
    id: int
    text: str
    target_raw: str
    target_start: date | None
    target_end: date | None
    steps: list[StepOut]


class ComponentOut(Schema):
    id: int
    number: str
    name: str
    indicators: list[IndicatorOut]


class AreaOut(Schema):
    id: int
    numeral: str
    title: str
    lke_area: str
    components: list[ComponentOut]


class PlanOut(Schema):
    unit: str
    year: int
    number: str
    title: str
    signed_on: date | None
    areas: list[AreaOut]


class RealisationOut(Schema):
    id: int
    description: str
    done_on: date
    note: str
    by: str | None
    created_at: datetime


class StepDetailOut(StepOut):
    indicator_id: int
    can_update: bool
    realisations: list[RealisationOut]


class RealisationIn(Schema):
    description: str = Field(min_length=1, max_length=4000)
    done_on: IsoDate
    note: str = Field("", max_length=4000)
    mark_done: StrictBool = False


class RevisionOut(Schema):
    number: int
    original_name: str
    size: int
    sha256: str
    content_type: str
    uploaded_at: datetime


class EvidenceOut(Schema):
    id: int
    title: str
    kind: str
    url: str
    status: str
    document_date: date
    description: str
    created_at: datetime
    created_by: str | None
    steps: list[int]
    current_revision: RevisionOut | None


class EvidenceDetailOut(EvidenceOut):
    can_edit: bool
    revisions: list[RevisionOut]


class EvidencePageOut(Schema):
    count: int
    page: int
    page_size: int
    results: list[EvidenceOut]


class LayerScoreOut(Schema):
    layer: str
    label: str
    total: str
    enablers: str
    results: str
    answered: int
    question_count: int
    eligible_wbk: bool
    eligible_wbbm: bool
    areas: dict[str, str]


class AssessmentOut(Schema):
    unit: str
    year: int
    instrument: str
    status: str
    #: The layer the token's owner fills now, if any (what a PUT of an answer writes).
    write_layer: str | None
    scores: list[LayerScoreOut]


class AnswerOut(Schema):
    question: str
    layer: str
    value: str
    inputs: dict[str, int | str | None]
    note: str
    version: int
    updated_by: str | None
    updated_at: datetime | None


class AnswerListOut(Schema):
    layer: str
    answers: list[AnswerOut]


class AnswerIn(Schema):
    #: The layer the caller means to write; refused (403) unless it is theirs now.
    layer: str | None = Field(None, max_length=20)
    value: str = Field("", max_length=20)
    #: The numeric inputs of a percentage item, as numbers or as text.
    inputs: dict[InputCode, InputValue] = Field(default_factory=dict, max_length=20)
    note: str = Field("", max_length=5000)
    #: The version the caller last read (0 for a question not yet answered).
    expected_version: StrictInt = Field(ge=0, le=2**31 - 1)


def decimal_text(value: object) -> str | None:
    """A decimal of the apps as exact text ("3.4567"), None when absent."""
    return None if value is None else str(value)


class SurveyPeriodOut(Schema):
    id: int
    title: str
    instrument: str
    year: int
    starts_on: date
    ends_on: date
    status: str
    respondents: int
    required: int
    reached: bool
    suspicious: int


class SurveyLkeValueOut(Schema):
    question: str
    instrument: str
    value: str
    index: str
    period_id: int
    period_title: str
    respondents: int
    minimum: int
    minimum_reached: bool
    warning: str
    source: str


class SkmFrequencyOut(Schema):
    question: str
    count: int
    letter: str
    period_titles: list[str]


class SurveyYearOut(Schema):
    unit: str
    year: int
    periods: list[SurveyPeriodOut]
    #: The LKE Hasil values (H1.a IPAK, H2.a IPKP) the closed periods give.
    lke_values: dict[str, SurveyLkeValueOut | None]
    skm_frequency: SkmFrequencyOut


class SurveyItemOut(Schema):
    code: str
    name: str
    respondents: int
    nrr: str | None
    converted: str | None


class SurveyServiceOut(Schema):
    name: str
    respondents: int
    minimum: int | None
    reached: bool
    index: str | None
    grade: str


class SurveyResultsOut(Schema):
    id: int
    title: str
    instrument: str
    instrument_version: str
    index_name: str
    status: str
    respondents: int
    required: int
    reached: bool
    index: str | None
    converted: str | None
    grade: str
    grade_label: str
    lke_value: str | None
    suspicious: int
    items: list[SurveyItemOut]
    services: list[SurveyServiceOut]


class CountOut(Schema):
    label: str
    count: int


class ComplaintRecapOut(Schema):
    unit: str
    start: date
    end: date
    total: int
    by_channel: list[CountOut]
    by_category: list[CountOut]
    by_status: list[CountOut]
    must_follow_up: int
    in_progress: int
    followed_up: int
    closed: int
    #: R.5.ii: followed up ÷ must follow up, at most 1.
    percentage: float
    median_days_to_follow_up: float | None
    median_days_to_close: float | None
