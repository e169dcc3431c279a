"""Reading a Google Forms / spreadsheet export of survey answers (pure: no database).

`table` reads CSV or XLSX bytes into rows of text; `columns` finds the header
row and maps columns to the instrument (question text, unsur name, code, or an
explicit mapping); `rows` turns each data row into a `ResponseInput`, refusing
unknown answer labels with the row and column named. Nothing is stored here:
`services.import_responses` stores all rows or none. Numbers in cells go through
`sizi.core.numbers.parse_count`, the project's one number parser.
"""

from __future__ import annotations


class ImportProblem(ValueError):
    """The file cannot be imported; `problems` lists every reason, in Indonesian."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems
