from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sizi.core"
    verbose_name = "Inti"
