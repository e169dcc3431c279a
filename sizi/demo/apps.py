from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "sizi.demo"
    verbose_name = "Data demo"
