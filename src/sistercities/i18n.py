"""Languages: which ones sistercities speaks, which one a place or a browser wants,
and the translated names of the taxonomy.

English and Spanish, because the partnerships `004` studies are between
English- and Spanish-speaking cities. The names of the vocabulary (tiers,
roles, layers, phases, areas, statuses, flow kinds) are written in English
in :mod:`sistercities.vocabulary` and translated in the Babel catalogue
``sistercities/locale/<lang>/LC_MESSAGES/taxonomy.po`` (read as it is: no
compiled file to forget). A place's language is the supported language most
spoken in its country according to the Unicode CLDR territory data that
Babel ships (Ecuador: Spanish; the United States: English), English where
none is.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

SUPPORTED = ("en", "es")
DEFAULT = "en"
DOMAIN = "taxonomy"


def normalise(language: str | None) -> str | None:
    """``es-EC`` / ``es_ec`` / ``ES`` → ``es`` when supported, else ``None``."""
    if not language:
        return None
    base = language.strip().replace("_", "-").split("-")[0].lower()
    return base if base in SUPPORTED else None


def place_language(country_code: str | None) -> str:
    """The supported language most spoken in a country (CLDR), or English.

    >>> place_language("EC"), place_language("US"), place_language(None)
    ('es', 'en', 'en')
    """
    if not country_code:
        return DEFAULT
    from babel.languages import get_territory_language_info

    info = get_territory_language_info(country_code.upper())
    spoken = sorted(info.items(), key=lambda item: -float(item[1]["population_percent"] or 0))
    for language, _share in spoken:
        found = normalise(language)
        if found:
            return found
    return DEFAULT


def negotiate(accept_language: str | None) -> str | None:
    """The supported language a browser's ``Accept-Language`` prefers, or ``None``.

    >>> negotiate("fr-CH, es-EC;q=0.8, en;q=0.5")
    'es'
    >>> negotiate("de") is None
    True
    """
    if not accept_language:
        return None
    weighted = []
    for index, item in enumerate(accept_language.split(",")):
        tag, _, params = item.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        weighted.append((-quality, index, tag))
    for quality, _index, tag in sorted(weighted):
        found = normalise(tag)
        if found and quality < 0:
            return found
    return None


@lru_cache(maxsize=8)
def catalogue(language: str, domain: str = DOMAIN) -> dict[str, str]:
    """The translations of one catalogue (msgid → msgstr), empty for English."""
    if language == DEFAULT:
        return {}
    from babel.messages.pofile import read_po

    path = resources.files("sistercities") / "locale" / language / "LC_MESSAGES" / f"{domain}.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return {str(m.id): str(m.string) for m in catalog if m.id and m.string and not m.fuzzy}


def translate(message: str, language: str | None) -> str:
    """A message in a supported language (itself when not translated)."""
    return catalogue(normalise(language) or DEFAULT).get(message, message)
