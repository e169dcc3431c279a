"""Test personas and shared fixtures.

The tree mirrors the demo: KPU RI → KPU Provinsi Jambi → KPU Kab. Tanjung Jabung
Barat and KPU Kab. Tanjung Jabung Timur. Personas (one role each):

- ``lena``: leader (pimpinan) of kpu-tanjabbar
- ``alice``: coordinator of kpu-tanjabbar
- ``bob``: team member (PIC) of kpu-tanjabbar
- ``vera``: viewer of kpu-tanjabbar
- ``charlie``: coordinator of kpu-tanjabtim (must never see tanjabbar's data)
- ``rina``: reviewer at kpu-jambi (penilaian pendahuluan of the kabupaten units)
- ``tia``: reviewer at kpu-ri (TPI)
- ``admin``: system administrator (superuser)
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("SIZI_TESTING", "1")

from sizi.units.models import Membership, Unit, User  # noqa: E402
from sizi.units.tests.factories import (  # noqa: E402
    MembershipFactory,
    UnitFactory,
    UnitLevelFactory,
    UserFactory,
)

Role = Membership.Role
SHARED_DIR = Path(__file__).resolve().parent.parent / "shared"
SEED_DECREE = SHARED_DIR / "seeds" / "000_0aa9eb4df12157a3.txt"


@pytest.fixture(autouse=True)
def _private_media(settings: Any, tmp_path: Path) -> None:
    """Keep every test's uploaded files in its own temporary folder."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }


@pytest.fixture
def seed_decree_path() -> Path:
    if not SEED_DECREE.exists():
        pytest.fail(f"Seed decree not found at {SEED_DECREE}")
    return SEED_DECREE


@pytest.fixture
def tree(db: None) -> dict[str, Unit]:
    national = UnitLevelFactory(code="nasional", name="KPU RI", rank=0)
    province = UnitLevelFactory(code="provinsi", name="KPU Provinsi", rank=1)
    regency = UnitLevelFactory(
        code="kabkota", name="KPU Kabupaten/Kota", rank=2, needs_preliminary_review=True
    )
    ri = UnitFactory(
        code="kpu-ri", name="Komisi Pemilihan Umum Republik Indonesia", level=national
    )
    jambi = UnitFactory(
        code="kpu-jambi", name="KPU Provinsi Jambi", level=province, parent=ri
    )
    tanjabbar = UnitFactory(
        code="kpu-tanjabbar",
        name="KPU Kabupaten Tanjung Jabung Barat",
        level=regency,
        parent=jambi,
        city="Kuala Tungkal",
    )
    tanjabtim = UnitFactory(
        code="kpu-tanjabtim",
        name="KPU Kabupaten Tanjung Jabung Timur",
        level=regency,
        parent=jambi,
    )
    return {"ri": ri, "jambi": jambi, "tanjabbar": tanjabbar, "tanjabtim": tanjabtim}


def _persona(username: str, full_name: str, unit: Unit, role: str) -> User:
    user = UserFactory(username=username, full_name=full_name)
    MembershipFactory(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def lena(tree: dict[str, Unit]) -> User:
    return _persona("lena", "Lena Pimpinan", tree["tanjabbar"], Role.LEADER)


@pytest.fixture
def alice(tree: dict[str, Unit]) -> User:
    return _persona("alice", "Alice Koordinator", tree["tanjabbar"], Role.COORDINATOR)


@pytest.fixture
def bob(tree: dict[str, Unit]) -> User:
    return _persona("bob", "Bob PIC", tree["tanjabbar"], Role.TEAM)


@pytest.fixture
def vera(tree: dict[str, Unit]) -> User:
    return _persona("vera", "Vera Pemantau", tree["tanjabbar"], Role.VIEWER)


@pytest.fixture
def charlie(tree: dict[str, Unit]) -> User:
    return _persona("charlie", "Charlie Tanjabtim", tree["tanjabtim"], Role.COORDINATOR)


@pytest.fixture
def rina(tree: dict[str, Unit]) -> User:
    return _persona("rina", "Rina Penilai Provinsi", tree["jambi"], Role.REVIEWER)


@pytest.fixture
def tia(tree: dict[str, Unit]) -> User:
    return _persona("tia", "Tia TPI", tree["ri"], Role.REVIEWER)


@pytest.fixture
def admin(tree: dict[str, Unit]) -> User:
    return UserFactory(
        username="admin", full_name="Admin Sistem", is_superuser=True, is_staff=True
    )


# --- Browser tests -----------------------------------------------------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium driven by Playwright; never a downloaded browser.

    Skipped when chromium is missing, unless SIZI_REQUIRE_BROWSER=1 (as in CI),
    where a missing browser fails the run.
    """
    if not Path(CHROMIUM).exists():
        if os.environ.get("SIZI_REQUIRE_BROWSER") == "1":
            pytest.fail(
                f"chromium not found at {CHROMIUM}; install Debian's chromium package"
            )
        pytest.skip("chromium not installed (apt-get install chromium)")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import expect, sync_playwright

    # Web-first assertions wait as long as actions do: a loaded CI machine
    # can take more than the 5 s default to answer an htmx request.
    expect.set_options(timeout=15000)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    """A fresh browser page (Indonesian locale, Jakarta time) for one test."""
    context = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta")
    context.set_default_timeout(15000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def login(live_server: Any) -> Any:
    """Return a function that signs a user in through the real login form."""

    def _login(page: Any, username: str, password: str = "sandi-uji-123") -> None:
        page.goto(f"{live_server.url}/akun/masuk/")
        page.get_by_label("Nama pengguna").fill(username)
        page.get_by_label("Kata sandi").fill(password)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_load_state()

    return _login
