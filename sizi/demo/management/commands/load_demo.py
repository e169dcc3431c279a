"""Load the demo data set: the KPU tree, demo users, and each feature's examples."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sizi.evidence import demo as evidence_demo
from sizi.lke import demo as lke_demo
from sizi.plans import demo as plans_demo
from sizi.units import demo as units_demo
from sizi.units.demo import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Muat data demo (idempoten: dijalankan berulang tidak menggandakan data)."

    def handle(self, *args: Any, **options: Any) -> None:
        accounts = units_demo.load(stdout=self.stdout)
        # Feature demos, in the order of the ZI process (one line each).
        plans_demo.load(stdout=self.stdout)
        evidence_demo.load(stdout=self.stdout)
        lke_demo.load(stdout=self.stdout)
        self.stdout.write(f"\nAkun demo (kata sandi semua akun: {DEMO_PASSWORD}):\n")
        for username, role, unit in accounts:
            self.stdout.write(f"  {username:<24} {role:<28} {unit}\n")
