from django.urls import path

from sizi.units import views

app_name = "units"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("sistem/", views.system_overview, name="system_overview"),
    path("u/<slug:code>/", views.unit_dashboard, name="unit_dashboard"),
    path("u/<slug:code>/audit/", views.audit_log, name="audit_log"),
    path("u/<slug:code>/anggota/", views.unit_members, name="unit_members"),
    path(
        "u/<slug:code>/anggota/<int:pk>/hapus/",
        views.membership_remove,
        name="membership_remove",
    ),
]
