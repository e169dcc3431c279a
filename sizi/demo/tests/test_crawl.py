"""Link crawl over the demo data: every link a page shows must work for its reader.

For each demo account the crawl starts at "/" and follows, breadth-first, every
internal ``<a href>`` (and every ``hx-get`` panel, fetched as htmx does) with GET
only; it never submits a form. Visits are capped per URL name and unit so the
whole crawl stays under a minute; a download (a file response) is fetched once,
by the first user shown it. It collects every failure and reports them
together: a 5xx, a link that answers 403 or 404 (or sends the user to the
sign-in page) for the user who saw it, a download that does not answer 200, an
HTML page without ``<html lang="id">``.
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass
from html.parser import HTMLParser
from io import BytesIO, StringIO
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.http import (
    FileResponse,
    HttpResponse,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.test import Client
from django.urls import Resolver404, resolve

from sizi.units.models import User

# Narrowest rights first: a download is fetched once, by the first user shown it.
DEMO_ACCOUNTS = [
    # WBS officers hold no unit role: they reach only the WBS pages.
    "kustodian.wbs",
    "penangan.wbs",
    "pemantau.tanjabbar",
    "pic.tanjabbar",
    "koordinator.tanjabbar",
    "pimpinan.tanjabbar",
    "koordinator.tanjabtim",
    "penilai.jambi",
    "pimpinan.jambi",
    "tpi.kpu",
    "admin",
]

# Distinct URLs visited per (URL name, unit code); keeps the crawl bounded.
VISITS_PER_NAME = 2
# Admin pages are Django's own; one per admin view is enough.
VISITS_PER_ADMIN_NAME = 1
LOGIN_PATH = "/akun/masuk/"
LOGOUT_PATHS = ("/akun/keluar/", "/admin/logout/")


@dataclass(frozen=True)
class Link:
    url: str  # path + query, no fragment
    referrer: str
    download: bool = False
    htmx: bool = False


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.html_lang: str | None = None
        self.has_html_tag = False
        self.links: list[tuple[str, bool, bool]] = []  # href, download, htmx

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.has_html_tag = True
            self.html_lang = values.get("lang")
        if tag == "a" and values.get("href"):
            self.links.append((values["href"] or "", "download" in values, False))
        if values.get("hx-get"):
            self.links.append((values["hx-get"] or "", False, True))


def _internal(href: str, base: str) -> str | None:
    """Path + query of an internal link, or None for external/non-HTTP links."""
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
        return None
    parts = urlsplit(urljoin("http://testserver" + base, href))
    if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
        return None
    if not parts.path.startswith("/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _budget_key(path: str) -> str:
    try:
        match = resolve(path)
    except Resolver404:
        return path  # never budgeted away: every such link is reported
    code = match.kwargs.get("code", "")
    return f"{match.view_name}@{code}"


def _is_file(response: object) -> bool:
    if isinstance(response, (FileResponse, StreamingHttpResponse)):
        return True
    disposition = getattr(response, "headers", {}).get("Content-Disposition", "")
    content_type = getattr(response, "headers", {}).get("Content-Type", "")
    is_other_type = bool(content_type) and not content_type.startswith("text/html")
    return "attachment" in disposition or is_other_type


def _crawl(
    client: Client, username: str, files: set[str]
) -> tuple[list[str], Counter[str]]:
    """Crawl as one user; ``files`` holds downloads already fetched by anyone."""
    failures: list[str] = []
    visited: set[tuple[str, bool]] = set()  # (path + query, as htmx)
    budget: Counter[str] = Counter()
    queue: deque[Link] = deque([Link("/", "(start)")])
    is_admin = username == "admin"

    def fail(link: Link, status: int | str, problem: str) -> None:
        failures.append(
            f"{username}: GET {link.url} -> {status} ({problem}); "
            f"linked from {link.referrer}"
        )

    while queue:
        link = queue.popleft()
        path = urlsplit(link.url).path
        if (link.url, link.htmx) in visited or link.url in files:
            continue
        if path.startswith(LOGOUT_PATHS):
            continue
        if path.startswith("/admin/") and not is_admin:
            continue
        key = _budget_key(path)
        limit = VISITS_PER_ADMIN_NAME if key.startswith("admin:") else VISITS_PER_NAME
        # Downloads are always fetched once; pages count against the budget.
        if not link.download:
            if budget[key] >= limit:
                continue
            budget[key] += 1
        visited.add((link.url, link.htmx))

        headers = {"HX-Request": "true"} if link.htmx else {}
        response = client.get(link.url, headers=headers)
        status = response.status_code

        if status >= 500:
            exc = getattr(response, "exc_info", None)
            detail = f"{exc[0].__name__}: {exc[1]}" if exc else "server error"
            fail(link, status, detail)
            continue
        if status in (403, 404):
            fail(link, status, "link shown to a user who may not open it")
            continue
        if status in (301, 302, 303, 307, 308):
            target = _internal(response.headers.get("Location", ""), path)
            if target is None:
                continue
            if urlsplit(target).path == LOGIN_PATH:
                fail(link, status, "redirects a signed-in user to the sign-in page")
                continue
            queue.append(Link(target, f"{link.referrer} (via redirect {link.url})"))
            continue
        if status != 200:
            fail(link, status, "unexpected status")
            continue
        if link.download or _is_file(response):
            files.add(link.url)
            if link.download and not _is_file(response):
                fail(link, status, "download link answers an HTML page")
            continue

        body = response.content.decode(response.charset or "utf-8")
        parser = _PageParser()
        parser.feed(body)
        if not link.htmx and parser.html_lang != "id":
            fail(link, status, f'<html lang="{parser.html_lang}">, expected "id"')
        for href, download, htmx in parser.links:
            target = _internal(href, path)
            if target is not None and (target, htmx) not in visited:
                queue.append(Link(target, link.url, download=download, htmx=htmx))

    return failures, budget


@pytest.mark.django_db
def test_every_link_a_demo_user_sees_works_for_that_user() -> None:
    call_command("load_demo", force=True, stdout=StringIO())

    failures: list[str] = []
    files: set[str] = set()
    for username in DEMO_ACCOUNTS:
        client = Client(raise_request_exception=False)
        client.force_login(User.objects.get(username=username))
        user_failures, budget = _crawl(client, username, files)
        assert sum(budget.values()) > 5, f"{username} reached almost no pages"
        failures.extend(user_failures)

    assert not failures, f"{len(failures)} broken link(s):\n" + "\n".join(failures)


class _CannedClient:
    """Answers the crawler from a dict of canned responses (path → response)."""

    def __init__(self, pages: dict[str, HttpResponse]) -> None:
        self.pages = pages

    def get(self, url: str, headers: dict[str, str] | None = None) -> HttpResponse:
        return self.pages.get(url) or HttpResponse(status=404)


def _page(body: str, lang: str = "id") -> HttpResponse:
    return HttpResponse(
        f'<!doctype html><html lang="{lang}"><body>{body}</body></html>'
    )


def test_crawler_reports_each_kind_of_failure() -> None:
    """The crawl itself must not pass silently: each failure kind is caught."""
    pages = {
        "/": _page(
            '<a href="/hilang/">x</a> <a href="/terlarang/">x</a>'
            ' <a href="/rusak/">x</a> <a href="/inggris/">x</a>'
            ' <a href="/masuk-lagi/">x</a> <a href="/berkas/" download>x</a>'
            ' <a href="https://example.org/">luar</a> <a href="#main">x</a>'
            ' <div hx-get="/panel/"></div>'
        ),
        "/terlarang/": HttpResponse(status=403),
        "/rusak/": HttpResponse(status=500),
        "/inggris/": _page("", lang="en"),
        "/masuk-lagi/": HttpResponseRedirect(f"{LOGIN_PATH}?next=/masuk-lagi/"),
        "/berkas/": FileResponse(BytesIO(b"%PDF"), filename="a.pdf"),
        "/panel/": HttpResponse('<a href="/dari-panel/">x</a>'),
        "/dari-panel/": _page(""),
    }
    files: set[str] = set()

    failures, _ = _crawl(_CannedClient(pages), "uji", files)

    reported = sorted(line.split(" -> ")[0] for line in failures)
    assert reported == [
        "uji: GET /hilang/",
        "uji: GET /inggris/",
        "uji: GET /masuk-lagi/",
        "uji: GET /rusak/",
        "uji: GET /terlarang/",
    ]
    assert all("linked from /" in line for line in failures)
    assert files == {"/berkas/"}
