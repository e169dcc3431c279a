from django.urls import URLPattern, path

from sizi.integrity.views import gratification

app_name = "integrity"
P = "u/<slug:code>/integritas/"
urlpatterns: list[URLPattern] = [
    path(f"{P}", gratification.home, name="home"),
]
