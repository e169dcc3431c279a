"""Load the cuti bersama data file into the administrator-editable calendar."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sizi.core.workcalendar import DATA_FILE, CalendarDataError, load_calendar_data
from sizi.core.workdays import load_calendar


class Command(BaseCommand):
    help = (
        "Muat cuti bersama dari berkas data (SKB 3 Menteri) ke kalender kerja; "
        "hari yang telah diubah administrator tidak disentuh."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path", nargs="?", default=str(DATA_FILE), help="berkas YAML kalender"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            changes = load_calendar_data(Path(options["path"]))
        except (OSError, CalendarDataError) as error:
            raise CommandError(str(error)) from None
        counts = load_calendar(changes)
        self.stdout.write(
            f"{counts['created']} ditambahkan, {counts['updated']} diperbarui, "
            f"{counts['kept']} tetap, {counts['removed']} dihapus."
        )
