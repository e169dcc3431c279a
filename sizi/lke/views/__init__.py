"""LKE pages: the answering page, the score page and the review actions.

Each view opens with the unit access (404 for a unit the user may not see),
then checks the layer right, parses a form, calls a service and responds.

The views are split by what the user is doing; `urls.py` imports them from here.
"""

from sizi.lke.views.answering import (
    answer_area,
    answer_evidence,
    answer_evidence_search,
    answer_evidence_upload,
    answer_percent,
    answer_save,
    answer_start,
    assessment_list,
    results_edit,
    review_note_add,
    review_note_withdraw,
)
from sizi.lke.views.closing import (
    assessment_approve,
    finding_step,
    findings_page,
    note_reply,
    predicates,
    report_docx,
    report_issue,
)
from sizi.lke.views.inbox import my_work_panel
from sizi.lke.views.registers import answer_from_register, results_from_surveys
from sizi.lke.views.reports import (
    coverage,
    dashboard_panel,
    rollup,
    score,
)
from sizi.lke.views.workbook import (
    workbook_export,
    workbook_import,
    workbook_import_job,
    workbook_import_new,
)
from sizi.lke.views.workflow import (
    assessment_conclude,
    assessment_forward,
    assessment_national,
    assessment_return,
    assessment_submit,
    submission_detail,
)

__all__ = [
    "answer_evidence_search",
    "answer_evidence_upload",
    "answer_percent",
    "my_work_panel",
    "assessment_list",
    "answer_start",
    "answer_area",
    "answer_save",
    "answer_evidence",
    "review_note_add",
    "review_note_withdraw",
    "results_edit",
    "results_from_surveys",
    "answer_from_register",
    "submission_detail",
    "assessment_submit",
    "assessment_forward",
    "assessment_return",
    "assessment_conclude",
    "assessment_national",
    "score",
    "rollup",
    "coverage",
    "dashboard_panel",
    "workbook_export",
    "workbook_import",
    "assessment_approve",
    "finding_step",
    "findings_page",
    "note_reply",
    "predicates",
    "report_docx",
    "report_issue",
    "workbook_import_job",
    "workbook_import_new",
]
