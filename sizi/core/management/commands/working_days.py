"""Working-day arithmetic on the command line.

`working_days DATE N` prints the date N working days after DATE (ISO);
`working_days DATE1 DATE2` prints the working days after DATE1 up to and
including DATE2.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sizi.core.numbers import NumberError, parse_count
from sizi.core.workdays import add_working_days, count_working_days


def _date(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"{what} {text!r} bukan tanggal dengan format YYYY-MM-DD."
        ) from None


class Command(BaseCommand):
    help = (
        "Hari kerja: 'DATE N' mencetak tanggal N hari kerja setelah DATE; "
        "'DATE1 DATE2' mencetak jumlah hari kerja setelah DATE1 sampai DATE2."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("start", help="tanggal awal (YYYY-MM-DD)")
        parser.add_argument("second", help="jumlah hari kerja N, atau tanggal akhir")

    def handle(self, *args: Any, **options: Any) -> None:
        start = _date(options["start"], "Tanggal awal")
        second: str = options["second"]
        if len(second.strip()) == 10 and second.strip()[4] == "-":
            result = count_working_days(start, _date(second, "Tanggal akhir"))
            self.stdout.write(str(result))
            return
        try:
            n = parse_count(second, where="Jumlah hari kerja", max_value=3660)
        except NumberError as error:
            raise CommandError(" ".join(error.messages)) from None
        if n is None:
            raise CommandError("Jumlah hari kerja kosong.")
        self.stdout.write(add_working_days(start, n).isoformat())
