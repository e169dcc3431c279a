from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "sizi.api"
    verbose_name = "API"
