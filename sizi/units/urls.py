from django.urls import path

from sizi.units import downloads, notification_views, views

app_name = "units"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("sistem/", views.system_overview, name="system_overview"),
    path("unduhan/", downloads.my_downloads, name="my_downloads"),
    path("unduhan/<uuid:pk>/", downloads.job_detail, name="job_detail"),
    path("unduhan/<uuid:pk>/berkas/", downloads.job_download, name="job_download"),
    path("notifikasi/", notification_views.notification_list, name="notifications"),
    path(
        "notifikasi/lonceng/",
        notification_views.notification_bell,
        name="notification_bell",
    ),
    path(
        "notifikasi/baca-semua/",
        notification_views.notifications_read_all,
        name="notifications_read_all",
    ),
    path(
        "notifikasi/<int:pk>/",
        notification_views.notification_open,
        name="notification_open",
    ),
    path("u/<slug:code>/", views.unit_dashboard, name="unit_dashboard"),
    path("u/<slug:code>/audit/", views.audit_log, name="audit_log"),
    path("u/<slug:code>/anggota/", views.unit_members, name="unit_members"),
    path(
        "u/<slug:code>/anggota/<int:pk>/hapus/",
        views.membership_remove,
        name="membership_remove",
    ),
]
