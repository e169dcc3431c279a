"""Load the demo data set: the KPU tree, demo users, and each feature's examples."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sizi.cases import demo as cases_demo
from sizi.evidence import demo as evidence_demo
from sizi.integrity import demo as integrity_demo
from sizi.lke import demo as lke_demo
from sizi.plans import demo as plans_demo
from sizi.surveys import demo as surveys_demo
from sizi.units import demo as units_demo
from sizi.units.demo import DEMO_PASSWORD
from sizi.units.notifications import without_email


class Command(BaseCommand):
    help = "Muat data demo (idempoten: dijalankan berulang tidak menggandakan data)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Muat juga saat DEBUG=0 (membuat akun demo dengan sandi yang diketahui umum).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "Data demo membuat akun dengan kata sandi yang diketahui umum dan tidak "
                "dimuat saat DEBUG=0. Gunakan --force hanya untuk server latihan."
            )
        accounts = units_demo.load(stdout=self.stdout)
        # Feature demos, in the order of the ZI process (one line each). Their
        # events fill the demo users' bells but send no e-mail.
        with without_email():
            plans_demo.load(stdout=self.stdout)
            evidence_demo.load(stdout=self.stdout)
            surveys_demo.load(stdout=self.stdout)
            cases_demo.load(stdout=self.stdout)
            integrity_demo.load(stdout=self.stdout)
            lke_demo.load(stdout=self.stdout)
        self.stdout.write(f"\nAkun demo (kata sandi semua akun: {DEMO_PASSWORD}):\n")
        for username, role, unit in accounts:
            self.stdout.write(f"  {username:<24} {role:<28} {unit}\n")
