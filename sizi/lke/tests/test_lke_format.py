"""Template filters of the LKE pages."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sizi.lke.templatetags.lke_format import qcode, raw_value


def test_qcode_drops_only_the_trailing_placeholder() -> None:
    assert qcode("R.5.ii.-") == "R.5.ii"
    assert qcode("P.1.i.a") == "P.1.i.a"
    assert qcode("") == ""


@given(st.text(alphabet="PR.123ivxab-", max_size=12))
def test_qcode_never_ends_with_the_placeholder(code: str) -> None:
    assert not qcode(code).endswith(".-")
    assert code.startswith(qcode(code))


def test_raw_value_formats_numbers_and_letters(settings) -> None:
    settings.LANGUAGE_CODE = "id"
    from django.utils import translation

    with translation.override("id"):
        assert raw_value("3.62") == "3,62"
        assert raw_value("3") == "3,00"
        assert raw_value("b") == "B"
        assert raw_value(None) == "—"
        assert raw_value("") == "—"
