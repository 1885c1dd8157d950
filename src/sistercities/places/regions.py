"""Region names (``South Carolina``, ``Zürich``, ``Bayern``) to GeoNames admin1 codes.

A list that names a place's region, in a qualifier (``Abbeville (South
Carolina)``) or a column (``--columns region1=bundesland``), says which of
several homonyms it means. The gazetteer's entries carry their GeoNames
``admin1`` code, so a region name must become that code. Where it comes from:

1. the index itself, when it was built from a GeoNames dump: its ``ADM1``
   entries are the regions, with their names and alternate names;
2. ISO 3166-2 subdivisions (``pycountry``: local names, and their English
   translations), where the ISO code's letters are GeoNames' admin1 code too
   (``US-SC`` is ``SC``, ``CH-ZH`` is ``ZH``, ``GB-WLS`` is ``WLS``). That is
   checked against the index, never assumed: a code is used only if entries
   of that country carry it, and only letter codes are used (GeoNames numbers
   the regions of many countries, Germany's among them, differently from
   ISO). Without a dump, a German or Austrian region therefore decides
   nothing, and a homonym there stays unresolved for review.
"""

from __future__ import annotations

import gettext
import json
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pycountry

from sistercities.places.names import fold

if TYPE_CHECKING:
    from sistercities.places.gazetteer import Gazetteer


@lru_cache(maxsize=1)
def _iso_regions() -> dict[tuple[str, str], str]:
    """(country, folded name) -> the letters of its ISO 3166-2 code, top-level only.

    Read from pycountry's own ``iso3166-2.json`` rather than through
    ``pycountry.subdivisions``, which builds an object and a hierarchy for
    all 5,000 subdivisions: a sixth of an import's resolution time.
    """
    english = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"])
    path = Path(pycountry.DATABASE_DIR) / "iso3166-2.json"
    found: dict[tuple[str, str], str] = {}
    for subdivision in json.loads(path.read_text(encoding="utf-8"))["3166-2"]:
        if subdivision.get("parent"):  # pycountry's parent_code comes from this key
            continue
        country_code, suffix = subdivision["code"].split("-", 1)
        if not suffix.isalpha():
            continue
        name = subdivision["name"].split("[")[0].strip()  # "Wales [Cymru GB-CYM]"
        for text in (name, english.gettext(name)):
            found.setdefault((country_code, fold(text)), suffix)
    return found


class Regions:
    """Resolves region names within one gazetteer (whose codes it checks)."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self._codes: dict[str, set[str]] = defaultdict(set)

    def code(self, text: str | None, country: str | None) -> str | None:
        """The admin1 code of region ``text`` in ``country``, or ``None`` if unknown."""
        if not text or not country:
            return None
        key = fold(text)
        for candidate in self.gazetteer.lookup(key, country):
            if candidate.entry.feature == "ADM1" and candidate.entry.admin1:
                return candidate.entry.admin1
        suffix = _iso_regions().get((country, key))
        if suffix is not None and suffix in self._known(country):
            return suffix
        return None

    def _known(self, country: str) -> set[str]:
        if country not in self._codes:
            self._codes[country] = self.gazetteer.admin1_codes(country)
        return self._codes[country]
