from django.urls import path

from sizi.evidence.views import files, inbox, library, monev, requests

app_name = "evidence"
P = "u/<slug:code>/bukti/"
urlpatterns = [
    path("saya/bukti/", inbox.my_work_panel, name="my_work_panel"),
    path(P, library.evidence_list, name="list"),
    path(f"{P}kelengkapan/", library.evidence_missing, name="missing"),
    path(f"{P}unggah/", library.evidence_upload, name="upload"),
    path(f"{P}tautan/", library.evidence_link_create, name="link_create"),
    path(f"{P}paket/", files.evidence_pack, name="pack"),
    path(
        f"{P}laporan-monev/<int:year>/",
        monev.monev_report_file,
        name="monev_report_file",
    ),
    path(f"{P}<int:pk>/", library.evidence_detail, name="detail"),
    path(f"{P}<int:pk>/ubah/", library.evidence_edit, name="edit"),
    path(f"{P}<int:pk>/revisi/", library.evidence_revision_add, name="revision_add"),
    path(f"{P}<int:pk>/langkah/", library.evidence_steps, name="steps"),
    path(f"{P}<int:pk>/ajukan/", library.evidence_submit, name="submit"),
    path(f"{P}<int:pk>/verifikasi/", library.evidence_verify, name="verify"),
    path(f"{P}<int:pk>/kembalikan/", library.evidence_return, name="return"),
    path(f"{P}<int:pk>/unduh/<int:number>/", files.evidence_download, name="download"),
    path(f"{P}permintaan/", requests.request_list, name="request_list"),
    path(f"{P}permintaan/baru/", requests.request_create, name="request_create"),
    path(
        f"{P}permintaan/<int:pk>/penuhi/",
        requests.request_fulfil,
        name="request_fulfil",
    ),
    path(
        f"{P}permintaan/<int:pk>/batalkan/",
        requests.request_cancel,
        name="request_cancel",
    ),
    path(f"{P}permintaan/terlambat/", requests.overdue_panel, name="overdue_panel"),
]
