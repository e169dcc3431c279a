"""The scale-out check: SIZI on two app servers and one worker behind nginx.

Run on demand (never in the test suite), as root on a machine with PostgreSQL
on 127.0.0.1:5432, Redis on 127.0.0.1:6379 and Debian's nginx installed:

    .venv/bin/python deploy/scaleout_check.py

It starts, all on 127.0.0.1: an S3-compatible server (moto in server mode), two
gunicorn app servers, one RQ worker plus `manage.py worker --schedule-only`,
and nginx as the load balancer alternating between the app servers. It builds
the database `sizi_scaleout` (dropped and created again), loads the demo data,
then drives a whole journey through nginx, every request alternating between
the servers: sign in, import a decree (preview on one server, confirm on the
other), upload evidence, export the plan (in the background when the export is
a job) and download it, answer an LKE question. It then reads the same pages
from each app server directly and compares them. It prints the figures, exits
0 when there were 0 errors and identical results, and stops everything it
started. Loops and the whole run are bounded in time. See docs/scale-out.md.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import boto3
import redis
import requests

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
GUNICORN = str(Path(PY).with_name("gunicorn"))
DECREE = ROOT / "sizi" / "plans" / "demo_data" / "keputusan-kpu-tanjabbar-42-2025.txt"
USERNAME = "koordinator.tanjabbar"
UNIT = "kpu-tanjabbar"
BUCKET = "sizi-scaleout"
# A one-page PDF, small and valid, as a person's scanned evidence would be.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n"
    b"0000000052 00000 n \n0000000101 00000 n \n"
    b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n165\n%%EOF\n"
)
# CSRF tokens are masked anew for every response: left out of the comparison.
CSRF = re.compile(rb'(?<=")[A-Za-z0-9]{64}(?=")')


class CheckFailed(Exception):
    """The journey met an error; the message says where."""


# --- forms, read from the page as a browser would ------------------------------


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    radios: dict[str, list[str]] = field(default_factory=dict)


class FormParser(HTMLParser):
    """Collect every form with the values a browser would send by default."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._select: str | None = None
        self._select_value: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(Form(a.get("action", ""), a.get("method", "get")))
        if not self.forms:
            return
        form = self.forms[-1]
        name = a.get("name", "")
        if tag == "input" and name and "disabled" not in a:
            kind = a.get("type", "text").lower()
            if kind == "file":
                form.files.append(name)
            elif kind == "radio":
                form.radios.setdefault(name, []).append(a.get("value", "on"))
                if "checked" in a:
                    form.fields.append((name, a.get("value", "on")))
            elif kind == "checkbox":
                if "checked" in a:
                    form.fields.append((name, a.get("value", "on")))
            elif kind not in {"submit", "button", "reset", "image"}:
                form.fields.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select, self._select_value = name, None
        elif tag == "option" and self._select is not None:
            if "selected" in a or self._select_value is None:
                self._select_value = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if not self.forms:
            return
        if tag == "select" and self._select is not None:
            if self._select_value is not None:
                self.forms[-1].fields.append((self._select, self._select_value))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.forms[-1].fields.append((self._textarea, self._text))
            self._textarea = None


def find_form(html: str, action_part: str) -> Form:
    """The form posting to an address containing `action_part`, or for "" the
    form posting to the page itself (not, say, the top bar's sign-out form)."""
    parser = FormParser()
    parser.feed(html)
    for form in parser.forms:
        if (action_part in form.action) if action_part else not form.action:
            return form
    raise CheckFailed(f"no form posting to …{action_part} on the page")


def fill(form: Form, **values: str) -> list[tuple[str, str]]:
    data = [(k, v) for k, v in form.fields if k not in values]
    return data + list(values.items())


# --- the client: every request through nginx, recorded -------------------------


@dataclass
class Hit:
    method: str
    path: str
    status: int
    upstream: str
    seconds: float


class Journey:
    """A signed-in person's browser session through the load balancer."""

    def __init__(self, base: str, deadline: float, workdir: Path) -> None:
        self.base = base
        self.workdir = workdir
        self.deadline = deadline
        self.session = requests.Session()
        self.hits: list[Hit] = []
        self.errors: list[str] = []

    def request(
        self, method: str, path: str, expect: set[int], **kwargs: Any
    ) -> requests.Response:
        if time.monotonic() > self.deadline:
            raise CheckFailed("the run took longer than its time limit")
        url = path if path.startswith("http") else self.base + path
        started = time.monotonic()
        response = self.session.request(
            method, url, allow_redirects=False, timeout=120, **kwargs
        )
        upstream = response.headers.get("X-Sizi-Upstream", "?")
        self.hits.append(
            Hit(
                method, path, response.status_code, upstream, time.monotonic() - started
            )
        )
        if response.status_code not in expect:
            self.errors.append(f"{method} {path} → {response.status_code} ({upstream})")
            raise CheckFailed(f"{method} {path} answered {response.status_code}")
        return response

    def get(self, path: str, expect: int = 200) -> requests.Response:
        return self.request("GET", path, {expect})

    def post(
        self, path: str, data: list[tuple[str, str]], expect: int = 302, **kwargs: Any
    ) -> requests.Response:
        headers = {"Referer": self.base + path, **kwargs.pop("headers", {})}
        return self.request(
            "POST", path, {expect}, data=data, headers=headers, **kwargs
        )

    def upstream(self) -> str:
        return self.hits[-1].upstream


def location(response: requests.Response) -> str:
    return response.headers["Location"]


def sign_in(j: Journey, password: str) -> None:
    page = j.get("/akun/masuk/")
    form = find_form(page.text, "")
    j.post("/akun/masuk/", fill(form, username=USERNAME, password=password))


def import_decree(j: Journey, year: int) -> tuple[str, str, str]:
    """Preview on one server, confirm on the other; return the plan's path."""
    path = f"/u/{UNIT}/rencana-aksi/impor/"
    form = find_form(j.get(path).text, "")
    with DECREE.open("rb") as handle:
        preview = j.post(
            path,
            fill(form, year=str(year)),
            expect=200,
            files={"file": (DECREE.name, handle, "text/plain")},
        )
    previewed_on = j.upstream()
    confirm = find_form(preview.text, "impor/simpan")
    saved = j.post(confirm.action, confirm.fields)
    confirmed_on = j.upstream()
    if previewed_on == confirmed_on:
        raise CheckFailed("preview and confirm reached the same app server")
    plan_path = location(saved)
    j.get(plan_path)
    return plan_path, previewed_on, confirmed_on


def upload_evidence(j: Journey) -> tuple[str, str]:
    path = f"/u/{UNIT}/bukti/unggah/"
    form = find_form(j.get(path).text, "")
    fields = [(k, v) for k, v in form.fields if k != "steps"]
    created = j.post(
        path,
        fill(
            Form(form.action, form.method, fields),
            title="Notulen rapat (uji skala)",
            document_date="2025-03-02",
        ),
        files={"uploads": ("notulen-uji-skala.pdf", PDF, "application/pdf")},
    )
    detail = location(created)
    page = j.get(detail).text
    match = re.search(r'href="(/u/[^"]+/bukti/\d+/unduh/\d+/)"', page)
    if match is None:
        raise CheckFailed("no download link on the evidence page")
    return detail, match.group(1)


def export_plan(j: Journey, plan_path: str, fmt: str) -> tuple[str, bytes, str]:
    """Export the plan; return (how it ran, the file, the download path)."""
    path = f"{plan_path}unduh/{fmt}/"
    page = j.get(path)
    if "attachment" in page.headers.get("Content-Disposition", ""):
        return "in the request", page.content, path
    form = find_form(page.text, "")
    started = j.post(form.action or path, form.fields)
    job_path = location(started)
    download = f"{job_path}berkas/"
    for _ in range(240):  # at most about 2 minutes
        response = j.request("GET", download, {200, 404, 409})
        if response.status_code == 200:
            return "background job (RQ worker)", response.content, download
        status = j.get(job_path).text
        if "Gagal" in status and "job-failed" in status:
            raise CheckFailed("the export job failed")
        time.sleep(0.5)
    raise CheckFailed("the export job did not finish in time")


def workbook_digest(data: bytes) -> str:
    """SHA-256 of a workbook's content, leaving out its creation time stamp."""
    digest = hashlib.sha256()
    with zipfile.ZipFile(io.BytesIO(data)) as workbook:
        for name in sorted(workbook.namelist()):
            if not name.startswith("docProps/"):
                digest.update(name.encode() + workbook.read(name))
    return digest.hexdigest()


def answer_lke(j: Journey, year: int) -> str:
    start = j.get(f"/u/{UNIT}/lke/{year}/isi/", expect=302)
    area_path = location(start)
    form = find_form(j.get(area_path).text, "/jawab/")
    question = form.action
    choice = next(iter(form.radios.values()), ["A"])[0]
    j.post(
        question,
        fill(form, value=choice, note="Dijawab lewat uji skala."),
        expect=200,
        headers={"HX-Request": "true", "Referer": j.base + area_path},
    )
    return area_path


# --- the processes -------------------------------------------------------------


class Processes:
    """Everything the check starts, stopped in reverse order at the end."""

    def __init__(self, workdir: Path, env: dict[str, str]) -> None:
        self.workdir, self.env = workdir, env
        self.running: list[tuple[str, subprocess.Popen[bytes]]] = []

    def start(self, name: str, argv: list[str]) -> subprocess.Popen[bytes]:
        log = (self.workdir / f"{name}.log").open("wb")
        process = subprocess.Popen(
            argv, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )
        self.running.append((name, process))
        return process

    def stop(self) -> None:
        for _name, process in reversed(self.running):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for _name, process in reversed(self.running):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)

    def log_errors(self) -> list[str]:
        found = []
        for name, _process in self.running:
            text = (self.workdir / f"{name}.log").read_text(errors="replace")
            if "Traceback" in text:
                found.append(f"{name}: a traceback in its log")
        return found


def wait_for_port(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            probe.settimeout(0.5)
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise CheckFailed(f"nothing listens on 127.0.0.1:{port}")


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


def psql(sql: str) -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql],
        check=True,
        capture_output=True,
    )


NGINX = """
{user}
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
  access_log {tmp}/nginx-access.log;
  client_body_temp_path {tmp}/nginx-body;
  proxy_temp_path {tmp}/nginx-proxy;
  fastcgi_temp_path {tmp}/nginx-fastcgi;
  uwsgi_temp_path {tmp}/nginx-uwsgi;
  scgi_temp_path {tmp}/nginx-scgi;
  client_max_body_size 60m;
  upstream sizi {{
    server 127.0.0.1:{app_a};
    server 127.0.0.1:{app_b};
  }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://sizi;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_read_timeout 300s;
      # Which app server answered: the check reads it to prove alternation.
      add_header X-Sizi-Upstream $upstream_addr always;
    }}
  }}
}}
"""


def environment(args: argparse.Namespace, tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SIZI_")}
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{args.database}",
        REDIS_URL=f"redis://127.0.0.1:6379/{args.redis_db}",
        TASKS_BACKEND="django_tasks_rq.RQBackend",
        S3_BUCKET=BUCKET,
        S3_ENDPOINT_URL=f"http://127.0.0.1:{args.s3_port}",
        S3_REGION="us-east-1",
        S3_ACCESS_KEY="scaleout",
        S3_SECRET_KEY="scaleout",  # noqa: S106 - moto accepts any key
        PRIVATE_MEDIA_ROOT=str(tmp / "must-stay-empty"),
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        SECURE_COOKIES="0",
        TRUSTED_PROXY_COUNT="1",
        PERIODIC_FROM_CRON="1",
        TWO_FACTOR_REQUIRED_FOR_ADMINS="1",
        DB_CONN_MAX_AGE="60",
    )
    return env


def start_services(
    args: argparse.Namespace, procs: Processes, env: dict[str, str], tmp: Path
) -> None:
    deadline = time.monotonic() + 60
    procs.start(
        "s3", [PY, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(args.s3_port)]
    )
    wait_for_port(args.s3_port, deadline)
    boto3.client(
        "s3",
        endpoint_url=env["S3_ENDPOINT_URL"],
        region_name="us-east-1",
        aws_access_key_id="scaleout",
        aws_secret_access_key="scaleout",  # noqa: S106
    ).create_bucket(Bucket=BUCKET)
    psql(f"DROP DATABASE IF EXISTS {args.database}")
    psql(f"CREATE DATABASE {args.database}")
    manage(env, "migrate", "--no-input")
    manage(env, "load_demo", "--force")
    manage(env, "collectstatic", "--no-input")
    for name, port in (("app-a", args.app_ports[0]), ("app-b", args.app_ports[1])):
        procs.start(
            name,
            [
                GUNICORN, "sizi.wsgi", "--bind", f"127.0.0.1:{port}",
                "--workers", "2", "--threads", "2", "--timeout", "300",
            ],
        )  # fmt: skip
    procs.start(
        "rq-worker",
        [PY, "manage.py", "rqworker", "--job-class", "django_tasks_rq.backend.Job",
         "default"],
    )  # fmt: skip
    procs.start("scheduler", [PY, "manage.py", "worker", "--schedule-only"])
    conf = tmp / "nginx.conf"
    conf.write_text(
        NGINX.format(
            user="user root;" if os.geteuid() == 0 else "",
            tmp=tmp,
            app_a=args.app_ports[0],
            app_b=args.app_ports[1],
            port=args.port,
        )
    )
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    procs.start("nginx", [nginx, "-p", str(tmp), "-c", str(conf), "-g", "daemon off;"])
    for port in (*args.app_ports, args.port):
        wait_for_port(port, time.monotonic() + 60)


# --- identical results ------------------------------------------------------------


def compare_servers(j: Journey, paths: list[str], ports: list[int]) -> list[str]:
    """GET each path from each app server directly; return the ones that differ."""
    differ = []
    for path in paths:
        bodies = []
        for port in ports:
            response = j.session.get(
                f"http://127.0.0.1:{port}{path}",
                headers={"Host": "127.0.0.1", "X-Forwarded-For": "127.0.0.1"},
                allow_redirects=False,
                timeout=120,
            )
            if response.status_code != 200:
                j.errors.append(f"GET {path} on :{port} → {response.status_code}")
            bodies.append(CSRF.sub(b"", response.content))
        if len({hashlib.sha256(b).hexdigest() for b in bodies}) != 1:
            differ.append(path)
            for port, body in zip(ports, bodies, strict=True):
                (j.workdir / f"differ-{len(differ)}-{port}.html").write_bytes(body)
    return differ


def run(args: argparse.Namespace) -> int:
    started = time.monotonic()
    deadline = started + args.time_limit
    if shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists():
        print("nginx is missing: apt-get install -y nginx")
        return 2
    redis.Redis.from_url(f"redis://127.0.0.1:6379/{args.redis_db}").ping()
    tmp = Path(tempfile.mkdtemp(prefix="sizi-scaleout-"))
    env = environment(args, tmp)
    procs = Processes(tmp, env)
    try:
        start_services(args, procs, env, tmp)
        ready = time.monotonic()
        j = Journey(f"http://127.0.0.1:{args.port}", deadline, tmp)
        report = journey(j, args)
        journey_seconds = time.monotonic() - ready
        report["directly from each server, pages that differ"] = compare_servers(
            j, report.pop("compare"), args.app_ports
        )
    except (
        CheckFailed,
        subprocess.CalledProcessError,
        requests.RequestException,
    ) as exc:
        print(f"FAILED: {exc}")
        if isinstance(exc, subprocess.CalledProcessError):
            print(exc.stderr.decode(errors="replace")[-2000:])
        print(f"logs kept in {tmp}")
        return 1
    finally:
        procs.stop()
    errors = j.errors + procs.log_errors()
    local_files = [p for p in (tmp / "must-stay-empty").rglob("*") if p.is_file()]
    if local_files:
        errors.append(f"{len(local_files)} files written to a local folder")
    by_server: dict[str, int] = {}
    for hit in j.hits:
        by_server[hit.upstream] = by_server.get(hit.upstream, 0) + 1
    times = sorted(h.seconds for h in j.hits)
    print("SIZI scale-out check")
    print(f"  requests through nginx: {len(j.hits)}; by app server: {by_server}")
    print(
        f"  slowest request: {times[-1]:.2f} s; median {times[len(times) // 2]:.3f} s"
    )
    for key, value in report.items():
        print(f"  {key}: {value}")
    print(
        f"  journey: {journey_seconds:.1f} s; whole run: {time.monotonic() - started:.1f} s"
    )
    print(f"  errors: {len(errors)}")
    for error in errors:
        print(f"    {error}")
    same = not report["directly from each server, pages that differ"]
    print(f"  identical results: {'yes' if same else 'NO'}")
    if not args.keep_database:
        psql(f"DROP DATABASE IF EXISTS {args.database}")
    shutil.rmtree(tmp, ignore_errors=True) if not errors and same else print(
        f"logs kept in {tmp}"
    )
    return 0 if not errors and same else 1


def demo_password() -> str:
    source = (ROOT / "sizi" / "units" / "demo.py").read_text(encoding="utf-8")
    match = re.search(r'DEMO_PASSWORD = "([^"]+)"', source)
    if match is None:
        raise CheckFailed("DEMO_PASSWORD not found in sizi/units/demo.py")
    return match.group(1)


def journey(j: Journey, args: argparse.Namespace) -> dict[str, Any]:
    sign_in(j, demo_password())
    plan_path, previewed_on, confirmed_on = import_decree(j, args.year)
    detail, download = upload_evidence(j)
    uploaded = {hashlib.sha256(j.get(download).content).hexdigest() for _ in range(2)}
    if uploaded != {hashlib.sha256(PDF).hexdigest()}:
        raise CheckFailed("the evidence file read back differs from the upload")
    how, exported, export_path = export_plan(j, plan_path, "xlsx")
    again = {workbook_digest(j.get(export_path).content) for _ in range(2)}
    if again != {workbook_digest(exported)}:
        raise CheckFailed("the export downloaded from the two servers differs")
    area = answer_lke(j, args.lke_year)
    return {
        "decree preview → confirm": f"{previewed_on} → {confirmed_on}",
        "evidence file read back from both servers": "identical to the upload",
        "plan export (xlsx)": f"{how}, {len(exported)} bytes, same from both servers",
        "LKE answer saved on": j.upstream(),
        "compare": [plan_path, detail, area, f"/u/{UNIT}/bukti/"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8480, help="nginx")
    parser.add_argument(
        "--app-ports", type=int, nargs=2, default=[8481, 8482], metavar="PORT"
    )
    parser.add_argument("--s3-port", type=int, default=8483)
    parser.add_argument("--database", default="sizi_scaleout")
    parser.add_argument("--redis-db", type=int, default=11)
    parser.add_argument("--year", type=int, default=2026, help="imported plan year")
    parser.add_argument("--lke-year", type=int, default=2025)
    parser.add_argument("--time-limit", type=float, default=600.0, metavar="SECONDS")
    parser.add_argument("--keep-database", action="store_true")
    args = parser.parse_args()
    if not re.fullmatch(r"sizi_[a-z0-9_]+", args.database):
        parser.error("--database must look like sizi_name")
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
