from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "sizi.evidence"
    verbose_name = "Bukti Fisik"
