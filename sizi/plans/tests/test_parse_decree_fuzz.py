"""The decree importer never raises: bad, truncated, garbled and mutated files."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sizi.plans.importing import parse_decree
from sizi.plans.tests.decree_files import (
    HEADER,
    SEED,
    build_docx,
    build_xlsx,
    small_xlsx,
)


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "kosong.txt", "kosong"),
        (b"   \n\n", "kosong.txt", "kosong"),
        (b"\x00\x01\x02\x03binary", "x.bin", "biner"),
        (b"PK\x03\x04garbage", "x.docx", "rusak"),
        (b"%PDF-1.7\n...", "x.pdf", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "x.doc", ".doc"),
        (b"just some text", "x.docx", "bukan berkas Office"),
        (b"just some text\nwithout a table", "x.txt", "Tabel Lampiran tidak ditemukan"),
    ],
)
def test_bad_files_give_errors(data: bytes, name: str, message: str) -> None:
    plan = parse_decree(data, name)
    assert plan.errors
    assert message in " ".join(e.message for e in plan.errors)
    assert plan.areas == []


def test_zip_that_is_not_office() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hi")
    plan = parse_decree(out.getvalue(), "x.zip")
    assert "bukan DOCX atau XLSX" in plan.errors[0].message


def test_truncated_office_files_give_errors(seed_text: str) -> None:
    for name, data in (
        ("a.docx", build_docx(seed_text)),
        ("a.xlsx", build_xlsx(seed_text)),
    ):
        for cut in (10, len(data) // 3, len(data) - 30):
            plan = parse_decree(data[:cut], name)
            assert plan.errors, (name, cut)


def test_office_file_without_the_table(seed_text: str) -> None:
    document = docx.Document()
    document.add_paragraph("NOMOR 42 TAHUN 2025")
    out = io.BytesIO()
    document.save(out)
    plan = parse_decree(out.getvalue(), "x.docx")
    assert "tidak ditemukan" in plan.errors[0].message
    assert plan.decree.number == "42"
    plan = parse_decree(small_xlsx([["a", "b"]]), "x.xlsx")
    assert "tidak ditemukan" in plan.errors[0].message


def test_truncated_text_reports_missing_areas(seed_text: str) -> None:
    cut = seed_text.index("V\tPENGUATAN PENGAWASAN")
    plan = parse_decree(seed_text[:cut].encode(), "terpotong.txt")
    assert any("Area tidak ditemukan: V, VI" in e.message for e in plan.errors)
    assert [a.numeral for a in plan.areas] == ["I", "II", "III", "IV"]


def test_rows_outside_areas_and_wide_rows_are_errors_with_lines() -> None:
    text = "\n".join(
        [
            "\t".join(HEADER),
            "1\tK\tI\tL\tB\tJanuari 2025",
            "I\tMANAJEMEN PERUBAHAN\t\t\t\t",
            "1\tK\tI\tL\tB\tJanuari 2025\textra",
            "just a stray line",
            "\t\tI2\tL2",
        ]
    )
    plan = parse_decree(text.encode(), "t.txt", year=2025)
    locations = {e.location: e.message for e in plan.errors}
    assert "Baris komponen sebelum baris area" in locations["baris 2"]
    assert "7 kolom" in locations["baris 4"]
    warnings = {w.location: w.message for w in plan.warnings}
    assert "diabaikan" in warnings["baris 5"]
    assert "4 kolom" in warnings["baris 6"]


# --------------------------------------------------------------------------- fuzzing


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.integers(min_value=0, max_value=50_000))
def test_truncated_seed_never_raises(seed_text: str, cut: int) -> None:
    data = seed_text.encode("utf-8")[:cut]
    plan = parse_decree(data, "t.txt")
    json.dumps(plan.to_dict())
    if plan.summary()["areas"] < 6:
        assert plan.errors


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=50_000),
            st.binary(min_size=0, max_size=8),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_mutated_seed_never_raises(
    seed_text: str, edits: list[tuple[int, bytes]]
) -> None:
    data = bytearray(seed_text.encode("utf-8"))
    for position, replacement in edits:
        position %= len(data)
        data[position : position + len(replacement)] = replacement
    plan = parse_decree(bytes(data), "m.txt")
    json.dumps(plan.to_dict())
    assert isinstance(plan.errors, list)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.randoms(use_true_random=False))
def test_shuffled_seed_lines_never_raise(seed_text: str, rnd: Any) -> None:
    lines = seed_text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("NO\tKOMPONEN"))
    body = lines[start + 1 :]
    rnd.shuffle(body)
    plan = parse_decree("\n".join(lines[: start + 1] + body).encode(), "s.txt")
    json.dumps(plan.to_dict())
    assert plan.errors or plan.warnings or plan.summary()["indicators"] == 70


@settings(max_examples=100, deadline=None)
@given(
    st.binary(max_size=2000), st.sampled_from(["a.txt", "a.docx", "a.xlsx", "a", ""])
)
def test_random_bytes_never_raise(data: bytes, name: str) -> None:
    plan = parse_decree(data, name)
    json.dumps(plan.to_dict())
    assert plan.errors or plan.warnings or plan.areas == []


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.integers(min_value=0, max_value=10_000_000), st.binary(min_size=1, max_size=16)
)
def test_mutated_docx_never_raises(seed_text: str, position: int, junk: bytes) -> None:
    data = bytearray(_seed_docx(seed_text))
    position %= len(data)
    data[position : position + len(junk)] = junk
    plan = parse_decree(bytes(data), "m.docx")
    json.dumps(plan.to_dict())


_DOCX_CACHE: dict[str, bytes] = {}


def _seed_docx(seed_text: str) -> bytes:
    if "docx" not in _DOCX_CACHE:
        _DOCX_CACHE["docx"] = build_docx(seed_text)
    return _DOCX_CACHE["docx"]
