"""Loading instrument versions as rows (services/instrument.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from sizi.lke import services
from sizi.lke.instrument import default_instrument_path
from sizi.lke.models import (
    Instrument,
    Question,
    SubArea,
)
from sizi.lke.services import scores
from sizi.lke.services.instrument import load_instrument_file
from sizi.lke.tests.arrange import answer_all

SMALL = Path(__file__).parent / "data" / "small-instrument.yaml"


def test_load_creates_the_rows_of_the_instrument(instrument):
    assert instrument.questions.count() == 110
    assert instrument.areas.count() == 6
    assert SubArea.objects.filter(area__instrument=instrument).count() == 42
    lhkpn = Question.objects.get(instrument=instrument, code="R.5.iii.a")
    assert [i["code"] for i in lhkpn.inputs][-1] == "sudah_melapor"
    assert lhkpn.group == "a. Penyampaian LHKPN"


def test_reloading_the_same_file_changes_nothing(instrument):
    again, created = load_instrument_file(default_instrument_path())

    assert (again.pk, created) == (instrument.pk, False)
    assert Question.objects.count() == 110


def test_changed_file_with_the_same_version_is_refused(instrument, tmp_path):
    changed = tmp_path / "lke.yaml"
    changed.write_text(
        default_instrument_path()
        .read_text(encoding="utf-8")
        .replace("Unit kerja telah membentuk tim", "Unit kerja membentuk tim"),
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as exc:
        load_instrument_file(changed)
    assert "Naikkan nomor versi" in exc.value.messages[0]


def test_second_version_loads_alongside_and_scores_without_code_change(
    instrument, tree, charlie
):
    small, created = load_instrument_file(SMALL)

    assert created and Instrument.objects.count() == 2
    assessment = services.start_assessment(
        unit=tree["tanjabtim"], year=2027, instrument=small, by=charlie
    )
    answer_all(assessment, charlie)
    services.save_result_inputs(
        assessment,
        "self",
        ipak=None,
        ipkp=None,
        other={"indeks": "5", "predikat": "a"},
        expected_version=0,
        by=charlie,
    )
    result = scores.score_layer(assessment, "self")

    # Hasil: indeks 5 of 5 × 20 + predikat "a" × 10 = the whole Hasil weight.
    assert result.score.hasil == result.spec.hasil_weight == 30
    assert 0 < result.score.pengungkit <= result.spec.pengungkit_weight
    assert (
        Question.objects.filter(instrument=small).count() == result.score.question_count
    )
