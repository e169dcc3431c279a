"""The working-day calendar against the 2025 and 2026 SKB calendars."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from io import StringIO
from pathlib import Path

import holidays
import pytest
from django.core.management import CommandError, call_command
from hypothesis import given
from hypothesis import strategies as st

from sizi.core.models import AuditEvent, CalendarDay
from sizi.core.workcalendar import (
    CalendarDataError,
    DayChange,
    WorkCalendar,
    load_calendar_data,
    parse_calendar_data,
)
from sizi.core.workdays import (
    add_working_days,
    count_working_days,
    current_calendar,
    delete_calendar_day,
    load_calendar,
    save_calendar_day,
)

DATA = WorkCalendar(load_calendar_data())


def _days_off(year: int) -> list[date]:
    day, out = date(year, 1, 1), []
    while day.year == year:
        if not DATA.is_working_day(day):
            out.append(day)
        day += timedelta(days=1)
    return out


def test_data_has_the_skb_counts_of_cuti_bersama():
    changes = load_calendar_data()
    by_year = {2025: 0, 2026: 0}
    for change in changes:
        by_year[change.day.year] += change.kind == "cuti_bersama"
    # 10 in the SKB of 2024 plus 18 August 2025 added in August 2025; 8 in 2026.
    assert by_year == {2025: 11, 2026: 8}
    assert all(change.source.startswith("SKB") for change in changes)


def test_data_agrees_with_the_packages_joint_holidays():
    package = holidays.country_holidays(
        "ID", years=[2025, 2026], categories=("government",)
    )
    assert {c.day for c in load_calendar_data()} == set(package)


@pytest.mark.parametrize(
    ("year", "working"),
    # 2025: 261 weekdays − 13 of the 17 holidays fall on weekdays − 11 cuti bersama.
    # 2026: 261 weekdays − 13 of the 17 holidays fall on weekdays − 8 cuti bersama.
    [(2025, 261 - 13 - 11), (2026, 261 - 13 - 8)],
)
def test_working_days_per_year(year, working):
    assert DATA.count(date(year - 1, 12, 31), date(year, 12, 31)) == working


def test_lebaran_2025_week_is_off():
    assert DATA.add(date(2025, 3, 27), 1) == date(2025, 4, 8)
    assert DATA.reason_off(date(2025, 4, 2)).startswith("Cuti bersama Idulfitri")
    assert DATA.reason_off(date(2025, 3, 31)) == "Eid al-Fitr"
    assert DATA.reason_off(date(2025, 4, 5)) == "Sabtu"
    assert DATA.reason_off(date(2025, 4, 8)) == ""


def test_ten_working_days_around_lebaran_2026():
    # Received Tuesday 17 March 2026: 18 (cuti), 19 (Nyepi), 20 (cuti), 23, 24 (cuti).
    assert DATA.add(date(2026, 3, 17), 10) == date(2026, 4, 8)
    assert DATA.count(date(2026, 3, 17), date(2026, 3, 25)) == 1


def test_christmas_2026_and_new_year():
    assert DATA.add(date(2026, 12, 23), 1) == date(2026, 12, 28)
    assert DATA.add(date(2026, 12, 31), 1) == date(2027, 1, 4)


def test_datetimes_are_read_in_jakarta():
    # 17.30 UTC on Friday is 00.30 on Saturday in Jakarta.
    late_friday = datetime(2025, 1, 10, 17, 30, tzinfo=UTC)
    assert DATA.add(late_friday, 1) == date(2025, 1, 13)
    with pytest.raises(ValueError):
        DATA.add(datetime(2025, 1, 10, 12, 0), 1)  # noqa: DTZ001


def test_negative_and_reversed_inputs():
    with pytest.raises(ValueError):
        DATA.add(date(2025, 1, 2), -1)
    assert DATA.count(date(2025, 1, 10), date(2025, 1, 6)) == -4
    assert DATA.count(date(2025, 1, 6), date(2025, 1, 6)) == 0


@given(
    start=st.dates(min_value=date(2024, 12, 1), max_value=date(2026, 12, 31)),
    n=st.integers(min_value=0, max_value=80),
)
def test_add_and_count_are_inverse(start, n):
    end = DATA.add(start, n)
    assert DATA.count(start, end) == n
    assert n == 0 or DATA.is_working_day(end)


@given(
    start=st.dates(min_value=date(2024, 12, 1), max_value=date(2026, 12, 31)),
    span=st.integers(min_value=0, max_value=120),
)
def test_count_then_add_lands_on_the_last_working_day(start, span):
    until = start + timedelta(days=span)
    end = DATA.add(start, DATA.count(start, until))
    assert end <= until
    assert all(
        not DATA.is_working_day(end + timedelta(days=k))
        for k in range(1, (until - end).days + 1)
    )


def test_a_later_decree_amends_an_earlier_one():
    changes = parse_calendar_data(
        {
            "years": {
                2027: {
                    "decrees": [
                        {
                            "number": "SKB perubahan",
                            "effective_from": date(2027, 6, 1),
                            "remove": [date(2027, 3, 12)],
                            "add": [{"date": date(2027, 3, 15), "name": "Cuti"}],
                            "working": [{"date": date(2027, 3, 10), "name": "Koreksi"}],
                        },
                        {
                            "number": "SKB awal",
                            "effective_from": date(2026, 9, 1),
                            "add": [{"date": date(2027, 3, 12), "name": "Cuti"}],
                        },
                    ]
                }
            }
        }
    )
    assert [(c.day, c.kind, c.source) for c in changes] == [
        (date(2027, 3, 10), "hari_kerja", "SKB perubahan"),
        (date(2027, 3, 15), "cuti_bersama", "SKB perubahan"),
    ]
    calendar = WorkCalendar(changes)
    assert calendar.is_working_day(date(2027, 3, 12))
    assert not calendar.is_working_day(date(2027, 3, 15))


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"years": {2027: {"decrees": [{"add": []}]}}},
        {"years": {2027: {"decrees": [{"number": "X", "add": [{"name": "a"}]}]}}},
        {
            "years": {
                2027: {
                    "decrees": [
                        {
                            "number": "X",
                            "add": [{"date": date(2028, 1, 3), "name": "a"}],
                        }
                    ]
                }
            }
        },
        {
            "years": {
                2027: {
                    "decrees": [
                        {
                            "number": "X",
                            "add": [
                                {"date": date(2027, 1, 4), "name": "a", "kind": "?"}
                            ],
                        }
                    ]
                }
            }
        },
    ],
)
def test_malformed_data_is_refused(data):
    with pytest.raises(CalendarDataError):
        parse_calendar_data(data)


def test_a_working_day_correction_beats_the_package():
    calendar = WorkCalendar(
        [DayChange(date(2025, 6, 6), "hari_kerja", "Iduladha bergeser", "SKB")]
    )
    assert calendar.is_working_day(date(2025, 6, 6))


# --- stored calendar -------------------------------------------------------


@pytest.mark.django_db
def test_migration_seeded_the_stored_calendar():
    assert CalendarDay.objects.filter(origin="data").count() == len(
        load_calendar_data()
    )
    assert add_working_days(date(2025, 3, 27), 1) == date(2025, 4, 8)
    assert count_working_days(date(2025, 3, 27), date(2025, 4, 8)) == 1


@pytest.mark.django_db
def test_administrator_changes_are_audited_and_survive_a_reload(admin_user):
    day = CalendarDay(day=date(2025, 7, 1), kind="libur_lain", name="Libur daerah")
    save_calendar_day(day, by=admin_user)
    assert add_working_days(date(2025, 6, 30), 1) == date(2025, 7, 2)
    cuti = CalendarDay.objects.get(day=date(2025, 12, 26))
    cuti.active = False
    save_calendar_day(cuti, by=admin_user)
    assert current_calendar().is_working_day(date(2025, 12, 26))

    counts = load_calendar()
    assert counts["created"] == 0 and counts["removed"] == 0
    cuti.refresh_from_db()
    assert cuti.active is False and cuti.origin == "admin"
    assert CalendarDay.objects.filter(day=date(2025, 7, 1)).exists()

    delete_calendar_day(day, by=admin_user)
    actions = list(
        AuditEvent.objects.filter(action__startswith="core.calendar_day").values_list(
            "action", flat=True
        )
    )
    assert actions.count("core.calendar_day.save") == 2
    assert "core.calendar_day.delete" in actions
    event = AuditEvent.objects.filter(action="core.calendar_day.save").last()
    assert event.actor == admin_user


@pytest.mark.django_db
def test_reload_follows_the_data_and_records_it():
    CalendarDay.objects.filter(day=date(2026, 12, 24)).delete()
    stale = CalendarDay.objects.get(day=date(2026, 5, 15))
    stale.name = "lama"
    stale.save()
    CalendarDay.objects.create(
        day=date(2026, 7, 1), kind="cuti_bersama", name="dicabut", origin="data"
    )
    counts = load_calendar()
    assert counts == {
        "created": 1,
        "updated": 1,
        "kept": len(load_calendar_data()) - 2,
        "removed": 1,
    }
    assert not CalendarDay.objects.filter(day=date(2026, 7, 1)).exists()
    # One entry for the load; the three changed days are its drill-down.
    (event,) = AuditEvent.objects.filter(action__startswith="core.calendar")
    assert event.action == "core.calendar_loaded"
    assert (event.changes["created"], event.changes["removed"]) == (1, 1)
    assert sorted(e["action"] for e in event.changes["entries"]) == [
        "core.calendar_day.delete",
        "core.calendar_day.load",
        "core.calendar_day.load",
    ]


@pytest.mark.django_db
def test_admin_page_saves_through_the_service(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/admin/core/calendarday/add/",
        {"day": "2025-07-01", "kind": "libur_lain", "name": "Libur", "active": "on"},
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="core.calendar_day.save").count() == 1


@pytest.mark.django_db
def test_command_prints_a_date_and_a_count():
    out = StringIO()
    call_command("working_days", "2026-03-17", "10", stdout=out)
    assert out.getvalue().strip() == "2026-04-08"
    out = StringIO()
    call_command("working_days", "2026-03-17", "2026-04-08", stdout=out)
    assert out.getvalue().strip() == "10"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["2026-13-01", "3"], "Tanggal awal"),
        (["2026-03-17", "tiga"], "Jumlah hari kerja"),
        (["2026-03-17", "2026-02-30"], "Tanggal akhir"),
    ],
)
def test_command_explains_bad_input(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("working_days", *args)


@pytest.mark.django_db
def test_load_command_reports_counts(tmp_path: Path):
    out = StringIO()
    call_command("load_working_calendar", stdout=out)
    assert "0 ditambahkan" in out.getvalue()
    bad = tmp_path / "bad.yaml"
    bad.write_text("years: 3\n")
    with pytest.raises(CommandError):
        call_command("load_working_calendar", str(bad))
