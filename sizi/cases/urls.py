"""URLs of the public channels: public pages under /publik/<code>/, staff under /u/<code>/."""

from django.urls import path

from sizi.cases.channel_urls import channel_patterns
from sizi.cases.views import public_page, wbs, wbs_public

app_name = "cases"
PUB = "publik/<slug:code>/"
WBS = "u/<slug:code>/wbs/"

urlpatterns = [
    # --- The unit's public page ------------------------------------------------
    path(PUB, public_page.public_page, name="public_page"),
    path(f"{PUB}berkas/<str:kind>/", public_page.public_file, name="public_file"),
    path(
        "u/<slug:code>/halaman-publik/",
        public_page.public_page_edit,
        name="public_page_edit",
    ),
    # --- WBS: the whistleblower's pages (no sign-in) ------------------------------
    path(f"{PUB}wbs/", wbs_public.wbs_submit, name="wbs_submit"),
    path(f"{PUB}wbs/masuk/", wbs_public.wbs_login, name="wbs_login"),
    path(f"{PUB}wbs/laporan-saya/", wbs_public.wbs_reporter, name="wbs_reporter"),
    path(f"{PUB}wbs/keluar/", wbs_public.wbs_logout, name="wbs_logout"),
    # --- WBS: handlers, custodians, pimpinan ----------------------------------------
    path(WBS, wbs.wbs_index, name="wbs_index"),
    path(f"{WBS}petugas/", wbs.wbs_officers, name="wbs_officers"),
    path(
        f"{WBS}petugas/<int:pk>/akhiri/",
        wbs.wbs_officer_remove,
        name="wbs_officer_remove",
    ),
    path(f"{WBS}masa-simpan/", wbs.wbs_retention, name="wbs_retention"),
    path(f"{WBS}rekap/", wbs.wbs_recap, name="wbs_recap"),
    path(f"{WBS}identitas/", wbs.wbs_identity_list, name="wbs_identity_list"),
    path(
        f"{WBS}identitas/<int:pk>/putuskan/",
        wbs.wbs_identity_decide,
        name="wbs_identity_decide",
    ),
    path(f"{WBS}<int:pk>/", wbs.wbs_report, name="wbs_report"),
    path(f"{WBS}<int:pk>/pesan/", wbs.wbs_message, name="wbs_message"),
    path(f"{WBS}<int:pk>/status/", wbs.wbs_status, name="wbs_status"),
    path(
        f"{WBS}<int:pk>/lampiran/<int:attachment>/",
        wbs.wbs_attachment,
        name="wbs_attachment",
    ),
    path(
        f"{WBS}<int:pk>/identitas/",
        wbs.wbs_identity_request,
        name="wbs_identity_request",
    ),
    path(
        f"{WBS}<int:pk>/identitas/lihat/",
        wbs.wbs_identity_show,
        name="wbs_identity_show",
    ),
] + channel_patterns
