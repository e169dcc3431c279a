from django.urls import path

from sizi.integrity.views import conflict, evaluation, gratification, risk, upg, wealth

app_name = "integrity"
P = "u/<slug:code>/integritas/"
G = f"{P}gratifikasi/"
urlpatterns = [
    path("saya/integritas/", upg.my_work_panel, name="my_work_panel"),
    path(P, gratification.home, name="home"),
    path(G, gratification.report_list, name="gratification_list"),
    path(f"{G}lapor/", gratification.report_create, name="gratification_create"),
    path(f"{G}periksa/", gratification.value_check, name="gratification_value_check"),
    path(f"{G}<int:pk>/", gratification.report_detail, name="gratification_detail"),
    path(f"{G}<int:pk>/ubah/", gratification.report_edit, name="gratification_edit"),
    path(
        f"{G}<int:pk>/verifikasi/",
        gratification.report_verify,
        name="gratification_verify",
    ),
    path(
        f"{G}<int:pk>/lengkapi/",
        gratification.report_request_completion,
        name="gratification_request_completion",
    ),
    path(
        f"{G}<int:pk>/teruskan/",
        gratification.report_forward,
        name="gratification_forward",
    ),
    path(
        f"{G}<int:pk>/penetapan/",
        gratification.report_decide,
        name="gratification_decide",
    ),
    path(
        f"{G}<int:pk>/penyerahan/",
        gratification.report_handover,
        name="gratification_handover",
    ),
    path(f"{G}upg/", upg.member_list, name="upg_members"),
    path(f"{G}upg/<int:pk>/cabut/", upg.member_remove, name="upg_member_remove"),
    path(f"{G}laporan-upg/", upg.upg_report_view, name="upg_report"),
    path(f"{G}kampanye-publik/", upg.public_campaign, name="public_campaign"),
    path(f"{P}lhkpn/", wealth.wealth_list, name="wealth_list"),
    path(
        f"{P}lhkpn/tarik-anggota/", wealth.wealth_add_members, name="wealth_add_members"
    ),
    path(f"{P}lhkpn/unduh/", wealth.wealth_export, name="wealth_export"),
    path(f"{P}lhkpn/<int:pk>/ubah/", wealth.wealth_edit, name="wealth_edit"),
    path(f"{P}lhkpn/<int:pk>/hapus/", wealth.wealth_remove, name="wealth_remove"),
    path(f"{P}risiko/", risk.risk_register, name="risk_register"),
    path(f"{P}risiko/tambah/", risk.risk_create, name="risk_create"),
    path(f"{P}risiko/unduh/", risk.risk_export, name="risk_export"),
    path(f"{P}risiko/<int:pk>/", risk.risk_detail, name="risk_detail"),
    path(f"{P}risiko/<int:pk>/ubah/", risk.risk_edit, name="risk_edit"),
    path(f"{P}risiko/<int:pk>/rtp/", risk.risk_action_add, name="risk_action_add"),
    path(f"{P}risiko/<int:pk>/pantau/", risk.risk_monitor, name="risk_monitor"),
    path(f"{P}risiko/<int:pk>/hapus/", risk.risk_remove, name="risk_remove"),
    path(f"{P}rtp/<int:pk>/hapus/", risk.risk_action_remove, name="risk_action_remove"),
    path(f"{P}pernyataan/", conflict.campaign_list, name="campaign_list"),
    path(f"{P}pernyataan/baru/", conflict.campaign_create, name="campaign_create"),
    path(f"{P}pernyataan/<int:pk>/", conflict.campaign_detail, name="campaign_detail"),
    path(
        f"{P}pernyataan/<int:pk>/arsipkan/",
        conflict.campaign_file,
        name="campaign_file",
    ),
    path(
        f"{P}tanda-tangan/<int:pk>/", conflict.signature_detail, name="signature_detail"
    ),
    path(
        f"{P}tanda-tangan/<int:pk>/tandatangani/",
        conflict.signature_sign,
        name="signature_sign",
    ),
    path(
        f"{P}tanda-tangan/<int:pk>/putuskan/",
        conflict.signature_decide,
        name="signature_decide",
    ),
    path(f"{P}matrik-benturan/", conflict.conflict_map, name="conflict_map"),
    path(
        f"{P}matrik-benturan/<int:pk>/hapus/",
        conflict.conflict_map_remove,
        name="conflict_map_remove",
    ),
    path(
        f"{P}evaluasi-benturan/",
        evaluation.evaluation_list,
        name="conflict_evaluations",
    ),
    path(
        f"{P}evaluasi-benturan/<int:pk>/tindak-lanjut/",
        evaluation.evaluation_follow_up,
        name="conflict_follow_up",
    ),
]
