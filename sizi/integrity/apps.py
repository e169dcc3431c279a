from django.apps import AppConfig


class IntegrityConfig(AppConfig):
    name = "sizi.integrity"
    verbose_name = "Integritas"
