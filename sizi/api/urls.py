"""The REST API, version 1, under /api/v1/ (OpenAPI at /api/v1/openapi.json)."""

from django.urls import path
from django.views.generic import RedirectView

from sizi.api.api import api

urlpatterns = [
    # The bare version root leads people to the browsable documentation.
    path(
        "v1/",
        RedirectView.as_view(pattern_name="api:openapi-view"),
        name="api_root",
    ),
    path("v1/", api.urls),
]
