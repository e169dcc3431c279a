"""Read the decree's own fields (number, title, date, place, signatory, legal basis) from lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sizi.plans.importing.cleaning import clean_text
from sizi.plans.importing.parsed import ParsedDecree, ParseIssue
from sizi.plans.target_time import Kind, parse_target_time


@dataclass(frozen=True)
class Line:
    """One line of the decree outside the Lampiran table, with where it is."""

    location: str
    text: str


_NUMBER = re.compile(
    r"\bNOMOR\s*:?\s*(?P<number>[\w./\-]+?)\s+TAHUN\s+(?P<year>\d{4})\b", re.IGNORECASE
)
_NUMBER_ONLY = re.compile(r"^\s*NOMOR\s*:?\s*(?P<number>\S+)\s*$", re.IGNORECASE)
_YEAR_IN_TITLE = re.compile(r"\bTAHUN\s+(\d{4})\b", re.IGNORECASE)
_ABOUT = re.compile(r"^TENTANG\b\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_PLACE = re.compile(
    r"^Ditetapkan\s+di\s*:?\s*(?P<place>.+?)(?:\s*,?\s*pada\s+tanggal\b\s*:?\s*(?P<date>.*))?$",
    re.IGNORECASE,
)
_DATE = re.compile(r"^(?:pada\s+)?tanggal\s*:?\s*(?P<date>.+)$", re.IGNORECASE)
_WEIGHING = re.compile(
    r"^(?:Menimbang|Mengingat|Memperhatikan|Dengan\s+Rahmat)\b", re.IGNORECASE
)
_CONSIDERING = re.compile(r"^Mengingat\b\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_BASIS_END = re.compile(
    r"^(?:MEMUTUSKAN|Memperhatikan|Menetapkan|KESATU|PERTAMA)\b", re.IGNORECASE
)
_ITEM = re.compile(r"^(?:\d{1,2}|[a-z])[.)]\s+")
_SIGNED_MARK = re.compile(
    r"^\(?\s*(?:ttd|t\.t\.d|cap|dto|ttd\s*\.|tertanda)\s*\.?\s*\)?$", re.IGNORECASE
)
_BULLET = re.compile(r"^[-•*]\s+")


def _clean(text: str) -> str:
    return _BULLET.sub("", clean_text(text).replace("**", "")).strip()


def _read_number(lines: list[str], decree: ParsedDecree) -> None:
    for index, text in enumerate(lines):
        match = _NUMBER.search(text)
        if match:
            decree.number = match.group("number").strip(" .,")
            decree.year = int(match.group("year"))
            return
        only = _NUMBER_ONLY.match(text)
        if only:
            decree.number = only.group("number").strip(" .,")
            if index + 1 < len(lines):
                year = re.match(r"^TAHUN\s+(\d{4})\b", lines[index + 1], re.IGNORECASE)
                if year:
                    decree.year = int(year.group(1))
            return


def _read_title(lines: list[str], decree: ParsedDecree) -> None:
    for index, text in enumerate(lines):
        match = _ABOUT.match(text)
        if not match:
            continue
        parts = [match.group("rest")] if match.group("rest") else []
        for following in lines[index + 1 :]:
            if not following:
                if parts:
                    break
                continue
            if _WEIGHING.match(following) or (
                following.endswith(",") and following.isupper()
            ):
                break
            parts.append(following)
        decree.title = " ".join(" ".join(parts).split()).rstrip(" .")
        if decree.year is None and decree.title:
            year = _YEAR_IN_TITLE.search(decree.title)
            if year:
                decree.year = int(year.group(1))
        return


def _read_signature(lines: list[str], decree: ParsedDecree) -> None:
    for index, text in enumerate(lines):
        match = _PLACE.match(text)
        if not match:
            continue
        decree.place = match.group("place").strip(" ,.;:")
        date_text = match.group("date") or ""
        rest = index + 1
        if not date_text:
            for offset, following in enumerate(
                lines[index + 1 : index + 4], start=index + 1
            ):
                found = _DATE.match(following)
                if found:
                    date_text, rest = found.group("date"), offset + 1
                    break
        if date_text:
            read = parse_target_time(date_text.strip(" ,.;"), year=None)
            if read.kind == Kind.DATE and not read.needs_review:
                decree.signed_on = read.start
        title: list[str] = []
        position = rest
        while position < len(lines):
            following = lines[position]
            if not following:
                if title:
                    break
            elif _SIGNED_MARK.match(following):
                break
            else:
                title.append(following)
                if following.endswith(","):
                    position += 1
                    break
            position += 1
        decree.signatory_title = " ".join(" ".join(title).split()).rstrip(" ,")
        for following in lines[position:]:
            if not following or _SIGNED_MARK.match(following):
                continue
            if len(following) <= 80 and not following.lower().startswith("salinan"):
                decree.signatory = following.strip(" ,")
            break
        return


def _read_issuer(lines: list[str], decree: ParsedDecree) -> None:
    """Fall back on the issuer line above "Menimbang" for the signatory's title."""
    for index, text in enumerate(lines):
        if _WEIGHING.match(text):
            for previous in reversed(lines[:index]):
                if previous:
                    if previous.endswith(",") and previous.isupper():
                        decree.signatory_title = previous.rstrip(" ,")
                    return
            return


def _read_legal_basis(lines: list[str], decree: ParsedDecree) -> None:
    start = next((i for i, t in enumerate(lines) if _CONSIDERING.match(t)), None)
    if start is None:
        return
    first = _CONSIDERING.match(lines[start])
    section = [first.group("rest")] if first and first.group("rest") else []
    for text in lines[start + 1 :]:
        if _BASIS_END.match(text):
            break
        section.append(text)
    section = [t for t in section if t]
    numbered = any(_ITEM.match(t) for t in section)
    items: list[str] = []
    for text in section:
        mark = _ITEM.match(text)
        if not numbered:
            items.append(text)
        elif mark or not items:
            items.append(text[mark.end() :] if mark else text)
        else:
            items[-1] += " " + text
    decree.legal_basis = [" ".join(i.split()).rstrip(" ;") for i in items if i.strip()]


def read_decree_fields(raw_lines: list[Line]) -> ParsedDecree:
    """Read the decree fields from the lines outside the Lampiran table."""
    lines = [_clean(line.text) for line in raw_lines]
    decree = ParsedDecree()
    _read_number(lines, decree)
    _read_title(lines, decree)
    _read_signature(lines, decree)
    if not decree.signatory_title:
        _read_issuer(lines, decree)
    _read_legal_basis(lines, decree)
    settle_plan_year(decree)
    return decree


def settle_plan_year(decree: ParsedDecree) -> None:
    """Set ``plan_year`` from the title's last "TAHUN yyyy", else from ``year``."""
    if decree.plan_year is not None:
        return
    years = _YEAR_IN_TITLE.findall(decree.title)
    decree.plan_year = int(years[-1]) if years else decree.year


def check_decree(decree: ParsedDecree) -> list[ParseIssue]:
    """Warn about decree fields that were not found."""
    warnings = []
    missing = [
        label
        for label, value in (
            ("nomor keputusan", decree.number),
            ("tahun", decree.year),
            ("judul (TENTANG ...)", decree.title),
            ("tanggal penetapan", decree.signed_on),
            ("tempat penetapan", decree.place),
            ("nama penandatangan", decree.signatory),
            ("dasar hukum (Mengingat)", decree.legal_basis),
        )
        if not value
    ]
    if missing:
        warnings.append(
            ParseIssue(
                "kop/penutup keputusan", "Tidak ditemukan: " + ", ".join(missing) + "."
            )
        )
    return warnings
