from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "sizi.units"
    verbose_name = "Unit & pengguna"
