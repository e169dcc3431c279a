from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "sizi.plans"
    verbose_name = "Rencana Aksi"
