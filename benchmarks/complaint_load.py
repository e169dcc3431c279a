"""Load benchmark of the public complaint form: concurrent submissions, nothing lost.

Run on demand (never as a test), from the repository root, with PostgreSQL and Redis
on 127.0.0.1 (the defaults of the development machine):

    .venv/bin/python benchmarks/complaint_load.py [--submissions 300] [--workers 2]
        [--threads 8] [--keep-db]

1. Recreates the database ``sizi_bench_cases`` on postgres@127.0.0.1:5432, migrates
   it, collects static files and creates one unit (``kpu-bench``).
2. Starts gunicorn on 127.0.0.1 (a free port) with production settings (DEBUG=0),
   PostgreSQL (persistent connections) and the Redis cache for rate limits (database 9,
   flushed first), behind one trusted proxy: each simulated citizen sends its own
   X-Forwarded-For address (documentation ranges 198.51.100.0/24 and 203.0.113.0/24),
   as nginx would, so the per-client limit (5 an hour) does not refuse them while the
   per-unit limit (300 an hour) still counts them all.
3. Every citizen GETs the form (CSRF cookie and token), then all wait at a barrier
   and POST at the same moment (one thread each; the POST on a fresh connection).
4. Counts the answers (302 to the receipt = accepted) and the rows of
   ``cases_complaint`` for the unit. Exits 1 on any error or any lost row.

Only 127.0.0.1 is contacted. Everything started is stopped at the end.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASE = "sizi_bench_cases"
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
UNIT = "kpu-bench"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def recreate_database() -> None:
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')


def drop_database() -> None:
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


def environment(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("SIZI_TESTING", None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "sizi.settings",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
            "DB_CONN_MAX_AGE": "60",
            "REDIS_URL": "redis://127.0.0.1:6379/9",
            "TRUSTED_PROXY_COUNT": "1",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "SECURE_COOKIES": "0",
            "PRIVATE_MEDIA_ROOT": str(work / "private"),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "LOG_LEVEL": "WARNING",
            "WBS_ENCRYPTION_KEY": base64.urlsafe_b64encode(os.urandom(32)).decode(),
        }
    )
    return env


SETUP = """
import django
django.setup()
from sizi.units.models import Unit, UnitLevel
level = UnitLevel.objects.create(code="kabkota", name="KPU Kabupaten/Kota", rank=2)
Unit.objects.create(code="{unit}", name="KPU Kabupaten Uji Beban", level=level,
                    path="{unit}/")
from django.core.cache import cache
cache.clear()
"""


def prepare(env: dict[str, str]) -> None:
    manage = [PYTHON, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], env=env, check=True)
    subprocess.run(
        [*manage, "collectstatic", "--no-input", "-v", "0"], env=env, check=True
    )
    subprocess.run(
        [PYTHON, "-c", SETUP.format(unit=UNIT)], env=env, check=True, cwd=ROOT
    )


def start_server(env: dict[str, str], port: int, workers: int, threads: int) -> Any:
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "sizi.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--timeout",
            "120",
            "--backlog",
            "2048",
            "--access-logfile",
            "/dev/null",
        ],
        env=env,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


def client_address(i: int) -> str:
    return f"198.51.100.{i + 1}" if i < 250 else f"203.0.113.{i - 249}"


@dataclass
class Outcome:
    status: int = 0
    seconds: float = 0.0
    error: str = ""


def _fetch_form(
    conn: http.client.HTTPConnection, path: str, headers: dict[str, str], i: int
) -> tuple[str, dict[str, str]]:
    """GET the form; return the encoded POST body and its headers."""
    conn.request("GET", path, headers=headers)
    page = conn.getresponse()
    html = page.read().decode()
    cookie = (page.getheader("Set-Cookie") or "").split(";")[0]
    match = TOKEN.search(html)
    if page.status != 200 or not match or not cookie:
        raise RuntimeError(f"form not served (status {page.status})")
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": match.group(1),
            "privacy": "anonim",
            "subject": f"Antrean layanan lambat nomor {i}",
            "body": "Pelayanan pagi ini menunggu lebih dari dua jam.",
            "location": "Loket layanan",
            "situs_web": "",
        }
    )
    return body, {
        **headers,
        "Cookie": cookie,
        "Content-Type": "application/x-www-form-urlencoded",
    }


def citizen(port: int, i: int, barrier: threading.Barrier, out: list[Outcome]) -> None:
    """One citizen: fetch the form, wait for everyone, then submit."""
    path = f"/publik/{UNIT}/pengaduan/"
    headers = {"X-Forwarded-For": client_address(i), "Host": "127.0.0.1"}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        body, post_headers = _fetch_form(conn, path, headers, i)
    except Exception as exc:  # noqa: BLE001 - every failure is counted as an error
        out[i] = Outcome(0, 0.0, repr(exc))
        barrier.wait()
        return
    conn.close()
    barrier.wait()
    # A new connection: gunicorn closes idle keep-alive connections after 2 s,
    # and the slowest citizens fetch their form longer than that after the first.
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    started = time.perf_counter()
    try:
        conn.request("POST", path, body=body, headers=post_headers)
        answer = conn.getresponse()
        answer.read()
        out[i] = Outcome(answer.status, time.perf_counter() - started)
    except Exception as exc:  # noqa: BLE001 - every failure is counted as an error
        out[i] = Outcome(0, 0.0, repr(exc))
    finally:
        conn.close()


def count_rows() -> int:
    import psycopg

    url = f"postgresql://postgres@127.0.0.1:5432/{DATABASE}"
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT count(*) FROM cases_complaint c JOIN units_unit u "
            "ON u.id = c.unit_id WHERE u.code = %s",
            (UNIT,),
        ).fetchone()
    return int(row[0]) if row else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    if args.submissions > 500:
        raise SystemExit("at most 500 submissions (two address ranges)")

    with tempfile.TemporaryDirectory(prefix="sizi-bench-cases-") as tmp:
        env = environment(Path(tmp))
        recreate_database()
        prepare(env)
        port = free_port()
        server = start_server(env, port, args.workers, args.threads)
        try:
            outcomes = [Outcome() for _ in range(args.submissions)]
            barrier = threading.Barrier(args.submissions + 1)
            threads = [
                threading.Thread(target=citizen, args=(port, i, barrier, outcomes))
                for i in range(args.submissions)
            ]
            for thread in threads:
                thread.start()
            barrier.wait(timeout=300)
            started = time.perf_counter()
            for thread in threads:
                thread.join(timeout=600)
            wall = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=30)
        rows = count_rows()
        if not args.keep_db:
            drop_database()

    accepted = [o for o in outcomes if o.status == 302]
    errors = [o for o in outcomes if o.status != 302]
    latencies = sorted(o.seconds for o in accepted)
    print(f"submissions: {args.submissions} concurrent POSTs")
    print(
        f"server: gunicorn {args.workers} workers x {args.threads} threads, "
        "PostgreSQL, Redis rate limits"
    )
    print(f"accepted (302): {len(accepted)}; errors: {len(errors)}")
    for outcome in errors[:10]:
        print(f"  error: status {outcome.status} {outcome.error}")
    print(f"rows in cases_complaint: {rows}; lost: {len(accepted) - rows}")
    if latencies:
        p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)]
        print(
            f"wall time {wall:.2f} s, {len(accepted) / wall:.1f} submissions/s; "
            f"latency median {statistics.median(latencies):.2f} s, "
            f"p95 {p95:.2f} s, max {latencies[-1]:.2f} s"
        )
    return 0 if not errors and rows == len(accepted) == args.submissions else 1


if __name__ == "__main__":
    sys.exit(main())
