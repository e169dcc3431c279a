from django.apps import AppConfig


class LkeConfig(AppConfig):
    name = "sizi.lke"
    verbose_name = "LKE ZI"
