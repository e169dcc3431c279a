"""URL map. Each app owns its paths; unit-scoped pages live under /u/<code>/."""

from django.contrib import admin
from django.urls import include, path

from sizi.core import views as core_views

admin.site.site_header = "Administrasi SIZI"
admin.site.site_title = "SIZI"
admin.site.index_title = "Administrasi sistem"

urlpatterns = [
    path("akun/", include("sizi.units.account_urls")),
    path("akun/token-api/", include("sizi.api.token_urls")),
    path("api/", include("sizi.api.urls")),
    path("admin/", admin.site.urls),
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon),
    path("", include("sizi.units.urls")),
    path("", include("sizi.plans.urls")),
    path("", include("sizi.evidence.urls")),
    path("", include("sizi.surveys.urls")),
    path("", include("sizi.cases.urls")),
    path("", include("sizi.integrity.urls")),
    path("", include("sizi.lke.urls")),
]

handler400 = "sizi.core.views.bad_request"
handler404 = "sizi.core.views.not_found"
handler403 = "sizi.core.views.forbidden"
handler500 = "sizi.core.views.server_error"
