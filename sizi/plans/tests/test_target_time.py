"""The target-time parser: every phrase of the seed decree, the other forms, properties."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sizi.plans.importing.table import is_header_row, is_number_row
from sizi.plans.target_time import (
    MONTH_NAMES,
    WEEK_CONVENTION,
    Kind,
    Recurrence,
    TargetTime,
    format_date,
    parse_target_time,
)

D = date
Y = 2025

# (text, kind, start, end, recurrence, number of periods)
SEED_PHRASES = [
    ("Oktober minggu ke-2 tahun 2025", Kind.WEEK, D(Y, 10, 8), D(Y, 10, 14), "", 1),
    ("Oktober minggu ke-3 tahun 2025", Kind.WEEK, D(Y, 10, 15), D(Y, 10, 21), "", 1),
    ("November, Desember", Kind.LIST, D(Y, 11, 1), D(Y, 12, 31), "", 2),
    ("Per-bulan", Kind.RECURRING, D(Y, 1, 1), D(Y, 12, 31), "monthly", 12),
    ("November 2025", Kind.MONTH, D(Y, 11, 1), D(Y, 11, 30), "", 1),
    ("Paling lambat November 2025", Kind.DEADLINE, None, D(Y, 11, 30), "", 1),
    ("Oktober 2025", Kind.MONTH, D(Y, 10, 1), D(Y, 10, 31), "", 1),
    ("Desember 2025", Kind.MONTH, D(Y, 12, 1), D(Y, 12, 31), "", 1),
    ("April 2025", Kind.MONTH, D(Y, 4, 1), D(Y, 4, 30), "", 1),
    ("April-Mei 2025", Kind.RANGE, D(Y, 4, 1), D(Y, 5, 31), "", 1),
    ("Januari 2025", Kind.MONTH, D(Y, 1, 1), D(Y, 1, 31), "", 1),
    ("Februari 2025", Kind.MONTH, D(Y, 2, 1), D(Y, 2, 28), "", 1),
    ("Juli- Desember 2025", Kind.RANGE, D(Y, 7, 1), D(Y, 12, 31), "", 1),
    ("Februari-Desember 2025", Kind.RANGE, D(Y, 2, 1), D(Y, 12, 31), "", 1),
    ("Januari-Desember 2025", Kind.RANGE, D(Y, 1, 1), D(Y, 12, 31), "", 1),
    ("Oktober - Desember 2025", Kind.RANGE, D(Y, 10, 1), D(Y, 12, 31), "", 1),
    ("Agustus-Oktober 2025", Kind.RANGE, D(Y, 8, 1), D(Y, 10, 31), "", 1),
    ("Oktober-Desember 2025", Kind.RANGE, D(Y, 10, 1), D(Y, 12, 31), "", 1),
    ("November - Desember 2025", Kind.RANGE, D(Y, 11, 1), D(Y, 12, 31), "", 1),
    ("September 2025", Kind.MONTH, D(Y, 9, 1), D(Y, 9, 30), "", 1),
    ("Agustus 2025", Kind.MONTH, D(Y, 8, 1), D(Y, 8, 31), "", 1),
]

OTHER_FORMS = [
    # months, abbreviations, English, noise
    ("Januari 2025", Kind.MONTH, D(Y, 1, 1), D(Y, 1, 31), "", 1),
    ("Okt 2025", Kind.MONTH, D(Y, 10, 1), D(Y, 10, 31), "", 1),
    ("Des 2025", Kind.MONTH, D(Y, 12, 1), D(Y, 12, 31), "", 1),
    ("Agt 2025", Kind.MONTH, D(Y, 8, 1), D(Y, 8, 31), "", 1),
    ("Nop 2025", Kind.MONTH, D(Y, 11, 1), D(Y, 11, 30), "", 1),
    ("Nopember 2025", Kind.MONTH, D(Y, 11, 1), D(Y, 11, 30), "", 1),
    ("Pebruari 2024", Kind.MONTH, D(2024, 2, 1), D(2024, 2, 29), "", 1),
    ("October 2025", Kind.MONTH, D(Y, 10, 1), D(Y, 10, 31), "", 1),
    ("  OKTOBER   2025. ", Kind.MONTH, D(Y, 10, 1), D(Y, 10, 31), "", 1),
    ("<i>Oktober</i> 2025", Kind.MONTH, D(Y, 10, 1), D(Y, 10, 31), "", 1),
    ("Bulan Oktober Tahun 2025", Kind.MONTH, D(Y, 10, 1), D(Y, 10, 31), "", 1),
    ("Des", Kind.MONTH, D(Y, 12, 1), D(Y, 12, 31), "", 1),
    # ranges with every separator
    ("Januari – Maret 2025", Kind.RANGE, D(Y, 1, 1), D(Y, 3, 31), "", 1),
    ("Januari — Maret 2025", Kind.RANGE, D(Y, 1, 1), D(Y, 3, 31), "", 1),
    ("Januari s.d. Maret 2025", Kind.RANGE, D(Y, 1, 1), D(Y, 3, 31), "", 1),
    ("Januari s/d Maret 2025", Kind.RANGE, D(Y, 1, 1), D(Y, 3, 31), "", 1),
    ("Januari sd Maret 2025", Kind.RANGE, D(Y, 1, 1), D(Y, 3, 31), "", 1),
    ("Januari sampai dengan Maret 2025", Kind.RANGE, D(Y, 1, 1), D(Y, 3, 31), "", 1),
    ("Januari hingga Maret 2025", Kind.RANGE, D(Y, 1, 1), D(Y, 3, 31), "", 1),
    ("Oktober -\nDesember 2025", Kind.RANGE, D(Y, 10, 1), D(Y, 12, 31), "", 1),
    ("November 2025 - Februari 2026", Kind.RANGE, D(Y, 11, 1), D(2026, 2, 28), "", 1),
    ("November - Februari 2026", Kind.RANGE, D(Y, 11, 1), D(2026, 2, 28), "", 1),
    ("27 - 30 Oktober 2025", Kind.RANGE, D(Y, 10, 27), D(Y, 10, 30), "", 1),
    ("1 Oktober s.d. 15 November 2025", Kind.RANGE, D(Y, 10, 1), D(Y, 11, 15), "", 1),
    ("Juli - Desember", Kind.RANGE, D(Y, 7, 1), D(Y, 12, 31), "", 1),
    # lists
    ("November dan Desember 2025", Kind.LIST, D(Y, 11, 1), D(Y, 12, 31), "", 2),
    ("Januari, Maret, Mei", Kind.LIST, D(Y, 1, 1), D(Y, 5, 31), "", 3),
    (
        "Januari - Maret, Juli - September 2025",
        Kind.LIST,
        D(Y, 1, 1),
        D(Y, 9, 30),
        "",
        2,
    ),
    ("Desember 2025, Januari 2026", Kind.LIST, D(Y, 12, 1), D(2026, 1, 31), "", 2),
    # weeks
    ("minggu ke-1 Oktober 2025", Kind.WEEK, D(Y, 10, 1), D(Y, 10, 7), "", 1),
    ("Minggu kedua Oktober 2025", Kind.WEEK, D(Y, 10, 8), D(Y, 10, 14), "", 1),
    ("Oktober 2025 minggu ke 4", Kind.WEEK, D(Y, 10, 22), D(Y, 10, 28), "", 1),
    ("minggu ke-5 Oktober 2025", Kind.WEEK, D(Y, 10, 29), D(Y, 10, 31), "", 1),
    ("pekan ke-2 Maret 2025", Kind.WEEK, D(Y, 3, 8), D(Y, 3, 14), "", 1),
    ("Oktober minggu terakhir 2025", Kind.WEEK, D(Y, 10, 25), D(Y, 10, 31), "", 1),
    ("minggu ke-2 dan ke-3 Oktober 2025", Kind.LIST, D(Y, 10, 8), D(Y, 10, 21), "", 2),
    (
        "Oktober minggu ke-2 dan ke-3 tahun 2025",
        Kind.LIST,
        D(Y, 10, 8),
        D(Y, 10, 21),
        "",
        2,
    ),
    ("minggu ke-2 - ke-4 Oktober 2025", Kind.RANGE, D(Y, 10, 8), D(Y, 10, 28), "", 1),
    ("Oktober minggu ke-2, 2025", Kind.WEEK, D(Y, 10, 8), D(Y, 10, 14), "", 1),
    ("November, Desember, 2025", Kind.LIST, D(Y, 11, 1), D(Y, 12, 31), "", 2),
    # deadlines
    ("akhir November 2025", Kind.DEADLINE, None, D(Y, 11, 30), "", 1),
    ("Selambat-lambatnya 15 Desember 2025", Kind.DEADLINE, None, D(Y, 12, 15), "", 1),
    ("sebelum Desember 2025", Kind.DEADLINE, None, D(Y, 11, 30), "", 1),
    ("sebelum 27 Oktober 2025", Kind.DEADLINE, None, D(Y, 10, 26), "", 1),
    ("paling lambat Triwulan III", Kind.DEADLINE, None, D(Y, 9, 30), "", 1),
    ("akhir tahun 2025", Kind.DEADLINE, None, D(Y, 12, 31), "", 1),
    # recurrences
    ("setiap bulan", Kind.RECURRING, D(Y, 1, 1), D(Y, 12, 31), "monthly", 12),
    ("tiap bulan", Kind.RECURRING, D(Y, 1, 1), D(Y, 12, 31), "monthly", 12),
    ("bulanan", Kind.RECURRING, D(Y, 1, 1), D(Y, 12, 31), "monthly", 12),
    ("Per bulan", Kind.RECURRING, D(Y, 1, 1), D(Y, 12, 31), "monthly", 12),
    ("setiap akhir bulan", Kind.RECURRING, D(Y, 1, 1), D(Y, 12, 31), "monthly", 12),
    ("setiap triwulan", Kind.RECURRING, D(Y, 1, 1), D(Y, 12, 31), "quarterly", 4),
    ("per triwulan", Kind.RECURRING, D(Y, 1, 1), D(Y, 12, 31), "quarterly", 4),
    ("setiap semester", Kind.RECURRING, D(Y, 1, 1), D(Y, 12, 31), "semester", 2),
    (
        "setiap bulan 2026",
        Kind.RECURRING,
        D(2026, 1, 1),
        D(2026, 12, 31),
        "monthly",
        12,
    ),
    (
        "Per bulan (Juli - Desember 2025)",
        Kind.RECURRING,
        D(Y, 7, 1),
        D(Y, 12, 31),
        "monthly",
        6,
    ),  # fmt: skip
    (
        "setiap bulan mulai Oktober 2025",
        Kind.RECURRING,
        D(Y, 10, 1),
        D(Y, 12, 31),
        "monthly",
        3,
    ),
    # quarters and halves
    ("Triwulan III", Kind.QUARTER, D(Y, 7, 1), D(Y, 9, 30), "", 1),
    ("TW IV", Kind.QUARTER, D(Y, 10, 1), D(Y, 12, 31), "", 1),
    ("Triwulan 3 2025", Kind.QUARTER, D(Y, 7, 1), D(Y, 9, 30), "", 1),
    ("Triwulan I tahun 2026", Kind.QUARTER, D(2026, 1, 1), D(2026, 3, 31), "", 1),
    ("Q2 2025", Kind.QUARTER, D(Y, 4, 1), D(Y, 6, 30), "", 1),
    ("Triwulan III dan IV 2025", Kind.LIST, D(Y, 7, 1), D(Y, 12, 31), "", 2),
    ("Semester II", Kind.HALF, D(Y, 7, 1), D(Y, 12, 31), "", 1),
    ("Semester 1", Kind.HALF, D(Y, 1, 1), D(Y, 6, 30), "", 1),
    ("semester ii tahun 2025", Kind.HALF, D(Y, 7, 1), D(Y, 12, 31), "", 1),
    # exact dates and years
    ("27 Oktober 2025", Kind.DATE, D(Y, 10, 27), D(Y, 10, 27), "", 1),
    ("27/10/2025", Kind.DATE, D(Y, 10, 27), D(Y, 10, 27), "", 1),
    ("27-10-2025", Kind.DATE, D(Y, 10, 27), D(Y, 10, 27), "", 1),
    ("2025-10-27", Kind.DATE, D(Y, 10, 27), D(Y, 10, 27), "", 1),
    ("tanggal 1 Agt 2025", Kind.DATE, D(Y, 8, 1), D(Y, 8, 1), "", 1),
    ("2025", Kind.YEAR, D(Y, 1, 1), D(Y, 12, 31), "", 1),
    ("Tahun 2025", Kind.YEAR, D(Y, 1, 1), D(Y, 12, 31), "", 1),
    ("TA 2026", Kind.YEAR, D(2026, 1, 1), D(2026, 12, 31), "", 1),
    ("Sepanjang tahun 2025", Kind.YEAR, D(Y, 1, 1), D(Y, 12, 31), "", 1),
    ("setiap tahun", Kind.YEAR, D(Y, 1, 1), D(Y, 12, 31), "", 1),
    ("TW I-IV 2025", Kind.RANGE, D(Y, 1, 1), D(Y, 12, 31), "", 1),
    ("Semester I - II 2025", Kind.RANGE, D(Y, 1, 1), D(Y, 12, 31), "", 1),
    (
        "Tahun 2025 (setiap bulan)",
        Kind.RECURRING,
        D(Y, 1, 1),
        D(Y, 12, 31),
        "monthly",
        12,
    ),
    ("Oktober 2025 (minggu ke-2)", Kind.WEEK, D(Y, 10, 8), D(Y, 10, 14), "", 1),
    ("Minggu I Oktober 2025", Kind.WEEK, D(Y, 10, 1), D(Y, 10, 7), "", 1),
    ("Okt s.d Des 2025", Kind.RANGE, D(Y, 10, 1), D(Y, 12, 31), "", 1),
]

UNREADABLE = [
    "",
    "   ",
    "Oktober -",
    "segera",
    "menyesuaikan",
    "minggu ke-5 Februari 2025",
    "minggu ke-6 Oktober 2025",
    "31/02/2025",
    "30 Februari 2025",
    "Desember 2025 - Januari 2025",
    "Triwulan V 2025",
    "Semester 3",
    "Paling lambat",
    "setiap minggu",
    "2025 2026 x",
    "Oktober 2025 atau nanti",
    "minggu ke-2",
]


@pytest.mark.parametrize(
    ("text", "kind", "start", "end", "recurrence", "n_periods"),
    SEED_PHRASES + OTHER_FORMS,
    ids=[row[0] for row in SEED_PHRASES + OTHER_FORMS],
)
def test_reads_phrase(
    text: str, kind: str, start: date | None, end: date, recurrence: str, n_periods: int
) -> None:
    target = parse_target_time(text, year=2025)
    assert (target.kind, target.start, target.end) == (kind, start, end), target.note
    assert target.recurrence == recurrence
    assert len(target.periods) == n_periods
    assert not target.needs_review
    assert target.raw == text


def test_every_target_in_the_seed_is_in_the_table(seed_decree_path: Path) -> None:
    lines = seed_decree_path.read_text(encoding="utf-8").splitlines()
    printed = set()
    for line in lines:
        cells = line.split("\t")
        if (
            len(cells) == 6
            and cells[5].strip()
            and not (is_header_row(cells) or is_number_row(cells))
        ):
            printed.add(cells[5].strip())
    listed = {row[0] for row in SEED_PHRASES}
    # "Oktober -" is cut by a page break; the importer joins it with "Desember 2025"
    assert printed - listed == {"Oktober -"}
    # and the piece after the break is listed as a month
    assert "Desember 2025" in printed


@pytest.mark.parametrize("text", UNREADABLE)
def test_flags_what_it_cannot_read(text: str) -> None:
    target = parse_target_time(text, year=2025)
    assert target.needs_review
    assert target.note  # an Indonesian explanation
    assert target.raw == text
    assert target.start is None and target.end is None and target.periods == ()


def test_text_without_year_and_no_plan_year_is_flagged_not_guessed() -> None:
    for text in ("November, Desember", "Per-bulan", "Triwulan III", "Oktober"):
        target = parse_target_time(text, year=None)
        assert target.needs_review, text
        assert "Tahun" in target.note


def test_plan_year_use_is_noted() -> None:
    target = parse_target_time("November, Desember", year=2025)
    assert target.periods == ((D(Y, 11, 1), D(Y, 11, 30)), (D(Y, 12, 1), D(Y, 12, 31)))
    assert "tahun rencana 2025" in target.note
    assert parse_target_time("November 2025", year=2025).note == ""


def test_monthly_recurrence_gives_twelve_months() -> None:
    target = parse_target_time("Per-bulan", year=2025)
    assert target.periods[0] == (D(Y, 1, 1), D(Y, 1, 31))
    assert target.periods[1] == (D(Y, 2, 1), D(Y, 2, 28))
    assert target.periods[-1] == (D(Y, 12, 1), D(Y, 12, 31))
    quarterly = parse_target_time("setiap triwulan", year=2025)
    assert quarterly.periods[2] == (D(Y, 7, 1), D(Y, 9, 30))


def test_week_convention_is_exposed_for_the_ui() -> None:
    target = parse_target_time("Oktober minggu ke-2 tahun 2025", year=None)
    assert target.convention == WEEK_CONVENTION
    assert "8–14" in WEEK_CONVENTION
    assert parse_target_time("Oktober 2025", year=None).convention == ""
    weeks = parse_target_time("minggu ke-2 dan ke-3 Oktober 2025", year=None)
    assert weeks.convention == WEEK_CONVENTION


def test_retroactive_is_relative_to_the_decree_date() -> None:
    signed = D(2025, 10, 27)
    assert parse_target_time("Januari 2025", year=2025).is_retroactive(signed)
    assert parse_target_time(
        "Oktober minggu ke-3 tahun 2025", year=2025
    ).is_retroactive(signed)
    assert not parse_target_time("Oktober 2025", year=2025).is_retroactive(signed)
    assert not parse_target_time("Per-bulan", year=2025).is_retroactive(signed)
    assert not parse_target_time(
        "Paling lambat November 2025", year=2025
    ).is_retroactive(signed)
    assert not parse_target_time("tidak jelas", year=2025).is_retroactive(signed)


def test_to_dict_is_json_with_iso_dates() -> None:
    data = parse_target_time("April-Mei 2025", year=2025).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["start"] == "2025-04-01" and data["end"] == "2025-05-31"
    assert data["periods"] == [["2025-04-01", "2025-05-31"]]
    assert data["kind"] == "range" and data["needs_review"] is False


def test_describe_in_indonesian() -> None:
    assert parse_target_time("Paling lambat November 2025", year=None).describe() == (
        "Tenggat: paling lambat 30 November 2025."
    )
    assert format_date(D(2025, 10, 27)) == "27 Oktober 2025"
    assert parse_target_time("", year=None).describe().startswith("Perlu diperiksa")


def test_target_time_is_frozen() -> None:
    target = parse_target_time("Oktober 2025", year=None)
    with pytest.raises(AttributeError):
        target.raw = "x"
    assert isinstance(target, TargetTime)


def test_invalid_plan_year_is_ignored_not_crashing() -> None:
    assert parse_target_time("Oktober", year=99999).needs_review
    assert parse_target_time("Oktober", year=-5).needs_review


# --------------------------------------------------------------------------- command


def test_parse_target_command_prints_json() -> None:
    out = StringIO()
    call_command(
        "parse_target", "November, Desember", "--year", "2025", "--json", stdout=out
    )
    data = json.loads(out.getvalue())
    assert data["kind"] == "list"
    assert data["periods"] == [
        ["2025-11-01", "2025-11-30"],
        ["2025-12-01", "2025-12-31"],
    ]


def test_parse_target_command_prints_a_readable_line() -> None:
    out = StringIO()
    call_command("parse_target", "Oktober minggu ke-2 tahun 2025", stdout=out)
    text = out.getvalue()
    assert "8 Oktober 2025 – 14 Oktober 2025" in text
    assert "Ketentuan:" in text


def test_parse_target_command_flags_unreadable_text() -> None:
    out = StringIO()
    call_command("parse_target", "segera", stdout=out)
    assert "Perlu diperiksa" in out.getvalue()


# --------------------------------------------------------------------------- properties

month_words = st.sampled_from(
    list(MONTH_NAMES) + [m.upper() for m in MONTH_NAMES] + ["Okt", "Des", "Agt", "Nop"]
)
vocabulary = st.sampled_from(
    [
        "Oktober", "minggu", "ke-2", "tahun", "2025", "-", "–", ",", "s.d.", "s/d",
        "sampai", "dengan", "hingga", "Per-bulan", "setiap", "bulan", "triwulan", "TW",
        "semester", "III", "IV", "II", "paling", "lambat", "akhir", "sebelum", "dan",
        "27", "31", "0", "99", "27/10/2025", "31/02/2025", "Desember", "Februari", "mulai",
        "<i>", "</i>", "&amp;", "terakhir", "kedua", "Q4", "9999", "1899",
    ]
)  # fmt: skip


def _check_invariants(target: TargetTime, text: str) -> None:
    assert target.raw == text
    assert target.kind in Kind.values
    assert target.recurrence in Recurrence.values
    if target.start and target.end:
        assert target.start <= target.end
    for start, end in target.periods:
        assert start <= end
        if target.start:
            assert target.start <= start
        if target.end:
            assert end <= target.end
    if target.needs_review:
        assert target.note
    else:
        assert target.end is not None and target.periods
    json.dumps(target.to_dict())
    target.describe()


@settings(max_examples=400, deadline=None)
@given(
    st.text(max_size=80),
    st.one_of(st.none(), st.integers(min_value=-10, max_value=10_000)),
)
@example("Oktober minggu ke-2 tahun 2025", 2025)
@example("\x00\ud7ff", None)
def test_any_string_never_crashes(text: str, year: int | None) -> None:
    _check_invariants(parse_target_time(text, year=year), text)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(vocabulary, max_size=8).map(" ".join), st.one_of(st.none(), st.just(2025))
)
@example("Q4 dan ke-2 Per-bulan", 2025)  # periods out of order once gave start > end
def test_vocabulary_soup_never_crashes(text: str, year: int | None) -> None:
    _check_invariants(parse_target_time(text, year=year), text)


@settings(max_examples=200, deadline=None)
@given(month_words, month_words, st.integers(min_value=1990, max_value=2100))
def test_month_range_covers_whole_months(first: str, second: str, year: int) -> None:
    target = parse_target_time(f"{first} - {second} {year}", year=None)
    _check_invariants(target, f"{first} - {second} {year}")
    assert not target.needs_review
    assert target.start is not None and target.start.day == 1
    assert target.end is not None and target.end.year == year
    assert (
        target.end + (D(2000, 1, 2) - D(2000, 1, 1))
    ).day == 1  # last day of a month


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=5),
       st.integers(min_value=1990, max_value=2100))  # fmt: skip
def test_week_convention_holds(month: int, week: int, year: int) -> None:
    target = parse_target_time(
        f"{MONTH_NAMES[month - 1]} minggu ke-{week} {year}", year=None
    )
    if week == 5 and month == 2 and target.needs_review:
        assert "minggu ke-5" in target.note
        return
    assert target.start == D(year, month, 7 * (week - 1) + 1)
    assert target.end is not None
    assert (target.end - target.start).days == min(6, target.end.day - target.start.day)


# Forms found missing in the audit of issue 3 (deadlines and quarter spellings)
AUDIT_FORMS = [
    ("Paling lambat akhir November 2025", Kind.DEADLINE, None, D(Y, 11, 30), "", 1),
    ("paling lambat akhir Triwulan III", Kind.DEADLINE, None, D(Y, 9, 30), "", 1),
    ("Akhir tahun", Kind.DEADLINE, None, D(Y, 12, 31), "", 1),
    ("paling lambat akhir tahun", Kind.DEADLINE, None, D(Y, 12, 31), "", 1),
    ("TW-IV", Kind.QUARTER, D(Y, 10, 1), D(Y, 12, 31), "", 1),
    ("Triwulan - III 2025", Kind.QUARTER, D(Y, 7, 1), D(Y, 9, 30), "", 1),
    ("Semester-II", Kind.HALF, D(Y, 7, 1), D(Y, 12, 31), "", 1),
    ("TW-I - TW-II", Kind.RANGE, D(Y, 1, 1), D(Y, 6, 30), "", 1),
    # a range with only its end ("until December") is a deadline
    ("s.d. Desember 2025", Kind.DEADLINE, None, D(Y, 12, 31), "", 1),
    ("sampai dengan Desember 2025", Kind.DEADLINE, None, D(Y, 12, 31), "", 1),
    ("s/d 27 Oktober 2025", Kind.DEADLINE, None, D(Y, 10, 27), "", 1),
    ("hingga Triwulan IV", Kind.DEADLINE, None, D(Y, 12, 31), "", 1),
]


@pytest.mark.parametrize(
    ("text", "kind", "start", "end", "recurrence", "n_periods"),
    AUDIT_FORMS,
    ids=[row[0] for row in AUDIT_FORMS],
)
def test_reads_audit_form(
    text: str, kind: str, start: date | None, end: date, recurrence: str, n_periods: int
) -> None:
    test_reads_phrase(text, kind, start, end, recurrence, n_periods)


def test_end_of_year_without_year_uses_the_plan_year_or_is_flagged() -> None:
    assert "tahun rencana 2025" in parse_target_time("akhir tahun", year=2025).note
    assert parse_target_time("akhir tahun", year=None).needs_review


def test_unreadable_word_is_quoted_as_printed() -> None:
    # a month after a month without separator: quote the word, not its number
    target = parse_target_time("Oktober Desember 2025", year=2025)
    assert target.needs_review
    assert "«Desember»" in target.note, target.note
    target = parse_target_time("Triwulan III IV 2025", year=2025)
    assert target.needs_review
    assert "«IV»" in target.note, target.note
