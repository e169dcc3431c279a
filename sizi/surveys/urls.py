"""URLs of the surveys app: one path per line so both halves can add theirs."""

from django.urls import path

from sizi.surveys.views import imports, periods

app_name = "surveys"
P = "u/<slug:code>/survei/"
urlpatterns = [
    path(P, periods.period_list, name="period_list"),
    # Import of a Google Forms / spreadsheet export (views/imports.py).
    path(f"{P}<int:pk>/impor/", imports.import_upload, name="import_upload"),
    path(f"{P}<int:pk>/impor/kolom/", imports.import_mapping, name="import_mapping"),
    path(
        f"{P}<int:pk>/impor/pratinjau/", imports.import_preview, name="import_preview"
    ),
    path(f"{P}<int:pk>/impor/simpan/", imports.import_confirm, name="import_confirm"),
]
