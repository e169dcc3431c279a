from django.urls import path

from sizi.units import downloads, views

app_name = "units"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("sistem/", views.system_overview, name="system_overview"),
    path("unduhan/", downloads.my_downloads, name="my_downloads"),
    path("unduhan/<uuid:pk>/", downloads.job_detail, name="job_detail"),
    path("unduhan/<uuid:pk>/berkas/", downloads.job_download, name="job_download"),
    path("u/<slug:code>/", views.unit_dashboard, name="unit_dashboard"),
    path("u/<slug:code>/audit/", views.audit_log, name="audit_log"),
    path("u/<slug:code>/anggota/", views.unit_members, name="unit_members"),
    path(
        "u/<slug:code>/anggota/<int:pk>/hapus/",
        views.membership_remove,
        name="membership_remove",
    ),
]
