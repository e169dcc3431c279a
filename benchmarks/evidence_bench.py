"""Benchmark of evidence uploads and packs: memory must stay flat whatever the size.

Run on demand (never as a test), from the repository root:

    .venv/bin/python benchmarks/evidence_bench.py [--upload-mb 500] [--files 1000]
        [--file-kb 1024] [--keep]

1. Upload: starts a real server (`manage.py runserver --noreload` on 127.0.0.1)
   on a throw-away SQLite database and storage folder, signs a PIC in (session
   cookie), and POSTs one PDF of --upload-mb MB to the upload form as a
   streaming request (the body is generated in 1 MB chunks, never held whole).
   The server's peak RSS (VmHWM from /proc/<pid>/status) is read after a warm-up
   request (baseline) and after the upload (peak).
2. Pack: stores --files verified PDFs of --file-kb KB each, linked to the steps
   of a generated plan, then runs `manage.py evidence_pack` in a child process
   for 10 % of them and for all of them, reporting time and the child's peak
   RSS (ru_maxrss) for both.

Everything lives in a temporary folder removed at the end (unless --keep).
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import io
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
MB = 1024 * 1024
BOUNDARY = "----sizi-bench-" + secrets.token_hex(8)
SENT_DIGEST = hashlib.sha256()


def setup_env(work: Path, max_upload: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "sizi.settings",
            "DATABASE_URL": f"sqlite:///{work / 'bench.sqlite3'}",
            "PRIVATE_MEDIA_ROOT": str(work / "private"),
            "FILE_UPLOAD_TEMP_DIR": str(work / "tmp"),
            "EVIDENCE_MAX_UPLOAD_SIZE": str(max_upload),
            "DEBUG": "1",
            "SIZI_TESTING": "1",
            "PYTHONPATH": str(ROOT),
        }
    )
    (work / "tmp").mkdir(parents=True, exist_ok=True)
    os.environ.update(env)
    return env


def vm(pid: int, key: str) -> int:
    """Return a /proc/<pid>/status memory figure in kB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    raise KeyError(key)


def prepare_database() -> tuple[str, str]:
    """Migrate, create the unit, a PIC and a plan; return (session key, csrf token)."""
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from sizi.units.models import Membership, Unit, UnitLevel, User

    call_command("migrate", verbosity=0)
    level, _ = UnitLevel.objects.get_or_create(
        code="kabkota", defaults={"name": "Kab", "rank": 2}
    )
    unit, _ = Unit.objects.get_or_create(
        code="kpu-bench",
        defaults={"name": "KPU Bench", "level": level, "path": "kpu-bench/"},
    )
    user, _ = User.objects.get_or_create(
        username="pic.bench", defaults={"full_name": "PIC Bench"}
    )
    Membership.objects.get_or_create(user=user, unit=unit, role=Membership.Role.TEAM)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    assert session.session_key is not None
    return session.session_key, secrets.token_urlsafe(24)[:32].replace(
        "-", "a"
    ).replace("_", "b")


def multipart_parts(size: int) -> tuple[list[bytes], int, Iterator[bytes]]:
    """Return (form head, total length, generator of the file body and tail)."""
    head = b""
    for name, value in (
        ("title", "Video kegiatan besar"),
        ("document_date", "2026-01-05"),
    ):
        head += (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        ).encode()
    head += (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="uploads"; '
        f'filename="besar.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
    ).encode()
    tail = f"\r\n--{BOUNDARY}--\r\n".encode()
    pdf_head = b"%PDF-1.4\n%bench\n"

    def body() -> Iterator[bytes]:
        yield pdf_head
        SENT_DIGEST.update(pdf_head)
        remaining = size - len(pdf_head)
        block = b"0" * MB
        while remaining > 0:
            piece = block[: min(MB, remaining)]
            remaining -= len(piece)
            SENT_DIGEST.update(piece)
            yield piece
        yield tail

    return [head], len(head) + size + len(tail), body()


def wait_for(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("server did not start")


def bench_upload(
    env: dict[str, str], work: Path, size_mb: int, session: str, csrf: str
) -> dict[str, float]:
    port = 18000 + secrets.randbelow(1000)
    server = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(work / "server.log", "wb"),  # noqa: SIM115
    )
    try:
        wait_for(port)
        cookie = f"sessionid={session}; csrftoken={csrf}"
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        conn.request("GET", "/u/kpu-bench/bukti/unggah/", headers={"Cookie": cookie})
        warm = conn.getresponse()
        warm.read()
        assert warm.status == 200, warm.status
        baseline_hwm = vm(server.pid, "VmHWM")
        baseline_rss = vm(server.pid, "VmRSS")
        head, length, body = multipart_parts(size_mb * MB)
        started = time.perf_counter()
        conn.putrequest("POST", "/u/kpu-bench/bukti/unggah/")
        conn.putheader("Cookie", cookie)
        conn.putheader("X-CSRFToken", csrf)
        conn.putheader("Referer", f"http://127.0.0.1:{port}/")
        conn.putheader("Content-Type", f"multipart/form-data; boundary={BOUNDARY}")
        conn.putheader("Content-Length", str(length))
        conn.endheaders()
        for piece in head:
            conn.send(piece)
        for piece in body:
            conn.send(piece)
        response = conn.getresponse()
        response.read()
        elapsed = time.perf_counter() - started
        assert response.status == 302, (
            response.status,
            (work / "server.log").read_text()[-2000:],
        )
        peak_hwm = vm(server.pid, "VmHWM")
        stored = sum(
            p.stat().st_size for p in (work / "private").rglob("*") if p.is_file()
        )
        from sizi.evidence.models import EvidenceRevision

        recorded = EvidenceRevision.objects.get().sha256
        assert recorded == SENT_DIGEST.hexdigest(), (
            "stored hash differs from the file sent"
        )
        return {
            "size_mb": size_mb,
            "seconds": elapsed,
            "baseline_rss_mb": baseline_rss / 1024,
            "baseline_hwm_mb": baseline_hwm / 1024,
            "peak_hwm_mb": peak_hwm / 1024,
            "delta_mb": (peak_hwm - baseline_hwm) / 1024,
            "stored_mb": stored / MB,
            "sha256": recorded,
        }
    finally:
        server.terminate()
        server.wait(timeout=30)


def make_pack_data(count: int, file_kb: int) -> None:
    """Store `count` verified PDFs linked round-robin to the steps of a 2026 plan."""
    from sizi.evidence import services
    from sizi.evidence.minipdf import minimal_pdf
    from sizi.plans.models import ActionPlan, ActionStep, Area, Component, Indicator
    from sizi.units.models import Membership, Unit, User

    unit = Unit.objects.get(code="kpu-bench")
    user = User.objects.get(username="pic.bench")
    # Separation of duties: the uploader may not verify their own evidence.
    verifier, _ = User.objects.get_or_create(
        username="koordinator.bench", defaults={"full_name": "Koordinator Bench"}
    )
    Membership.objects.get_or_create(
        user=verifier, unit=unit, role=Membership.Role.COORDINATOR
    )
    plan, _ = ActionPlan.objects.get_or_create(unit=unit, year=2026)
    steps = []
    for a in range(1, 7):
        area = Area.objects.create(
            plan=plan, numeral=str(a), title=f"Area {a}", lke_area="MP", order=a
        )
        component = Component.objects.create(
            area=area, number="1", name="Komponen", order=1
        )
        for i in range(1, 5):
            indicator = Indicator.objects.create(
                component=component, text=f"Indikator {i}", order=i
            )
            steps.append(
                ActionStep.objects.create(
                    indicator=indicator, text=f"Langkah {a}.{i}", order=1
                )
            )
    for n in range(count):
        data = minimal_pdf([f"Bukti {n}"], padding=file_kb * 1024)
        [evidence] = services.upload_evidence(
            unit,
            [services.IncomingFile(f"bukti-{n:04d}.pdf", io.BytesIO(data))],
            services.EvidenceData(title=f"Bukti {n}", document_date=date(2026, 1, 1)),
            by=user,
            steps=[steps[n % len(steps)]],
            submit=True,
        )
        services.verify_evidence(evidence, by=verifier)


CHILD = """
import resource, sys, time, django
django.setup()
from django.core.management import call_command
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
call_command("evidence_pack", unit="kpu-bench", year=2026, output=sys.argv[1])
elapsed = time.perf_counter() - started
print(before, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, elapsed)
"""


def bench_pack(env: dict[str, str], work: Path, label: str) -> dict[str, float]:
    target = work / f"pack-{label}.zip"
    out = subprocess.run(
        [PYTHON, "-c", CHILD, str(target)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    before, after, elapsed = out.stdout.strip().splitlines()[-1].split()
    with zipfile.ZipFile(target) as archive:
        files = sum(1 for n in archive.namelist() if n.endswith(".pdf"))
    return {
        "files": files,
        "zip_mb": target.stat().st_size / MB,
        "seconds": float(elapsed),
        "baseline_mb": int(before) / 1024,
        "peak_mb": int(after) / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upload-mb", type=int, default=500)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--file-kb", type=int, default=1024)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sizi-evidence-bench-"))
    try:
        env = setup_env(work, max_upload=(args.upload_mb + 10) * MB)
        session, csrf = prepare_database()
        upload = bench_upload(env, work, args.upload_mb, session, csrf)
        print(
            f"upload {upload['size_mb']} MB: {upload['seconds']:.1f} s; server RSS "
            f"{upload['baseline_rss_mb']:.1f} MB; peak (VmHWM) {upload['baseline_hwm_mb']:.1f} MB "
            f"before, {upload['peak_hwm_mb']:.1f} MB after: +{upload['delta_mb']:.1f} MB; "
            f"stored {upload['stored_mb']:.1f} MB, SHA-256 {str(upload['sha256'])[:16]}… "
            "matches the file sent"
        )
        from sizi.evidence.models import Evidence

        Evidence.objects.all().delete()  # the big upload is not part of the pack
        shutil.rmtree(work / "private", ignore_errors=True)
        small = max(args.files // 10, 1)
        started = time.perf_counter()
        make_pack_data(small, args.file_kb)
        results = [bench_pack(env, work, "small")]
        make_pack_data(args.files - small, args.file_kb)
        setup_seconds = time.perf_counter() - started
        results.append(bench_pack(env, work, "full"))
        print(
            f"(stored {args.files} files of {args.file_kb} KB in {setup_seconds:.1f} s)"
        )
        for r in results:
            print(
                f"pack {r['files']} files, {r['zip_mb']:.0f} MB: {r['seconds']:.1f} s; "
                f"peak RSS {r['peak_mb']:.1f} MB (after start-up {r['baseline_mb']:.1f} MB)"
            )
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
