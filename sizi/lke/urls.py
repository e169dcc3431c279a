from django.urls import path

from sizi.lke import views

app_name = "lke"
urlpatterns = [
    path("saya/lke/", views.my_work_panel, name="my_work_panel"),
    path("u/<slug:code>/lke/", views.assessment_list, name="assessment_list"),
    path("u/<slug:code>/lke/rekap/", views.rollup, name="rollup"),
    path("u/<slug:code>/lke/impor/", views.workbook_import_new, name="import_new"),
    path(
        "u/<slug:code>/lke/impor/proses/<uuid:pk>/",
        views.workbook_import_job,
        name="import_job",
    ),
    path("u/<slug:code>/lke/panel/", views.dashboard_panel, name="dashboard_panel"),
    path("u/<slug:code>/lke/predikat/", views.predicates, name="predicates"),
    path("u/<slug:code>/lke/<int:year>/", views.score, name="score"),
    path("u/<slug:code>/lke/<int:year>/isi/", views.answer_start, name="answer_start"),
    path(
        "u/<slug:code>/lke/<int:year>/isi/<str:area>/",
        views.answer_area,
        name="answer_area",
    ),
    path(
        "u/<slug:code>/lke/<int:year>/jawab/<str:question>/",
        views.answer_save,
        name="answer_save",
    ),
    path(
        "u/<slug:code>/lke/<int:year>/persen/<str:question>/",
        views.answer_percent,
        name="answer_percent",
    ),
    path(
        "u/<slug:code>/lke/<int:year>/bukti/<str:question>/",
        views.answer_evidence,
        name="answer_evidence",
    ),
    path(
        "u/<slug:code>/lke/<int:year>/bukti/<str:question>/unggah/",
        views.answer_evidence_upload,
        name="answer_evidence_upload",
    ),
    path(
        "u/<slug:code>/lke/<int:year>/bukti/<str:question>/cari/",
        views.answer_evidence_search,
        name="answer_evidence_search",
    ),
    path(
        "u/<slug:code>/lke/<int:year>/catatan/<str:question>/",
        views.review_note_add,
        name="review_note_add",
    ),
    path(
        "u/<slug:code>/lke/<int:year>/catatan/<int:pk>/tarik/",
        views.review_note_withdraw,
        name="review_note_withdraw",
    ),
    path("u/<slug:code>/lke/<int:year>/hasil/", views.results_edit, name="results"),
    path(
        "u/<slug:code>/lke/<int:year>/hasil/dari-survei/",
        views.results_from_surveys,
        name="results_from_surveys",
    ),
    path(
        "u/<slug:code>/lke/<int:year>/register/<str:question>/",
        views.answer_from_register,
        name="answer_from_register",
    ),
    path(
        "u/<slug:code>/lke/<int:year>/ajukan/", views.assessment_submit, name="submit"
    ),
    path(
        "u/<slug:code>/lke/<int:year>/setujui/",
        views.assessment_approve,
        name="approve",
    ),
    path("u/<slug:code>/lke/<int:year>/lhe/", views.report_issue, name="report_issue"),
    path(
        "u/<slug:code>/lke/<int:year>/lhe/<int:number>.docx",
        views.report_docx,
        name="report_docx",
    ),
    path("u/<slug:code>/lke/<int:year>/temuan/", views.findings_page, name="findings"),
    path(
        "u/<slug:code>/lke/<int:year>/catatan/<int:pk>/tindak-lanjut/",
        views.finding_step,
        name="finding_step",
    ),
    path(
        "u/<slug:code>/lke/<int:year>/catatan/<int:pk>/tanggapan/",
        views.note_reply,
        name="note_reply",
    ),
    path(
        "u/<slug:code>/lke/<int:year>/teruskan/",
        views.assessment_forward,
        name="forward",
    ),
    path(
        "u/<slug:code>/lke/<int:year>/kembalikan/",
        views.assessment_return,
        name="return",
    ),
    path(
        "u/<slug:code>/lke/<int:year>/simpulkan/",
        views.assessment_conclude,
        name="conclude",
    ),
    path(
        "u/<slug:code>/lke/<int:year>/tpn/", views.assessment_national, name="national"
    ),
    path(
        "u/<slug:code>/lke/<int:year>/snapshot/<int:number>/",
        views.submission_detail,
        name="submission",
    ),
    path("u/<slug:code>/lke/<int:year>/cakupan/", views.coverage, name="coverage"),
    path(
        "u/<slug:code>/lke/<int:year>/unduh.xlsx", views.workbook_export, name="export"
    ),
    path("u/<slug:code>/lke/<int:year>/unggah/", views.workbook_import, name="import"),
]
