"""Loading instrument versions as rows (services/instrument.py)."""

from __future__ import annotations

import re
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


def _version_1(tmp_path: Path) -> Path:
    """Write the instrument as it was before the typo fix (version 1)."""
    text = default_instrument_path().read_text(encoding="utf-8")
    old = tmp_path / "permenpanrb-90-2021.yaml"
    old.write_text(
        text.replace("\nversion: 2\n", "\nversion: 1\n")
        .replace("mekanisme kerja baru", "mekanise kerja baru")
        .replace(
            "monitoring dan evaluasi terhadap", "monitoring dan dan evaluasi terhadap"
        )
        .replace(
            "telah memenuhi kriteria SMART", "telah telah memenuhi kriteria SMART"
        ),
        encoding="utf-8",
    )
    return old


def _option_a(instrument: Instrument) -> str:
    question = Question.objects.get(instrument=instrument, code="R.5.i.-")
    return str(question.options[0]["text"])


def test_the_instrument_text_has_no_typo_mekanise(instrument):
    question = Question.objects.get(instrument=instrument, code="R.5.i.-")

    assert "mekanisme kerja baru" in question.options[0]["text"]
    texts = Question.objects.filter(instrument=instrument).values_list(
        "text", "guidance", "options"
    )
    assert not [t for t in texts if "mekanise " in str(t)]
    doubled = re.compile(r"\b(\w+) \1\b", re.I)
    assert [str(t)[:60] for t in texts if doubled.search(str(t))] == []
    assert instrument.version == "2"


def test_the_corrected_version_loads_beside_version_1_and_old_assessments_keep_it(
    db, tree, alice, charlie, tmp_path
):
    v1, _ = load_instrument_file(_version_1(tmp_path))
    old = services.start_assessment(
        unit=tree["tanjabbar"], year=2025, instrument=v1, by=alice
    )
    answer_all(old, alice)
    before = scores.score_layer(old, "self").score.total

    v2, created = load_instrument_file(default_instrument_path())

    assert created and (v1.version, v2.version) == ("1", "2")
    assert Instrument.objects.current() == v2
    old.refresh_from_db()
    assert old.instrument == v1
    assert "mekanise kerja" in _option_a(v1)
    assert scores.score_layer(old, "self").score.total == before
    new = services.start_assessment(unit=tree["tanjabtim"], year=2025, by=charlie)
    assert new.instrument == v2
    assert "mekanisme kerja" in _option_a(v2)
