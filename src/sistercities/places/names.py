"""Place-name text as lists write it, turned into gazetteer lookup keys.

Wikipedia lists and spreadsheets write ``Siegen-Wittgenstein (district)``,
``Kőbánya (Budapest)``, ``Tokyo – Chūō``, ``Wellington, Somerset``,
``Laudio/Llodio`` and ``St. Petersburg``. A gazetteer knows ``Chuo`` or
``Saint Petersburg``. :func:`fold` makes the spelling comparable (accents,
case, punctuation); :func:`variants` lists what to look up, most literal
first, each with an optional *hint*: the name of a nearby, larger place that
the text mentioned, used to pick between homonyms.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from sistercities.taxonomy import PlaceKind

#: Letters that Unicode decomposition leaves alone but lists spell without.
_LETTERS = str.maketrans(
    {
        "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE",
        "đ": "d", "Đ": "D", "ı": "i", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D",
        "œ": "oe", "Œ": "OE", "ħ": "h", "Ħ": "H", "ə": "a", "Ə": "A",
    }
)  # fmt: skip

#: Combining marks left by NFKD decomposition (accents, cedillas, ogoneks...).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_PUNCTUATION = re.compile(r"[\s\-‐‑–—'’ʻʼ`´.,/()\"]+")

#: Parenthesised words that say what kind of place it is, not where it is.
_KIND_QUALIFIERS: dict[str, PlaceKind] = {
    "district": PlaceKind.COUNTY,
    "county": PlaceKind.COUNTY,
    "rural gmina": PlaceKind.MUNICIPALITY,
    "urban gmina": PlaceKind.MUNICIPALITY,
    "gmina": PlaceKind.MUNICIPALITY,
    "municipality": PlaceKind.MUNICIPALITY,
    "communaute": PlaceKind.MUNICIPALITY,
    "commune": PlaceKind.MUNICIPALITY,
    "city": PlaceKind.CITY,
    "town": PlaceKind.CITY,
    "village": PlaceKind.CITY,
    "province": PlaceKind.STATE,
    "region": PlaceKind.STATE,
    "state": PlaceKind.STATE,
}

#: Words around a name that say its kind: ``City of X``, ``X County``.
_KIND_PREFIXES = re.compile(
    r"^(?:city of|town of|municipality of|borough of|royal borough of|"
    r"county of|district of|gmina|powiat|comune di|ville de)\s+"
)
_KIND_SUFFIXES = re.compile(r"\s+(?:city|town|municipality|borough|township|shi|si)$")
_ADMIN_SUFFIXES = re.compile(
    r"\s+(?:county|district|raion|province|prefecture|municipal district|ku|gun|gu)$"
)
_ADMIN_WORDS = re.compile(r"\b(?:county|district|raion|province|prefecture|region|oblast)\b")

_SAINT = re.compile(r"^(st|ste|s|san|sankt|saint|sainte)\s+")


@dataclass(frozen=True, slots=True)
class Variant:
    """One key to look up, and the name of a place it should lie near, if any."""

    key: str
    hint: str | None = None
    #: The key dropped a word saying the place is an administrative area
    #: (``Fulton County`` -> ``fulton``): only safe to accept near coordinates.
    loose: bool = False


def fold(text: str) -> str:
    """Lower-case, accent-free, punctuation-as-space form of a name.

    >>> fold("Bielsko-Biała")
    'bielsko biala'
    >>> fold("  Saint-Étienne ")
    'saint etienne'
    """
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text.translate(_LETTERS)))
    return _PUNCTUATION.sub(" ", text.lower()).strip()


@lru_cache(maxsize=65536)
def kind_of(text: str) -> PlaceKind | None:
    """The kind a name says it is (``Orhei District`` is a county), or ``None``."""
    qualifier = _qualifier(text)
    if qualifier is not None and fold(qualifier) in _KIND_QUALIFIERS:
        return _KIND_QUALIFIERS[fold(qualifier)]
    folded = fold(text)
    if _ADMIN_WORDS.search(folded):
        return PlaceKind.COUNTY
    return None


def _qualifier(text: str) -> str | None:
    match = re.search(r"\(([^()]*)\)\s*$", text)
    return match.group(1) if match else None


def _without_qualifier(text: str) -> str:
    return re.sub(r"\s*\([^()]*\)\s*$", "", text)


def _saint_forms(key: str) -> list[str]:
    """``st petersburg`` is also ``saint petersburg`` and ``sankt petersburg``."""
    match = _SAINT.match(key)
    if match is None or match.group(1) not in ("st", "ste"):
        return []
    rest = key[match.end() :]
    word = "sainte" if match.group(1) == "ste" else "saint"
    return [f"{word} {rest}", f"sankt {rest}"]


def _stripped(key: str) -> str:
    stripped = _KIND_SUFFIXES.sub("", _KIND_PREFIXES.sub("", key))
    return stripped if stripped else key


def _hint_of(text: str) -> str:
    """``Vienna 1`` names Vienna: district numbers are dropped from hints."""
    return re.sub(r"\s+\d+$", "", text.strip())


def _split_variants(text: str) -> list[Variant]:
    """Names joined by a dash, slash or comma: which part is the place?"""
    found: list[Variant] = []
    if " – " in text or " - " in text:
        parent, part = re.split(r"\s+[–-]\s+", text, maxsplit=1)
        found.append(Variant(fold(part), _hint_of(parent)))
    if "/" in text:
        found.extend(Variant(fold(part)) for part in text.split("/") if part.strip())
    if "," in text:
        head, _, region = text.partition(",")
        found.append(Variant(fold(head), region.strip() or None))
    return found


@lru_cache(maxsize=65536)
def variants(text: str) -> tuple[Variant, ...]:
    """Keys to try for a name, most literal first, without repeats.

    >>> [v.key for v in variants("Halle (Saale)")]
    ['halle saale', 'halle']
    >>> variants("Kőbánya (Budapest)")[1]
    Variant(key='kobanya', hint='Budapest', loose=False)
    >>> variants("Tokyo – Chūō")[1]
    Variant(key='chuo', hint='Tokyo', loose=False)
    """
    found = [Variant(fold(text))]
    qualifier = _qualifier(text)
    if qualifier is not None:
        base = _without_qualifier(text)
        kind = _KIND_QUALIFIERS.get(fold(qualifier))
        loose = kind in (PlaceKind.COUNTY, PlaceKind.STATE)
        found.append(Variant(fold(base), None if kind else qualifier.strip(), loose))
        found.extend(_split_variants(base))
    else:
        found.extend(_split_variants(text))
    for variant in list(found):
        found.extend(Variant(key, variant.hint) for key in _saint_forms(variant.key))
        found.append(Variant(_stripped(variant.key), variant.hint, variant.loose))
        admin = _ADMIN_SUFFIXES.sub("", variant.key)
        if admin != variant.key and admin:
            found.append(Variant(admin, variant.hint, loose=True))
    return _unique(found)


def _unique(found: list[Variant]) -> tuple[Variant, ...]:
    return tuple(dict.fromkeys(v for v in found if v.key))
