"""Load benchmark of the public survey form (not a test).

Starts PostgreSQL-backed gunicorn on 127.0.0.1 (database ``sizi_bench_surveys``,
recreated each run), opens one SKM period, then:

1. lets N simulated respondents (default 500) each open the form (GET: CSRF
   and device cookies, the token in the page), all at once;
2. sends their N submissions concurrently (POST, one per respondent, each
   from its own address through ``X-Forwarded-For`` with one trusted proxy,
   so the per-client rate limit sees N clients as in real life);
3. measures, in the same run and with the same concurrency, a bare Django
   view (``/healthz``: the full middleware stack and one ``SELECT 1``);
4. counts errors (anything but the 303 to the thank-you page, or a failed
   connection) and the rows stored in the database: 0 errors and 0 lost rows
   expected.

Every loop is bounded: one attempt per respondent, fixed timeouts, a fixed
number of polls while the server starts. Prints throughput (requests/s) of
the submissions and of the bare view, and their ratio.

    .venv/bin/python benchmarks/survey_load.py [--respondents 500] [--workers 2]
        [--threads 8] [--port 8765]
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from threading import Barrier

ROOT = Path(__file__).resolve().parents[1]
DATABASE = "sizi_bench_surveys"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
HOST = "127.0.0.1"
TIMEOUT = 120  # seconds for one request under load
START_POLLS = 120  # × 0.5 s while gunicorn starts

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LAYANAN_INPUT = re.compile(r'name="layanan" value="(\d+)"')


def server_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "sizi.settings",
            "DATABASE_URL": DATABASE_URL,
            "DEBUG": "0",
            "SECRET_KEY": "benchmark-only-not-secret-" + "x" * 40,
            "ALLOWED_HOSTS": HOST,
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "SECURE_HSTS_SECONDS": "0",
            "TRUSTED_PROXY_COUNT": "1",
            "PRIVATE_MEDIA_ROOT": tempfile.mkdtemp(prefix="sizi-bench-surveys-"),
        }
    )
    env.pop("REDIS_URL", None)  # each worker counts its own limits (local memory)
    env.pop("SIZI_TESTING", None)
    return env


def recreate_database() -> None:
    import psycopg

    with psycopg.connect(
        "postgres://postgres@127.0.0.1:5432/postgres", autocommit=True
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def create_period(env: dict[str, str]) -> tuple[str, int]:
    """Create a unit, two layanan and an open SKM period; return (token, pk)."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from sizi.surveys import services
    from sizi.surveys.instruments.loading import ensure_instruments
    from sizi.surveys.models import SurveyInstrument
    from sizi.units.models import Membership, Unit, UnitLevel, User

    ensure_instruments()
    level = UnitLevel.objects.create(code="kabkota", name="KPU Kab/Kota", rank=2)
    unit = Unit.objects.create(
        code="kpu-bench", name="KPU Kabupaten Uji Beban", level=level, path="kpu-bench/"
    )
    coordinator = User.objects.create(username="koordinator-bench")
    Membership.objects.create(
        user=coordinator, unit=unit, role=Membership.Role.COORDINATOR
    )
    layanan = [
        services.add_service_type(unit, name=name, by=coordinator)
        for name in ("Layanan informasi", "Layanan data pemilih")
    ]
    from django.utils import timezone

    year = timezone.localdate().year
    instrument = SurveyInstrument.objects.current("skm")
    assert instrument is not None
    period = services.create_period(
        unit,
        instrument=instrument,
        year=year,
        values=services.PeriodValues(
            title=f"SKM uji beban {year}",
            starts_on=date(year, 1, 1),
            ends_on=date(year, 12, 31),
            population=5000,
            service_types=layanan,
        ),
        by=coordinator,
        status="open",
    )
    return period.public_token, period.pk


def count_rows(period_pk: int) -> tuple[int, int]:
    from sizi.surveys.models import Response, ResponseAnswer

    responses = Response.objects.filter(period_id=period_pk).count()
    answers = ResponseAnswer.objects.filter(response__period_id=period_pk).count()
    return responses, answers


@dataclass
class Respondent:
    number: int
    cookies: dict[str, str]
    csrf: str = ""
    layanan: str = ""

    @property
    def address(self) -> str:
        return f"10.{self.number // 65536 % 256}.{self.number // 256 % 256}.{self.number % 256}"

    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def keep_cookies(self, response: http.client.HTTPResponse) -> None:
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]


def request(
    port: int,
    method: str,
    path: str,
    *,
    headers: dict[str, str],
    body: str | None = None,
) -> tuple[int, http.client.HTTPResponse, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        return response.status, response, data
    finally:
        conn.close()


def open_form(port: int, path: str, who: Respondent) -> str:
    headers = {"X-Forwarded-For": who.address, "Host": f"{HOST}:{port}"}
    status, response, body = request(port, "GET", path, headers=headers)
    if status != 200:
        return f"GET {status}"
    who.keep_cookies(response)
    text = body.decode()
    csrf = CSRF_INPUT.search(text)
    layanan = LAYANAN_INPUT.findall(text)
    if not csrf or not layanan:
        return "form without token or layanan"
    who.csrf = csrf.group(1)
    who.layanan = layanan[who.number % len(layanan)]
    return ""


def submit(port: int, path: str, who: Respondent) -> str:
    values = {
        "csrfmiddlewaretoken": who.csrf,
        "layanan": who.layanan,
        "gender": "PL"[who.number % 2],
        "age_group": ["20-29", "30-39", "40-49"][who.number % 3],
        "education": "sma",
        "occupation": "swasta",
        "situs_web": "",
        "saran": f"Saran responden uji {who.number}",
    }
    for i in range(1, 10):
        values[f"q_U{i}"] = str(1 + (who.number + i) % 4)
    headers = {
        "X-Forwarded-For": who.address,
        "Host": f"{HOST}:{port}",
        "Cookie": who.cookie_header(),
        "Content-Type": "application/x-www-form-urlencoded",
        "Referer": f"http://{HOST}:{port}{path}",
        "Origin": f"http://{HOST}:{port}",
    }
    status, _response, _ = request(
        port, "POST", path, headers=headers, body=urllib.parse.urlencode(values)
    )
    return "" if status == 303 else f"POST {status}"


def bare(port: int, who: Respondent) -> str:
    status, _r, _b = request(
        port,
        "GET",
        "/healthz",
        headers={"Host": f"{HOST}:{port}", "X-Forwarded-For": who.address},
    )
    return "" if status == 200 else f"healthz {status}"


def run_all(
    people: list[Respondent], call: Callable[[Respondent], str]
) -> tuple[float, list[str]]:
    """Run `call` for everyone at once (a barrier releases them together)."""
    barrier = Barrier(len(people) + 1)

    def one(who: Respondent) -> str:
        barrier.wait()
        try:
            return call(who)
        except (OSError, http.client.HTTPException) as error:
            return f"{type(error).__name__}: {error}"

    with ThreadPoolExecutor(max_workers=len(people)) as pool:
        futures = [pool.submit(one, who) for who in people]
        barrier.wait()
        start = time.perf_counter()
        errors = [f.result() for f in futures]
        elapsed = time.perf_counter() - start
    return elapsed, [e for e in errors if e]


def wait_for_server(port: int) -> None:
    for _ in range(START_POLLS):
        try:
            status, _r, _b = request(
                port, "GET", "/healthz", headers={"Host": f"{HOST}:{port}"}
            )
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("gunicorn did not answer /healthz in time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--respondents", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()

    env = server_env()
    recreate_database()
    manage(env, "migrate", "--verbosity", "0")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    token, period_pk = create_period(env)
    path = f"/s/{token}/"

    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "sizi.wsgi:application",
            "--bind",
            f"{HOST}:{args.port}",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--worker-class",
            "gthread",
            "--backlog",
            "2048",
            "--timeout",
            str(TIMEOUT),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for_server(args.port)
        people = [Respondent(n, {}) for n in range(args.respondents)]
        get_time, get_errors = run_all(people, lambda w: open_form(args.port, path, w))
        if get_errors:
            raise SystemExit(
                f"{len(get_errors)} forms failed to open: {get_errors[:3]}"
            )
        post_time, post_errors = run_all(people, lambda w: submit(args.port, path, w))
        bare_time, bare_errors = run_all(people, lambda w: bare(args.port, w))
    finally:
        server.terminate()
        server.wait(timeout=30)

    responses, answers = count_rows(period_pk)
    n = args.respondents
    survey_rate, bare_rate = n / post_time, n / bare_time
    print(
        f"respondents: {n} (gunicorn {args.workers} workers × {args.threads} threads)"
    )
    print(f"open form (GET):   {get_time:6.2f} s  {n / get_time:7.1f} req/s")
    print(f"submit (POST):     {post_time:6.2f} s  {survey_rate:7.1f} req/s")
    print(f"bare view:         {bare_time:6.2f} s  {bare_rate:7.1f} req/s")
    print(f"ratio submit/bare: {survey_rate / bare_rate:.2f}")
    print(f"errors: submit {len(post_errors)}, bare {len(bare_errors)}")
    for error in sorted(set(post_errors + bare_errors))[:5]:
        print(f"  e.g. {error}")
    print(f"rows: {responses} responses, {answers} answers (expected {n}, {n * 9})")
    lost = n - len(post_errors) - responses
    print(f"lost rows: {lost}")
    if post_errors or bare_errors or responses != n or answers != n * 9:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
