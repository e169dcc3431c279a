"""Hostile probe: what an attacker with a demo account can make the office server do.

Run on demand (never as a test), from the repository root:

    .venv/bin/python benchmarks/hostile_probe.py [--pages 120] [--forms 80] [--keep]

It builds a throw-away SQLite database with the demo data, collects the static
files, and starts gunicorn on 127.0.0.1 with the office settings of `make run`
(DEBUG=0, one worker, four threads). Then, in bounded loops:

1. Crawls the pages of kpu-tanjabbar as its coordinator (at most --pages pages)
   and collects every POST form (`method="post"` or `hx-post`, at most --forms).
2. Hostile numbers: every numeric input of those forms (type=number, numeric
   inputmode, or a known numeric name) gets each value of HOSTILE_NUMBERS, the
   rest of the form as rendered. Counts 5xx answers and the slowest response.
3. Cross-unit reads: the coordinator of kpu-tanjabtim asks for every crawled
   page of kpu-tanjabbar; anything but 404 is a leak.
4. Forbidden writes: the viewer of kpu-tanjabbar and the coordinator of
   kpu-tanjabtim replay every form; the audit log (sign-ins aside) and the
   main tables must not change.
5. CSRF variants: the coordinator sends every form without a token, with a
   wrong token, with another session's token and with a wrong header only;
   each must be refused with 403.

Prints one report (and --json writes it as JSON). Everything lives in a
temporary folder removed at the end (unless --keep).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
UNIT = "kpu-tanjabbar"
PASSWORD = "sizi-demo-2025"  # noqa: S105 (the demo accounts' documented password)
HOSTILE_NUMBERS = [
    "1e5000",
    "1e600000",
    "9" * 5000,
    "-1e308",
    "NaN",
    "Infinity",
    "-Infinity",
    "-0",
    "-0.0",
    "1.234,5",
    "1,234.5",
    "1_000",
    "0x1F",
    "\uff11\uff12\uff13",  # full-width digits
    " 12 ",
    "-1",
    "1e-5000",
    "",
]
NUMERIC_NAMES = re.compile(
    r"(^|_)(year|tahun|progress|value|ipak|ipkp|performance|number|input_\w+|"
    r"count|amount|score)$"
)
SKIP_PATHS = ("/unduh", "unduh.xlsx", "/keluar/", "/paket/")
TIMEOUT = 60.0


# --- HTTP without redirects, with cookies ------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


@dataclass
class Answer:
    status: int
    body: str
    seconds: float
    location: str = ""


class Browser:
    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )
        self.token = ""

    def request(
        self,
        path: str,
        data: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(  # noqa: S310 (our own 127.0.0.1 server)
            self.base + path, data=body, headers=headers or {}
        )
        start = time.perf_counter()
        try:
            with self.opener.open(request, timeout=TIMEOUT) as response:
                text = response.read().decode("utf-8", "replace")
                status, location = response.status, ""
        except urllib.error.HTTPError as error:
            text = error.read().decode("utf-8", "replace")
            status, location = error.code, error.headers.get("Location", "")
        return Answer(status, text, time.perf_counter() - start, location)

    def page(self, path: str) -> Answer:
        answer = self.request(path)
        token = _token(answer.body)
        if token:
            self.token = token
        return answer

    def post(
        self, path: str, data: dict[str, str], *, token: str | None = None
    ) -> Answer:
        used = self.token if token is None else token
        return self.request(
            path,
            {**data, "csrfmiddlewaretoken": used} if used else data,
            {"X-CSRFToken": used} if used else {},
        )

    def sign_in(self, username: str) -> None:
        self.page("/akun/masuk/")
        answer = self.post("/akun/masuk/", {"username": username, "password": PASSWORD})
        if answer.status != 302:
            raise SystemExit(f"sign-in of {username} failed: {answer.status}")
        self.page("/")


def _token(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if found:
        return found.group(1)
    found = re.search(r'"X-CSRFToken": "([^"]+)"', html)
    return found.group(1) if found else ""


# --- Forms and links ----------------------------------------------------------


@dataclass
class Form:
    action: str
    fields: dict[str, str] = field(default_factory=dict)
    numeric: list[str] = field(default_factory=list)


class _PageParser(HTMLParser):
    def __init__(self, page_path: str) -> None:
        super().__init__()
        self.page_path = page_path
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href", "").startswith("/"):
            self.links.append(a["href"].split("#")[0])
        elif tag == "form":
            action = a.get("hx-post") or (
                (a.get("action") or self.page_path)
                if a.get("method", "").lower() == "post"
                else ""
            )
            self._form = Form(action) if action else None
            if self._form is not None:
                self.forms.append(self._form)
        elif self._form is not None:
            self._field(tag, a)

    def _field(self, tag: str, a: dict[str, str]) -> None:
        assert self._form is not None
        if tag == "option":
            chosen = self._form.fields.get(self._select or "")
            if self._select and ("selected" in a or not chosen):
                self._form.fields[self._select] = a.get("value", "")
            return
        name = a.get("name", "")
        if not name or name == "csrfmiddlewaretoken":
            return
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in {"checkbox", "radio"} and "checked" not in a:
                self._form.fields.setdefault(name, "")
                return
            if kind == "file":
                return
            self._form.fields[name] = a.get("value", "")
            if (
                kind == "number"
                or a.get("inputmode") in {"numeric", "decimal"}
                or NUMERIC_NAMES.search(name)
            ) and name not in self._form.numeric:
                self._form.numeric.append(name)
        elif tag in {"textarea", "select"}:
            self._form.fields.setdefault(name, "")
            self._select = name if tag == "select" else None

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def crawl(
    browser: Browser, limit_pages: int, limit_forms: int
) -> tuple[list[str], list[Form]]:
    """Breadth-first over the unit's pages; return the pages and their POST forms."""
    start = f"/u/{UNIT}/"
    queue, seen, pages, forms = [start], {start}, [], {}
    while queue and len(pages) < limit_pages:
        path = queue.pop(0)
        answer = browser.page(path)
        if answer.status != 200:
            continue
        pages.append(path)
        parser = _PageParser(path)
        parser.feed(answer.body)
        for form in parser.forms:
            # One form of each kind (route and field names): 70 LKE questions
            # share a handful of shapes.
            names = tuple(sorted(re.sub(r"\d+", "*", n) for n in form.fields))
            key = (_route(form.action), names)
            if form.action.startswith(start) and key not in forms:
                forms[key] = form
        for link in parser.links:
            clean = link.split("?")[0]
            if (
                clean.startswith(start)
                and clean not in seen
                and not any(s in clean for s in SKIP_PATHS)
            ):
                seen.add(clean)
                queue.append(clean)
    return pages, list(forms.values())[:limit_forms]


# --- The server ---------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(work: Path) -> tuple[subprocess.Popen[bytes], str, dict[str, str]]:
    (work / "secret_key").write_text(secrets.token_urlsafe(64))
    env = dict(os.environ)
    env.pop("SIZI_TESTING", None)
    env.update(
        DJANGO_SETTINGS_MODULE="sizi.settings",
        DATABASE_URL=f"sqlite:///{work / 'probe.sqlite3'}",
        PRIVATE_MEDIA_ROOT=str(work / "private"),
        DEBUG="0",
        SECRET_KEY_FILE=str(work / "secret_key"),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        SECURE_COOKIES="0",
        PYTHONPATH=str(ROOT),
        LOG_LEVEL="ERROR",
    )
    manage = [PYTHON, str(ROOT / "manage.py")]
    for command in (
        ["migrate", "-v0"],
        ["load_demo", "--force"],
        ["collectstatic", "--no-input", "-v0"],
    ):
        subprocess.run(  # noqa: S603
            manage + command, env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL
        )
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "sizi.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            "4",
            "--timeout",
            "300",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=(work / "gunicorn.log").open("wb"),
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)  # noqa: S310
            return server, base, env
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start; see gunicorn.log")


# --- Probes -------------------------------------------------------------------


@dataclass
class Report:
    tried: dict[str, int] = field(default_factory=dict)
    server_errors: list[str] = field(default_factory=list)
    slowest: tuple[float, str] = (0.0, "")
    leaks: list[str] = field(default_factory=list)
    accepted_writes: list[str] = field(default_factory=list)
    unauthorized_writes: int = 0
    csrf_accepted: list[str] = field(default_factory=list)
    numeric_inputs: list[str] = field(default_factory=list)
    healthz_slowest: float = 0.0

    def note(self, kind: str, what: str, answer: Answer) -> None:
        self.tried[kind] = self.tried.get(kind, 0) + 1
        if answer.status >= 500:
            self.server_errors.append(f"{answer.status} {what}")
        if answer.seconds > self.slowest[0]:
            self.slowest = (answer.seconds, what)


def _database_state(work: Path) -> tuple[int, ...]:
    with sqlite3.connect(work / "probe.sqlite3") as db:
        audit = db.execute(
            "SELECT COUNT(*) FROM core_auditevent WHERE action NOT LIKE 'auth.%'"
        ).fetchone()[0]
        tables = [
            "plans_actionstep",
            "plans_realisation",
            "evidence_evidence",
            "evidence_evidencerevision",
            "lke_answer",
            "units_membership",
        ]
        return (
            audit,
            *(
                db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]  # noqa: S608
                for t in tables
            ),
        )


def _route(action: str) -> str:
    """Return the form's URL with ids, years and question codes as "*"."""
    return re.sub(r"/[^/]*\d[^/]*(?=/)", "/*", action)


def hostile_numbers(browser: Browser, forms: list[Form], report: Report) -> None:
    """Each numeric input of each kind of form (by route and name) gets every value."""
    done: set[tuple[str, str]] = set()
    for form in forms:
        for name in form.numeric:
            kind = (_route(form.action), re.sub(r"\d+", "*", name))
            if kind in done:
                continue
            done.add(kind)
            report.numeric_inputs.append(f"{kind[0]} {kind[1]}")
            for value in HOSTILE_NUMBERS:
                answer = browser.post(form.action, {**form.fields, name: value})
                report.note(
                    "hostile numbers", f"{form.action} {name}={value[:20]!r}", answer
                )


def cross_unit_reads(outsider: Browser, pages: list[str], report: Report) -> None:
    for path in pages:
        for query in ("", "?page=2", "?tahun=2025"):
            answer = outsider.request(path + query)
            report.note("cross-unit reads", path + query, answer)
            if answer.status != 404:
                report.leaks.append(f"{answer.status} {path}{query}")


def forbidden_writes(
    intruders: list[Browser], forms: list[Form], report: Report, work: Path
) -> None:
    before = _database_state(work)
    for browser in intruders:
        for form in forms:
            answer = browser.post(form.action, form.fields)
            report.note("forbidden writes", form.action, answer)
            if answer.status < 400:
                report.accepted_writes.append(f"{answer.status} {form.action}")
    after = _database_state(work)
    report.unauthorized_writes = sum(
        abs(a - b) for a, b in zip(after, before, strict=True)
    )


def csrf_variants(
    browser: Browser, other: Browser, forms: list[Form], report: Report
) -> None:
    wrong = secrets.token_urlsafe(48)[:64]
    for form in forms:
        variants = {
            "no token": browser.request(form.action, form.fields),
            "wrong token": browser.post(form.action, form.fields, token=wrong),
            "other session's token": browser.post(
                form.action, form.fields, token=other.token
            ),
            "wrong header only": browser.request(
                form.action, form.fields, {"X-CSRFToken": wrong}
            ),
        }
        for name, answer in variants.items():
            report.note("CSRF variants", f"{name} {form.action}", answer)
            if answer.status != 403:
                report.csrf_accepted.append(f"{answer.status} {name} {form.action}")


@contextmanager
def _watching_health(base: str, report: Report) -> Iterator[None]:
    """Ask /healthz twice a second meanwhile; keep the slowest answer's time."""
    stop = threading.Event()

    def watch() -> None:
        browser = Browser(base)
        while not stop.is_set():
            answer = browser.request("/healthz")
            report.healthz_slowest = max(report.healthz_slowest, answer.seconds)
            stop.wait(0.5)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=TIMEOUT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=120)
    parser.add_argument("--forms", type=int, default=80)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--json", help="also write the report to this file")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sizi-probe-"))
    server = None
    try:
        server, base, _ = start_server(work)
        coordinator, outsider, viewer = Browser(base), Browser(base), Browser(base)
        coordinator.sign_in("koordinator.tanjabbar")
        outsider.sign_in("koordinator.tanjabtim")
        viewer.sign_in("pemantau.tanjabbar")
        started = time.perf_counter()
        pages, forms = crawl(coordinator, args.pages, args.forms)
        report = Report()
        cross_unit_reads(outsider, pages, report)
        forbidden_writes([viewer, outsider], forms, report, work)
        csrf_variants(coordinator, viewer, forms, report)
        with _watching_health(base, report):
            hostile_numbers(coordinator, forms, report)
        health = Browser(base).request("/healthz")
        result = {
            "pages crawled": len(pages),
            "forms found": len(forms),
            "numeric inputs probed": report.numeric_inputs,
            "inputs tried": report.tried,
            "slowest response": {
                "seconds": round(report.slowest[0], 3),
                "request": report.slowest[1],
            },
            "5xx": report.server_errors,
            "cross-unit leaks": report.leaks,
            "forbidden writes answered < 400": report.accepted_writes,
            "rows changed by forbidden writes": report.unauthorized_writes,
            "CSRF variants not refused": report.csrf_accepted,
            "slowest /healthz during hostile numbers (s)": round(
                report.healthz_slowest, 3
            ),
            "healthz after the probe": health.status,
            "probe seconds": round(time.perf_counter() - started, 1),
        }
        print(json.dumps(result, indent=2, ensure_ascii=False))
        if args.json:
            Path(args.json).write_text(json.dumps(result, indent=2, ensure_ascii=False))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
