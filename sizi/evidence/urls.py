from django.urls import path

from sizi.evidence import views

app_name = "evidence"
P = "u/<slug:code>/bukti/"
urlpatterns = [
    path(P, views.evidence_list, name="list"),
    path(f"{P}kelengkapan/", views.evidence_missing, name="missing"),
    path(f"{P}unggah/", views.evidence_upload, name="upload"),
    path(f"{P}tautan/", views.evidence_link_create, name="link_create"),
    path(f"{P}paket/", views.evidence_pack, name="pack"),
    path(f"{P}<int:pk>/", views.evidence_detail, name="detail"),
    path(f"{P}<int:pk>/ubah/", views.evidence_edit, name="edit"),
    path(f"{P}<int:pk>/revisi/", views.evidence_revision_add, name="revision_add"),
    path(f"{P}<int:pk>/langkah/", views.evidence_steps, name="steps"),
    path(f"{P}<int:pk>/ajukan/", views.evidence_submit, name="submit"),
    path(f"{P}<int:pk>/verifikasi/", views.evidence_verify, name="verify"),
    path(f"{P}<int:pk>/kembalikan/", views.evidence_return, name="return"),
    path(f"{P}<int:pk>/unduh/<int:number>/", views.evidence_download, name="download"),
    path(f"{P}permintaan/", views.request_list, name="request_list"),
    path(f"{P}permintaan/baru/", views.request_create, name="request_create"),
    path(
        f"{P}permintaan/<int:pk>/penuhi/", views.request_fulfil, name="request_fulfil"
    ),
    path(
        f"{P}permintaan/<int:pk>/batalkan/", views.request_cancel, name="request_cancel"
    ),
    path(f"{P}permintaan/terlambat/", views.overdue_panel, name="overdue_panel"),
]
