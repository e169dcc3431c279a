from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sizi.core"
    verbose_name = "Inti"

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from sizi.core import checks  # noqa: F401 - registers the deploy checks

        # Each app's audit_fields.py fills sizi.core.audit_display.REGISTRY.
        autodiscover_modules("audit_fields")
