from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "sizi.units"
    verbose_name = "Unit & pengguna"

    def ready(self) -> None:
        from sizi.units import signals

        signals.connect()
