from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "sizi.surveys"
    verbose_name = "Survei"
