"""Development tier and government system of countries, from the shipped, cited table.

The table is ``sistercities/data/countries.csv``; its header names the sources
(World Bank income groups FY2025; the quoted lists of federal countries) and
the script that built it from them (``tools/make_countries_csv.py``). Every analysis that uses a
value from it carries :data:`CITATION` in its output.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

CITATION = (
    "income group: World Bank country classification by income, FY2025 (CLASS.xlsx, "
    "1 July 2024), CC BY 4.0; government system: federal if on the list of federations "
    "quoted in tools/sources/federal_countries.txt (Center for Civic Education, after the "
    "Forum of Federations; Nepal from the Forum's Handbook of Federal Countries 2020), "
    "unitary otherwise; see sistercities/data/countries.csv"
)

#: What the registry's ``countries.tier_source`` says (it holds at most 300 characters).
SHORT_SOURCE = (
    "income group: World Bank FY2025 (CLASS.xlsx, CC BY 4.0); government system: "
    "tools/sources/federal_countries.txt; table sistercities/data/countries.csv"
)

#: Income groups in increasing order; the rank is the development tier (1..4).
TIERS: tuple[str, ...] = ("low", "lower_middle", "upper_middle", "high")


@dataclass(frozen=True)
class CountryInfo:
    """One country: ISO code, name, income group ('' if unclassified), system."""

    code: str
    name: str
    income_group: str
    government_system: str

    @property
    def tier(self) -> int | None:
        """Development tier 1 (low income) .. 4 (high income); None if unclassified."""
        return TIERS.index(self.income_group) + 1 if self.income_group in TIERS else None


@lru_cache(maxsize=1)
def shipped_countries() -> dict[str, CountryInfo]:
    """The shipped table, keyed by ISO 3166-1 alpha-2 code.

    >>> shipped_countries()["US"].government_system
    'federal'
    >>> shipped_countries()["FR"].tier
    4
    """
    text = (
        resources.files("sistercities")
        .joinpath("data")
        .joinpath("countries.csv")
        .read_text("utf-8")
    )
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    return {
        row["code"]: CountryInfo(
            row["code"], row["name"], row["income_group"], row["government_system"]
        )
        for row in reader
    }


def country(code: str | None) -> CountryInfo | None:
    """Look up a country by ISO alpha-2 code (case-insensitive); None if unknown."""
    if not code:
        return None
    return shipped_countries().get(code.upper())


def registry_columns(code: str) -> dict[str, str | None]:
    """The ``countries`` columns of a code, from the shipped table (``None`` where it has
    no value): ``government_system``, ``development_tier`` (the income group) and
    ``tier_source`` (where both come from).

    >>> registry_columns("NA")["development_tier"]
    'upper_middle'
    >>> registry_columns("ZZ")["government_system"] is None
    True
    """
    info = country(code)
    if info is None:
        return {"government_system": None, "development_tier": None, "tier_source": None}
    return {
        "government_system": info.government_system or None,
        "development_tier": info.income_group or None,
        "tier_source": SHORT_SOURCE,
    }
