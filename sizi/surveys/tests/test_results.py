"""Results rows, the LKE inputs, instrument versions and flat query counts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sizi.surveys import lke_inputs, results, services
from sizi.surveys.instruments.definition import InstrumentError
from sizi.surveys.instruments.loading import (
    DATA_DIR,
    definition_of,
    load_instrument_file,
)
from sizi.surveys.models import Response, ServiceType, SurveyInstrument, SurveyPeriod
from sizi.surveys.tests.conftest import make_period
from sizi.units.models import Unit, User

pytestmark = pytest.mark.django_db
Respond = Callable[..., Response]


def test_period_results_per_unsur_layanan_and_demographics(
    period: SurveyPeriod, layanan: list[ServiceType], respond: Respond
) -> None:
    respond(period, 4, layanan[0])
    respond(period, 3, layanan[0], gender="L")
    respond(period, [2, 3, 3, 3, 3, 3, 3, 3, 3], layanan[1])
    data = results.period_results(period)
    assert data.respondents == 3
    assert data.items[0].nrr == Decimal("3.00") and data.items[1].nrr == Decimal("3.33")
    assert data.lowest is not None and data.lowest.code == "U1"
    assert data.index == Decimal("3.30") and data.converted == Decimal("82.41")
    assert (data.grade, data.grade_label) == ("B", "Baik")
    assert data.sample.required == 132 and not data.reached
    services_by_name = {s.name: s for s in data.services}
    assert services_by_name["Layanan informasi publik"].respondents == 2
    assert services_by_name["Layanan data pemilih"].converted == Decimal("72.22")
    gender = next(d for d in data.demographics if d.code == "gender")
    assert [(c.code, c.count) for c in gender.counts] == [("L", 1), ("P", 2)]
    assert [(c.code, c.count) for c in data.channels] == [
        ("online", 3),
        ("kertas", 0),
        ("impor", 0),
    ]


def test_suspicious_share_and_the_index_without_them(
    period: SurveyPeriod, layanan: list[ServiceType], respond: Respond, alice: User
) -> None:
    respond(period, 4, layanan[0])
    flagged = respond(period, 1, layanan[0])
    services.set_suspicious(flagged, suspicious=True, reason="uji", by=alice)
    counted = results.period_results(period)
    without = results.period_results(period, exclude_suspicious=True)
    assert (counted.suspicious, counted.suspicious_percent) == (1, Decimal("50.0"))
    assert counted.converted == Decimal("62.50") and counted.grade == "D"
    assert without.respondents == 1 and without.converted == Decimal("100.00")


def test_legacy_results_are_marked(period: SurveyPeriod, respond: Respond) -> None:
    respond(period, 4)
    legacy = results.period_results(period, legacy=True)
    assert (
        legacy.converted == Decimal("99.90")
        and legacy.legacy
        and "0,111" in legacy.note
    )


def test_layanan_minimum_is_allocated_by_population(
    tree: dict[str, Unit],
    instruments: dict[str, SurveyInstrument],
    layanan: list[ServiceType],
    alice: User,
    respond: Respond,
) -> None:
    period = make_period(tree["tanjabbar"], instruments["ipak"], alice, population=None)
    values = services.PeriodValues(
        title="IPAK", starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31), population=100,
        service_types=layanan, service_populations={layanan[0].pk: 75, layanan[1].pk: 25},
    )  # fmt: skip
    services.update_period(period, values=values, by=alice)
    respond(period, 4, layanan[1])
    data = results.period_results(period)
    assert data.sample.required == 80
    assert [(s.name, s.minimum, s.respondents, s.reached) for s in data.services] == [
        ("Layanan informasi publik", 60, 0, False),
        ("Layanan data pemilih", 20, 1, False),
    ]
    assert data.lke_value == Decimal("4.00")


def test_public_view_hides_small_cells(
    period: SurveyPeriod, layanan: list[ServiceType], respond: Respond
) -> None:
    for _ in range(results.MIN_CELL):
        respond(period, 3, layanan[0])
    respond(period, 4, layanan[1], gender="L")
    public = results.public_view(results.period_results(period))
    assert public.shown and public.respondents == 6
    assert [s.name for s in public.services] == [
        "Layanan informasi publik"
    ] and public.hidden_services == 1
    gender = next(d for d in public.demographics if d.code == "gender")
    assert [(c.code, c.count) for c in gender.counts] == [("P", 5)]


def test_public_view_shows_nothing_below_the_minimum_cell(
    period: SurveyPeriod, respond: Respond
) -> None:
    respond(period, 4)
    public = results.public_view(results.period_results(period))
    assert (
        not public.shown
        and public.index is None
        and public.items == ()
        and public.demographics == ()
    )


def test_trend_and_period_rows(
    tree: dict[str, Unit],
    instruments: dict[str, SurveyInstrument],
    alice: User,
    respond: Respond,
) -> None:
    unit = tree["tanjabbar"]
    old = make_period(unit, instruments["skm"], alice, year=2024)
    new = make_period(unit, instruments["skm"], alice, year=2025)
    respond(old, 2)
    respond(new, 4)
    points = results.trend(unit, "skm")
    assert [(p.year, p.converted, p.grade) for p in points] == [
        (2024, Decimal("50.00"), "D"),
        (2025, Decimal("100.00"), "A"),
    ]
    rows = results.period_rows(unit)
    assert [(r.year, r.respondents, r.required) for r in rows] == [
        (2025, 1, 132),
        (2024, 1, 132),
    ]


def test_an_open_period_past_its_end_does_not_read_open(
    tree: dict[str, Unit],
    instruments: dict[str, SurveyInstrument],
    alice: User,
) -> None:
    """The demo's "Dibuka" period of 2025 answered "Survei sudah ditutup" in 2026."""
    unit = tree["tanjabbar"]
    make_period(unit, instruments["skm"], alice, year=2025)
    (late,) = results.period_rows(unit, today=date(2026, 1, 5))
    assert (late.status, late.shown_status, late.status_label) == (
        "open",
        "expired",
        "Masa isi sudah lewat (belum ditutup)",
    )
    (early,) = results.period_rows(unit, today=date(2024, 12, 1))
    assert early.status_label == "Dibuka mulai 1 Januari 2025"
    (now,) = results.period_rows(unit, today=date(2025, 6, 1))
    assert (now.shown_status, now.status_label) == ("open", "Dibuka")


def _queries(func: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as captured:
        func()
    return len(captured)


def test_results_cost_the_same_queries_for_more_data(
    period: SurveyPeriod,
    layanan: list[ServiceType],
    respond: Respond,
    tree: dict[str, Unit],
    instruments: dict[str, SurveyInstrument],
    alice: User,
) -> None:
    unit = tree["tanjabbar"]
    respond(period, 3, layanan[0])
    definition_of(period.instrument)  # the parsed instrument is cached per content
    small = [
        _queries(lambda: results.period_results(period)),
        _queries(lambda: results.trend(unit, "skm")),
        _queries(lambda: results.period_rows(unit)),
    ]
    for n in range(20):
        respond(
            period,
            1 + n % 4,
            layanan[n % 2],
            gender="L" if n % 3 else "P",
            age_group="50+",
        )
    make_period(unit, instruments["skm"], alice, year=2024)
    make_period(unit, instruments["ipak"], alice)
    large = [
        _queries(lambda: results.period_results(period)),
        _queries(lambda: results.trend(unit, "skm")),
        _queries(lambda: results.period_rows(unit)),
    ]
    assert small == large == [3, 3, 2]


def test_lke_inputs_from_closed_ipak_and_ipkp_periods(
    tree: dict[str, Unit],
    instruments: dict[str, SurveyInstrument],
    alice: User,
    respond: Respond,
) -> None:
    unit = tree["tanjabbar"]
    ipak = make_period(unit, instruments["ipak"], alice, population=None)
    for answer in (4, 4, 3):
        respond(ipak, answer)
    assert lke_inputs.hasil_inputs(unit, 2025) == {"H1.a": None, "H2.a": None}
    services.close_period(ipak, by=alice)
    hasil = lke_inputs.hasil_inputs(unit, 2025)
    value = hasil["H1.a"]
    assert value is not None and hasil["H2.a"] is None
    assert value.value == Decimal("3.67") and value.index == Decimal("3.67")
    assert value.period_id == ipak.pk and value.respondents == 3 and value.minimum == 30
    assert (
        not value.minimum_reached
        and value.warning == "Sampel minimum belum terpenuhi: 3 dari 30 responden."
    )
    assert f"periode #{ipak.pk}" in value.source and "nilai LKE 3,67" in value.source
    assert lke_inputs.hasil_inputs(unit, 2024) == {"H1.a": None, "H2.a": None}


def test_skm_frequency_suggests_p6iva(
    tree: dict[str, Unit],
    instruments: dict[str, SurveyInstrument],
    alice: User,
    respond: Respond,
) -> None:
    unit = tree["tanjabbar"]
    assert lke_inputs.skm_frequency(unit, 2025).letter == "e"
    periods = [make_period(unit, instruments["skm"], alice) for _ in range(4)]
    for p in periods[:3]:
        respond(p, 3)
        services.close_period(p, by=alice)
    services.close_period(periods[3], by=alice)  # closed without answers: not counted
    frequency = lke_inputs.skm_frequency(unit, 2025)
    assert (frequency.question, frequency.count, frequency.letter) == (
        "P.6.iv.a",
        3,
        "b",
    )


def test_a_second_instrument_version_loads_without_a_code_change(
    instruments: dict[str, SurveyInstrument], tmp_path: Path
) -> None:
    data = yaml.safe_load((DATA_DIR / "skm-permenpanrb-14-2017.yaml").read_text())
    data["version"] = "2026.1"
    data["effective_from"] = date(2026, 1, 1)
    data["questions"][0]["options"][4] = "Sangat sesuai sekali"
    path = tmp_path / "skm-2026.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    row, created = load_instrument_file(path)
    assert created and SurveyInstrument.objects.filter(code="skm").count() == 2
    assert definition_of(row).questions[0].value_for("sangat sesuai SEKALI") == 4
    assert SurveyInstrument.objects.current("skm", on=date(2026, 1, 1)) == row
    older = SurveyInstrument.objects.current("skm", on=date(2025, 12, 31))
    assert older is not None and older.version == "2017.1"
    assert SurveyInstrument.objects.current("skm", on=date(2010, 1, 1)) == older
    assert load_instrument_file(path) == (row, False)
    data["questions"][0]["options"][4] = "Lain"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(InstrumentError, match="naikkan nomor versi"):
        load_instrument_file(path)


def test_a_malformed_instrument_is_refused_naming_the_place(
    tmp_path: Path, db: None
) -> None:
    data = yaml.safe_load((DATA_DIR / "ipak-permenpanrb-90-2021.yaml").read_text())
    del data["questions"][2]["options"][4]
    path = tmp_path / "rusak.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(InstrumentError, match=r"pertanyaan ke-3 \(A3\)"):
        load_instrument_file(path)
    assert not SurveyInstrument.objects.exists()


def test_load_survey_instruments_command(db: None) -> None:
    out = StringIO()
    call_command("load_survey_instruments", stdout=out)
    call_command("load_survey_instruments", stdout=out)
    text = out.getvalue()
    assert "skm-permenpanrb-14-2017.yaml: SKM/IKM versi 2017.1 (dimuat)" in text
    assert "skm-permenpanrb-14-2017.yaml: SKM/IKM versi 2017.1 (sudah ada)" in text
    assert SurveyInstrument.objects.count() == 3
