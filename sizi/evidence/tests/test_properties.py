"""Property tests: names that pass the check and pack paths are always safe."""

from __future__ import annotations

import io
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from sizi.evidence import validation
from sizi.evidence.pack import folder_segment, safe_segment

UNSAFE = set('/\\<>:"|?*')


@given(st.text(max_size=300))
def test_accepted_names_have_no_separators_or_control_characters(name: str) -> None:
    try:
        accepted = validation.check_name(name)
    except ValidationError:
        return
    assert "/" not in accepted and "\\" not in accepted
    assert all(unicodedata.category(ch) not in {"Cc", "Cf"} for ch in accepted)
    assert 0 < len(accepted) <= validation.MAX_NAME_LENGTH


@given(st.text(max_size=200), st.integers(min_value=1, max_value=120))
def test_pack_segments_are_portable(text: str, limit: int) -> None:
    segment = safe_segment(text, limit)
    assert segment and len(segment) <= limit
    assert not UNSAFE & set(segment)
    assert all(ord(ch) >= 32 and ord(ch) != 127 for ch in segment)
    assert segment not in {".", ".."}


@given(
    st.text(max_size=12), st.text(max_size=200), st.integers(min_value=1, max_value=120)
)
def test_pack_folder_names_are_portable_and_keep_whole_words(
    code: str, text: str, limit: int
) -> None:
    segment = folder_segment(code, text, limit)
    assert segment and len(segment) <= limit
    assert not UNSAFE & set(segment)
    assert all(ord(ch) >= 32 and ord(ch) != 127 for ch in segment)
    assert segment not in {".", ".."}


@given(st.binary(max_size=2048))
def test_random_bytes_never_crash_validation(data: bytes) -> None:
    try:
        checked = validation.check_upload("berkas.pdf", io.BytesIO(data))
    except ValidationError:
        return
    assert checked.file_type.key == "pdf"


@pytest.mark.parametrize("prefix", [b"PK\x03\x04", validation.OLE_MAGIC, b"%PDF-"])
@given(tail=st.binary(max_size=512))
def test_random_bytes_after_a_magic_never_crash(prefix: bytes, tail: bytes) -> None:
    try:
        checked = validation.check_upload("berkas.docx", io.BytesIO(prefix + tail))
    except ValidationError as exc:
        assert "«berkas.docx»" in " ".join(exc.messages)
        return
    assert checked.file_type.key == "docx"
