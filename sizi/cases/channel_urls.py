"""URLs of the complaint and PPID channels (included in `sizi/cases/urls.py`).

Public pages (no sign-in) live under /publik/<code>/, staff pages under
/u/<code>/pengaduan/ and /u/<code>/ppid/. Names are in the `cases` namespace.
"""

from django.urls import path

from sizi.cases.views import (
    complaints,
    complaints_public,
    officers,
    panels,
    ppid,
    ppid_public,
    recap,
)

PUB = "publik/<slug:code>/"
ADU = "u/<slug:code>/pengaduan/"
PPID = "u/<slug:code>/ppid/"

channel_patterns = [
    # --- Pengaduan masyarakat: the citizen's pages --------------------------------
    path(f"{PUB}pengaduan/", complaints_public.complaint_new, name="complaint_new"),
    path(
        f"{PUB}pengaduan/terkirim/",
        complaints_public.complaint_receipt,
        name="complaint_receipt",
    ),
    path(
        f"{PUB}pengaduan/lacak/",
        complaints_public.complaint_track,
        name="complaint_track",
    ),
    path(
        f"{PUB}pengaduan/tanggapi/",
        complaints_public.complaint_respond,
        name="complaint_respond",
    ),
    # --- Pengaduan masyarakat: staff ----------------------------------------------
    path("saya/saluran-publik/", panels.my_work_panel, name="my_work_panel"),
    path(f"{ADU}", complaints.complaint_list, name="complaint_list"),
    path(f"{ADU}catat/", complaints.complaint_register, name="complaint_register"),
    path(f"{ADU}panel/", panels.dashboard_panel, name="dashboard_panel"),
    path(f"{ADU}rekap/", recap.complaint_recap, name="complaint_recap"),
    path(
        f"{ADU}rekap/arsipkan/", recap.complaint_recap_file, name="complaint_recap_file"
    ),
    path(f"{ADU}pengaturan/", officers.channel_settings, name="channel_settings"),
    path(f"{ADU}petugas/", officers.officer_appoint, name="officer_appoint"),
    path(
        f"{ADU}petugas/<int:pk>/akhiri/",
        officers.officer_remove,
        name="officer_remove",
    ),
    path(f"{ADU}<int:pk>/", complaints.complaint_detail, name="complaint_detail"),
    path(
        f"{ADU}<int:pk>/verifikasi/",
        complaints.complaint_verify,
        name="complaint_verify",
    ),
    path(
        f"{ADU}<int:pk>/klasifikasi/",
        complaints.complaint_reclassify,
        name="complaint_reclassify",
    ),
    path(
        f"{ADU}<int:pk>/tugaskan/", complaints.complaint_assign, name="complaint_assign"
    ),
    path(
        f"{ADU}<int:pk>/teruskan/",
        complaints.complaint_forward,
        name="complaint_forward",
    ),
    path(f"{ADU}<int:pk>/balas/", complaints.complaint_reply, name="complaint_reply"),
    path(f"{ADU}<int:pk>/catatan/", complaints.complaint_note, name="complaint_note"),
    path(
        f"{ADU}<int:pk>/tindak-lanjut/",
        complaints.complaint_follow_up,
        name="complaint_follow_up",
    ),
    path(f"{ADU}<int:pk>/tutup/", complaints.complaint_close, name="complaint_close"),
    path(
        f"{ADU}<int:pk>/lampiran/<int:attachment>/",
        complaints.complaint_attachment,
        name="complaint_attachment",
    ),
    # --- PPID: the citizen's pages ------------------------------------------------
    path(f"{PUB}informasi/", ppid_public.info_request_new, name="info_request_new"),
    path(
        f"{PUB}informasi/terkirim/",
        ppid_public.info_request_receipt,
        name="info_request_receipt",
    ),
    path(
        f"{PUB}informasi/lacak/",
        ppid_public.info_request_track,
        name="info_request_track",
    ),
    path(
        f"{PUB}informasi/keberatan/",
        ppid_public.info_request_object,
        name="info_request_object",
    ),
    path(f"{PUB}informasi/daftar/", ppid_public.dip_public, name="dip_public"),
    # --- PPID: staff ----------------------------------------------------------------
    path(PPID, ppid.request_list, name="request_list"),
    path(f"{PPID}catat/", ppid.request_register, name="request_register"),
    path(f"{PPID}<int:pk>/", ppid.request_detail, name="request_detail"),
    path(f"{PPID}<int:pk>/perpanjang/", ppid.request_extend, name="request_extend"),
    path(f"{PPID}<int:pk>/putuskan/", ppid.request_decide, name="request_decide"),
    path(
        f"{PPID}<int:pk>/pemberitahuan.<str:fmt>",
        ppid.request_notice,
        name="request_notice",
    ),
    path(f"{PPID}<int:pk>/keberatan/", ppid.objection_decide, name="objection_decide"),
    path(
        f"{PPID}<int:pk>/keberatan/catat/",
        ppid.objection_register,
        name="objection_register",
    ),
    path(f"{PPID}dip/", ppid.dip_list, name="dip_list"),
    path(f"{PPID}dip/baru/", ppid.dip_edit, name="dip_create"),
    path(f"{PPID}dip/<int:pk>/", ppid.dip_edit, name="dip_edit"),
    path(f"{PPID}dip/<int:pk>/hapus/", ppid.dip_delete, name="dip_delete"),
    path(f"{PPID}laporan/", ppid.ppid_report, name="ppid_report"),
    path(f"{PPID}laporan/arsipkan/", ppid.ppid_report_file, name="ppid_report_file"),
]
