"""Tell whether a decree names the importing unit and year (pure; no database).

A decree's title and its signer's title name the unit that issued it: "KETUA
KOMISI PEMILIHAN UMUM KABUPATEN TANJUNG JABUNG BARAT". A unit's name is
compared by its distinctive words (the place: "TANJUNG JABUNG BARAT"), after
abbreviations are spelled out (KPU → KOMISI PEMILIHAN UMUM, Kab. → KABUPATEN),
so "KPU Kabupaten Tanjung Jabung Barat" is named by that signer's title.
"""

from __future__ import annotations

import re

from sizi.plans.importing.parsed import ParsedDecree

_ABBREVIATIONS = {
    "KPU": "KOMISI PEMILIHAN UMUM",
    "KPUD": "KOMISI PEMILIHAN UMUM",
    "KAB": "KABUPATEN",
    "PROV": "PROVINSI",
    "RI": "REPUBLIK INDONESIA",
    "SETJEN": "SEKRETARIAT JENDERAL",
}
# Words every unit of a kind shares: they do not tell one unit from another.
_GENERIC = frozenset(
    [
        "KOMISI",
        "PEMILIHAN",
        "UMUM",
        "KABUPATEN",
        "KOTA",
        "PROVINSI",
        "SEKRETARIAT",
        "JENDERAL",
        "BADAN",
        "KANTOR",
        "DINAS",
        "KEMENTERIAN",
        "BALAI",
        "BIRO",
        "DAN",
        "DI",
        "LINGKUNGAN",
        "KETUA",
        "KEPALA",
    ]
)
_REGION = re.compile(
    r"\b(KABUPATEN|KOTA|PROVINSI)\s+((?:(?!TAHUN\b|NOMOR\b|TENTANG\b|DI\b|DAN\b"
    r"|KABUPATEN\b|KOTA\b|PROVINSI\b)[A-Z]+\s*){1,4})"
)


def normalize(text: str) -> str:
    """Upper-case words only, abbreviations spelled out, one space between."""
    words = re.sub(r"[^0-9A-Za-z]+", " ", text).upper().split()
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)


def distinctive(name: str) -> str:
    """The words of a unit name that tell it from others ("TANJUNG JABUNG BARAT")."""
    words = [w for w in normalize(name).split() if w not in _GENERIC]
    return " ".join(words) or normalize(name)


def _contains(text: str, phrase: str) -> bool:
    return bool(phrase) and f" {phrase} " in f" {text} "


def names_unit(text: str, names: list[str]) -> bool:
    """Tell whether `text` names a unit known by any of `names` (name, short name)."""
    normal = normalize(text)
    return any(_contains(normal, distinctive(n)) for n in names if n.strip())


def regions(text: str) -> list[str]:
    """The regions the text names: "KABUPATEN TANJUNG JABUNG BARAT", "KOTA JAMBI"."""
    return [
        f"{kind} {place.strip()}" for kind, place in _REGION.findall(normalize(text))
    ]


def decree_mismatches(
    decree: ParsedDecree,
    *,
    unit_name: str,
    unit_names: list[str],
    others: dict[str, list[str]],
    year: int | None,
) -> list[str]:
    """Say where the decree names another unit or another year than the import.

    `unit_names`: the importing unit's name and short name; `others`: other
    units' display names → their names, to say which one the decree names.
    Nothing is said about a decree whose title and signer were not read.
    """
    found: list[str] = []
    text = " ".join(t for t in (decree.title, decree.signatory_title) if t)
    if text.strip() and not names_unit(text, unit_names):
        named = [label for label, names in others.items() if names_unit(text, names)]
        own = normalize(" ".join(unit_names))
        places = [r for r in regions(text) if not _contains(own, r)]
        if named:
            found.append(
                "Judul atau penanda tangan keputusan menyebut "
                + ", ".join(f"«{n}»" for n in named[:3])
                + f", bukan unit ini («{unit_name}»)."
            )
        elif places and not any(_contains(own, r) for r in regions(text)):
            found.append(
                "Judul atau penanda tangan keputusan menyebut "
                + ", ".join(f"«{p.title()}»" for p in dict.fromkeys(places))
                + f", bukan unit ini («{unit_name}»)."
            )
    decree_year = decree.plan_year or decree.year
    if decree_year and year and decree_year != year:
        found.append(
            f"Keputusan ini untuk tahun {decree_year}, sedangkan rencana aksi "
            f"diimpor untuk tahun {year}."
        )
    return found
