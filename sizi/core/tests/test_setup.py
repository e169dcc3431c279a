"""`make run` as a newcomer meets it: the host names served, the README's set-up text."""

from __future__ import annotations

import shutil
import socket
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

MAKE = shutil.which("make")
needs_make = pytest.mark.skipif(MAKE is None, reason="make missing")
ALL_INTERFACES = ".".join("0" * 4)


def _hosts(*args: str) -> list[str]:
    out = subprocess.run(
        [str(MAKE), "-s", "--no-print-directory", "hosts", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout
    return out.strip().split(",")


@needs_make
def test_serving_the_office_network_accepts_the_pc_name_not_0_0_0_0():
    hosts = _hosts(f"HOST={ALL_INTERFACES}")

    assert ALL_INTERFACES not in hosts
    assert "" not in hosts
    assert socket.gethostname() in hosts
    assert {"127.0.0.1", "localhost"} <= set(hosts)


@needs_make
def test_serving_one_address_accepts_that_address():
    assert sorted(_hosts("HOST=192.168.10.5")) == [
        "127.0.0.1",
        "192.168.10.5",
        "localhost",
    ]


def test_make_run_announces_its_steps_in_both_languages_and_quiets_pip():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")

    for indonesian, english in [
        ("Memasang dependensi SIZI", "Installing SIZI's dependencies"),
        ("Menyiapkan basis data", "Migrating the database"),
        ("Memuat data demo", "Loading the demo data"),
        ("SIZI berjalan di", "SIZI is serving"),
        ("Menyiapkan berkas statis", "Collecting the static files"),
    ]:
        assert indonesian in makefile and english in makefile
    assert "--quiet --quiet --disable-pip-version-check" in makefile
    assert "ALLOWED_HOSTS=$(ALLOWED)" in makefile


def test_readme_documents_port_host_and_the_demo_seed_decree():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")

    assert "make run PORT=8080" in readme
    assert "make run HOST=0.0.0.0" in readme
    assert "never `0.0.0.0`" in readme
    assert "The demo already holds the **seed decree**" in readme
