"""URLs of the surveys app: one path per line so both halves can add theirs."""

from django.urls import path

from sizi.surveys.views import (
    entry,
    imports,
    periods,
    public,
    published,
    report,
    responses,
    results,
    setup,
)

app_name = "surveys"
P = "u/<slug:code>/survei/"
urlpatterns = [
    path(P, periods.period_list, name="period_list"),
    path(f"{P}baru/", periods.period_create, name="period_create"),
    path(f"{P}layanan/", setup.setup, name="setup"),
    path(f"{P}layanan/tambah/", setup.service_type_add, name="service_type_add"),
    path(
        f"{P}layanan/<int:pk>/aktif/",
        setup.service_type_toggle,
        name="service_type_toggle",
    ),
    path(f"{P}pertanyaan/tambah/", setup.question_add, name="question_add"),
    path(
        f"{P}pertanyaan/<int:pk>/aktif/",
        setup.question_toggle,
        name="question_toggle",
    ),
    path(f"{P}<int:pk>/", periods.period_detail, name="period_detail"),
    path(f"{P}<int:pk>/ubah/", periods.period_edit, name="period_edit"),
    path(f"{P}<int:pk>/buka/", periods.period_open, name="period_open"),
    path(f"{P}<int:pk>/tutup/", periods.period_close, name="period_close"),
    path(f"{P}<int:pk>/buka-kembali/", periods.period_reopen, name="period_reopen"),
    path(f"{P}<int:pk>/umumkan/", periods.period_publish, name="period_publish"),
    path(f"{P}<int:pk>/tarik/", periods.period_withdraw, name="period_withdraw"),
    path(f"{P}<int:pk>/poster/", periods.period_poster, name="period_poster"),
    path(f"{P}<int:pk>/kertas/", entry.paper_entry, name="paper_entry"),
    path(f"{P}<int:pk>/hasil/", results.results_page, name="results"),
    path(f"{P}<int:pk>/jawaban/", responses.response_list, name="responses"),
    path(
        f"{P}<int:pk>/jawaban/<int:response_pk>/tanda/",
        responses.response_flag,
        name="response_flag",
    ),
    path(f"{P}<int:pk>/tindak-lanjut/", results.follow_up_create, name="follow_up"),
    path(f"{P}<int:pk>/laporan.pdf", report.report_pdf, name="report_pdf"),
    path(f"{P}<int:pk>/laporan.docx", report.report_docx, name="report_docx"),
    path(f"{P}<int:pk>/arsipkan/", report.report_archive, name="report_archive"),
    # Public pages (no sign-in): the form by its short link, the published results.
    path("s/<slug:token>/", public.survey_form, name="public_form"),
    path("s/<slug:token>/terima-kasih/", public.survey_thanks, name="public_thanks"),
    path("publik/<slug:code>/survei/", published.public_index, name="public_index"),
    path(
        "publik/<slug:code>/survei/<slug:token>/",
        published.public_results,
        name="public_results",
    ),
    # Import of a Google Forms / spreadsheet export (views/imports.py).
    path(f"{P}<int:pk>/impor/", imports.import_upload, name="import_upload"),
    path(f"{P}<int:pk>/impor/kolom/", imports.import_mapping, name="import_mapping"),
    path(
        f"{P}<int:pk>/impor/pratinjau/", imports.import_preview, name="import_preview"
    ),
    path(f"{P}<int:pk>/impor/simpan/", imports.import_confirm, name="import_confirm"),
]
