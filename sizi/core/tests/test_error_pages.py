"""Django's English or empty error answers get SIZI's Indonesian pages."""

from __future__ import annotations

import logging

from django.test import Client
from django.urls import reverse


def test_a_bad_host_gets_the_indonesian_400_page(client, db):
    response = client.get("/akun/masuk/", HTTP_HOST="penyerang.example")

    assert response.status_code == 400
    assert "Permintaan tidak sah" in response.content.decode()


def test_a_broken_multipart_body_gets_the_indonesian_400_page(client, alice):
    client.force_login(alice)
    header = "X-Panjang: " + "a" * 20000
    body = (
        "--batas\r\n"
        f'Content-Disposition: form-data; name="file"; filename="a.txt"\r\n{header}\r\n'
        "\r\nisi\r\n--batas--\r\n"
    )

    response = client.generic(
        "POST",
        "/u/kpu-tanjabbar/rencana-aksi/impor/",
        body.encode(),
        content_type="multipart/form-data; boundary=batas",
    )

    assert response.status_code == 400
    assert "Permintaan tidak sah" in response.content.decode()


def test_a_get_to_a_post_only_view_gets_the_indonesian_405_page(client, alice):
    client.force_login(alice)

    response = client.get("/u/kpu-tanjabbar/anggota/1/hapus/")

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    page = response.content.decode()
    assert "Cara membuka halaman tidak sesuai" in page
    assert "permintaan POST" in page
    assert "Content-Security-Policy" in response.headers


def test_a_form_without_csrf_token_gets_the_indonesian_page(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    response = client.post("/u/kpu-tanjabbar/anggota/", {"username": "x"})

    assert response.status_code == 403
    assert "Formulir tidak dapat dikirim" in response.content.decode()


def _request_records(caplog):
    return [r for r in caplog.records if r.name == "django.request"]


def test_a_permission_refusal_is_logged_as_one_line_without_traceback(
    client, vera, caplog
):
    client.force_login(vera)

    with caplog.at_level(logging.INFO, logger="django.request"):
        response = client.get(reverse("units:system_overview"))

    assert response.status_code == 403
    records = _request_records(caplog)
    assert [r.levelno for r in records] == [logging.WARNING]
    assert records[0].exc_info is None and records[0].exc_text is None
    assert "Traceback" not in caplog.text


def test_a_405_and_a_404_are_logged_without_traceback(client, alice, caplog):
    client.force_login(alice)

    with caplog.at_level(logging.INFO, logger="django.request"):
        not_allowed = client.get("/u/kpu-tanjabbar/anggota/1/hapus/")
        missing = client.get("/u/kpu-tanjabtim/")

    assert (not_allowed.status_code, missing.status_code) == (405, 404)
    records = _request_records(caplog)
    assert records and all(r.levelno < logging.ERROR for r in records)
    assert all(r.exc_info is None for r in records)
    assert "Traceback" not in caplog.text
