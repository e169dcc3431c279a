"""Sign-in, sign-out, password change and reset (Django's auth views, our templates;
the password views audited)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from sizi.units import account_views, notification_views, oidc, two_factor_views
from sizi.units.forms import LoginForm, SurelPasswordResetForm

urlpatterns = [
    # Akun saya: the e-mail choice for notifications (sizi/units/notification_views.py).
    path("", notification_views.account, name="account"),
    path(
        "masuk/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    # SSO instansi (OpenID Connect): back to the login page unless OIDC_* is set.
    path("sso/masuk/", oidc.sso_start, name="oidc_authentication_init"),
    path("sso/kembali/", oidc.sso_callback, name="oidc_authentication_callback"),
    path("keamanan/", two_factor_views.two_factor_overview, name="two_factor"),
    path(
        "keamanan/aktifkan/", two_factor_views.two_factor_setup, name="two_factor_setup"
    ),
    path(
        "keamanan/kode/", two_factor_views.two_factor_verify, name="two_factor_verify"
    ),
    path(
        "keamanan/kode-pemulihan/",
        two_factor_views.two_factor_recovery_codes,
        name="two_factor_recovery_codes",
    ),
    path(
        "keamanan/nonaktifkan/",
        two_factor_views.two_factor_disable,
        name="two_factor_disable",
    ),
    path(
        "sandi/ubah/",
        account_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "sandi/ubah/selesai/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "sandi/lupa/",
        auth_views.PasswordResetView.as_view(form_class=SurelPasswordResetForm),
        name="password_reset",
    ),
    path(
        "sandi/lupa/terkirim/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "sandi/atur/<uidb64>/<token>/",
        account_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "sandi/atur/selesai/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
