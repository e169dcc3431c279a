"""The REST API, version 1, under /api/v1/ (OpenAPI at /api/v1/openapi.json)."""

from django.urls import path

from sizi.api.api import api

urlpatterns = [path("v1/", api.urls)]
