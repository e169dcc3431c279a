from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sizi.core"
    verbose_name = "Inti"

    def ready(self) -> None:
        from sizi.core import checks  # noqa: F401 - registers the deploy checks
