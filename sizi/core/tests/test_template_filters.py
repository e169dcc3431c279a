"""The project's built-in template filters."""

from __future__ import annotations

from django.template import engines


def _render(source: str, **context: object) -> str:
    return engines["django"].from_string(source).render(context)


def test_shorten_is_built_in_and_cuts_at_a_word():
    text = "Menyusun laporan pelaksanaan sosialisasi kode etik"
    assert _render("{{ t|shorten:30 }}", t=text) == "Menyusun laporan pelaksanaan…"
    assert _render("{{ t|shorten:80 }}", t=text) == text


def test_shorten_of_nothing_is_empty():
    assert _render("{{ t|shorten:10 }}", t=None) == ""
