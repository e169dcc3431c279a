from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "sizi.units"
    verbose_name = "Unit & pengguna"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from sizi.units import two_factor

        user_logged_in.connect(
            two_factor.remember_on_sign_in, dispatch_uid="sizi-two-factor-session"
        )
