"""URLs of the plans app (Rencana Aksi), all under /u/<unit code>/rencana-aksi/."""

from django.urls import path

from sizi.plans.views import inbox, monev, pages, steps, upload

app_name = "plans"

P = "u/<slug:code>/rencana-aksi/"
Y = P + "<int:year>/"

urlpatterns = [
    path("saya/rencana-aksi/", inbox.my_work_panel, name="my_work_panel"),
    path(P, pages.plan_index, name="plan_index"),
    path(P + "terbaru/", pages.plan_latest, name="plan_latest"),
    path(P + "panel/", pages.dashboard_panel, name="dashboard_panel"),
    path(P + "cari-langkah/", steps.step_search, name="step_search"),
    path(P + "impor/", upload.plan_import, name="plan_import"),
    path(P + "impor/baca/<uuid:pk>/", upload.plan_import_read, name="plan_import_read"),
    path(P + "impor/simpan/", upload.plan_import_confirm, name="plan_import_confirm"),
    path(P + "impor/batal/", upload.plan_import_cancel, name="plan_import_cancel"),
    path(Y, pages.plan_detail, name="plan_detail"),
    path(Y + "keputusan/", pages.plan_decree, name="plan_decree"),
    path(Y + "jadwal/", pages.plan_schedule, name="plan_schedule"),
    path(Y + "linimasa/", pages.plan_timeline, name="plan_timeline"),
    path(Y + "unduh/<str:fmt>/", pages.plan_export, name="plan_export"),
    path(Y + "langkah/<int:pk>/", steps.step_detail, name="step_detail"),
    path(Y + "langkah/<int:pk>/status/", steps.step_update, name="step_update"),
    path(
        Y + "langkah/<int:pk>/realisasi/",
        steps.step_realisation,
        name="step_realisation",
    ),
    path(Y + "langkah/<int:pk>/pic/", steps.step_owners, name="step_owners"),
    path(Y + "langkah/<int:pk>/ubah/", steps.step_edit, name="step_edit"),
    path(Y + "langkah/<int:pk>/hapus/", steps.step_delete, name="step_delete"),
    path(Y + "indikator/<int:pk>/", steps.indicator_edit, name="indicator_edit"),
    path(
        Y + "indikator/<int:pk>/langkah/",
        steps.indicator_add_step,
        name="indicator_add_step",
    ),
    path(Y + "monev/", monev.meeting_list, name="meeting_list"),
    path(Y + "monev/laporan/", monev.monev_report, name="monev_report"),
    path(Y + "monev/<int:pk>/", monev.meeting_detail, name="meeting_detail"),
    path(
        Y + "monev/<int:pk>/tindak-lanjut/<int:fu>/",
        monev.follow_up_toggle,
        name="follow_up_toggle",
    ),
]
