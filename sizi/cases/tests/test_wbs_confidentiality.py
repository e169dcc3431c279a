"""What the WBS promises a whistleblower: nothing about the request is kept, and
nothing they wrote is readable in the database."""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from sizi.cases.tests.wbs_fixtures import (
    CLIENT_ADDRESS,
    META,
    REFERER,
    SECRET_BODY,
    SECRET_CONTACT,
    SECRET_NAME,
    SECRET_SUMMARY,
    USER_AGENT,
    form_data,
)
from sizi.cases.wbs import receipts
from sizi.cases.wbs.models import WhistleblowReport
from sizi.units.models import Unit, User

pytestmark = pytest.mark.django_db


def _every_stored_value() -> list[tuple[str, bytes]]:
    """Return every value of every column of every table, as bytes."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - table names from the schema
            for row in cursor.fetchall():
                for value in row:
                    if value is None:
                        continue
                    if isinstance(value, bytes | memoryview):
                        found.append((table, bytes(value)))
                    else:
                        found.append((table, str(value).encode()))
    return found


def _tables_holding(needle: str) -> set[str]:
    data = needle.encode()
    return {table for table, value in _every_stored_value() if data in value}


def _submit(client: Client, unit: Unit, **overrides: Any) -> Any:
    return client.post(
        reverse("cases:wbs_submit", args=[unit.code]),
        form_data(**overrides),
        **META,
    )


def _receipt(response: Any) -> str:
    match = re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", response.text)
    assert match, "the receipt page shows the code"
    return match.group(0)


def test_no_request_metadata_is_stored_anywhere(
    client: Client, tree: dict[str, Unit], handler: User
) -> None:
    unit = tree["tanjabbar"]
    response = _submit(client, unit)
    assert response.status_code == 200
    receipt = _receipt(response)
    # Return with the receipt and answer, the other request that a reporter makes.
    client.post(reverse("cases:wbs_login", args=[unit.code]), {"kode": receipt}, **META)
    client.post(
        reverse("cases:wbs_reporter", args=[unit.code]),
        {"pesan": "Tambahan keterangan", "situs_web": ""},
        **META,
    )
    assert WhistleblowReport.objects.count() == 1
    assert WhistleblowReport.objects.get().messages.count() == 1
    for needle in (CLIENT_ADDRESS, USER_AGENT, "PerangkatPelapor", REFERER):
        assert _tables_holding(needle) == set(), needle


def test_database_holds_no_plaintext_of_the_report_identity_or_receipt(
    client: Client, tree: dict[str, Unit], handler: User
) -> None:
    unit = tree["tanjabbar"]
    response = _submit(
        client,
        unit,
        sertakan_identitas="on",
        nama=SECRET_NAME,
        kontak=SECRET_CONTACT,
        tempat="Gudang logistik belakang",
    )
    receipt = _receipt(response)
    assert WhistleblowReport.objects.get().has_identity
    for needle in (
        SECRET_SUMMARY,
        SECRET_BODY,
        "amplop",
        SECRET_NAME,
        SECRET_CONTACT,
        "Gudang logistik",
        receipt,
        receipts.normalize(receipt) or "",
    ):
        assert _tables_holding(needle) == set(), needle


def test_the_search_finds_plaintext_when_it_is_there(
    tree: dict[str, Unit], admin: User
) -> None:
    """The scan above can fail: a plain value in any table is found."""
    tree["tanjabbar"].name = SECRET_SUMMARY
    tree["tanjabbar"].save()
    assert "units_unit" in _tables_holding(SECRET_SUMMARY)


def test_nothing_about_the_request_is_logged(
    client: Client,
    tree: dict[str, Unit],
    handler: User,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    unit = tree["tanjabbar"]
    _submit(client, unit)
    client.post(reverse("cases:wbs_login", args=[unit.code]), {"kode": "SALAH"}, **META)
    client.get("/publik/tidak-ada/wbs/", **META)
    logged = "\n".join(r.getMessage() + str(r.__dict__) for r in caplog.records)
    for needle in (CLIENT_ADDRESS, USER_AGENT, SECRET_SUMMARY, SECRET_BODY):
        assert needle not in logged


def test_wbs_errors_are_logged_without_the_request(
    rf: Any, caplog: pytest.LogCaptureFixture
) -> None:
    from sizi.cases.wbs.logfilter import RedactWbsRequests

    request = rf.post("/publik/kpu-tanjabbar/wbs/", {"uraian": SECRET_BODY}, **META)
    record = logging.LogRecord(
        "django.request",
        logging.ERROR,
        __file__,
        1,
        "Internal Server Error: %s",
        (request.path,),
        None,
    )
    record.request = request
    record.status_code = 500
    assert RedactWbsRequests().filter(record)
    assert not hasattr(record, "request") or record.request is None
    assert "wbs" in record.getMessage().lower()
    other = logging.LogRecord(
        "django.request",
        logging.ERROR,
        __file__,
        1,
        "Internal Server Error: %s",
        ("/u/kpu-tanjabbar/bukti/",),
        None,
    )
    other.request = rf.get("/u/kpu-tanjabbar/bukti/")
    assert RedactWbsRequests().filter(other)
    assert other.request is not None


def test_the_receipt_page_is_never_cached_and_sends_no_referrer_elsewhere(
    client: Client, tree: dict[str, Unit], handler: User
) -> None:
    response = _submit(client, tree["tanjabbar"])
    assert "no-store" in response["Cache-Control"]
    # Never "no-referrer": browsers then send "Origin: null" and CSRF fails.
    assert response["Referrer-Policy"] == "same-origin"


def test_a_reporters_actions_write_no_audit_entry(
    client: Client, tree: dict[str, Unit], handler: User
) -> None:
    from sizi.core.models import AuditEvent

    before = AuditEvent.objects.count()
    unit = tree["tanjabbar"]
    receipt = _receipt(_submit(client, unit))
    client.post(reverse("cases:wbs_login", args=[unit.code]), {"kode": receipt})
    client.post(
        reverse("cases:wbs_reporter", args=[unit.code]),
        {"pesan": "Tambahan", "situs_web": ""},
    )
    assert WhistleblowReport.objects.get().messages.count() == 1
    assert AuditEvent.objects.count() == before


def test_django_request_and_csrf_records_of_wbs_paths_are_redacted_at_the_source(
    tree: dict[str, Unit], handler: User, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        reverse("cases:wbs_submit", args=["kpu-tanjabbar"]), form_data(), **META
    )
    assert response.status_code == 403
    strict.get("/publik/kpu-tanjabbar/wbs/tidak-ada/", **META)
    wbs_records = [
        r
        for r in caplog.records
        if r.name.startswith(("django.request", "django.security"))
    ]
    assert wbs_records, "Django logged the refused and the missing page"
    for record in wbs_records:
        assert getattr(record, "request", None) is None
        assert "rincian disembunyikan" in record.getMessage()


def test_the_office_server_logs_no_client_address_agent_or_referrer() -> None:
    """make run's gunicorn access log: %(h)s address, %(a)s agent, %(f)s referrer."""
    from pathlib import Path

    makefile = (Path(__file__).resolve().parents[3] / "Makefile").read_text()
    line = next(x for x in makefile.splitlines() if x.startswith("ACCESS_LOG_FORMAT"))
    assert "--access-logformat $(ACCESS_LOG_FORMAT)" in makefile
    for atom in ("%(h)s", "%(a)s", "%(f)s", "%(r)s", "%(q)s", "{"):
        assert atom not in line
