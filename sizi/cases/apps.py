from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "sizi.cases"
    verbose_name = "Saluran publik"

    def ready(self) -> None:
        from sizi.cases.wbs import checks  # noqa: F401  (registers the WBS key check)
