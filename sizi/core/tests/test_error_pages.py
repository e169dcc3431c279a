"""Django's English or empty error answers get SIZI's Indonesian pages."""

from __future__ import annotations

from django.test import Client


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
