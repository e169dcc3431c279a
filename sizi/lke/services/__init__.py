"""Database adapters of the LKE: every write, and the reads that feed the pages.

The pure cores live in their own packages (``sizi.lke.instrument``,
``sizi.lke.scoring``, ``sizi.lke.workbook``); the modules here load and store
what those compute:

- ``answers``: start an assessment, save answers, evidence links, Hasil inputs;
- ``workflow``: open layers, submit, review notes, return, forward, conclude, TPN;
- ``scores``: score stored answers per layer and refresh the cached scores;
- ``instrument``: load an instrument file into the database, its spec back;
- ``workbook``: export and import an assessment as the official workbook;
- ``previews``: previewed workbook uploads kept in private storage;
- ``snapshots``: the canonical JSON and SHA-256 of a frozen submission;
- ``coverage``, ``readiness``, ``rollup``: links to the action plan and reports.

The writes of ``answers`` and ``workflow`` are re-exported here, so views
call ``services.answer_question(...)``.
"""

from sizi.lke.services.answers import (
    PERCENT_DONE,
    CleanAnswer,
    StaleVersionError,
    answer_question,
    clean_answer,
    save_result_inputs,
    set_answer_evidence,
    start_assessment,
)
from sizi.lke.services.workflow import (
    add_review_note,
    conclude_assessment,
    forward_assessment,
    missing_questions,
    open_layers,
    open_returns,
    record_national,
    return_assessment,
    submit_assessment,
    withdraw_review_note,
)

__all__ = [
    "PERCENT_DONE",
    "CleanAnswer",
    "StaleVersionError",
    "add_review_note",
    "answer_question",
    "clean_answer",
    "conclude_assessment",
    "forward_assessment",
    "missing_questions",
    "open_layers",
    "open_returns",
    "record_national",
    "return_assessment",
    "save_result_inputs",
    "set_answer_evidence",
    "start_assessment",
    "submit_assessment",
    "withdraw_review_note",
]
