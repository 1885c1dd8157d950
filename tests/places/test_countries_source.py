"""The shipped country table is what its two sources say, rebuilt by the script.

``tools/make_countries_csv.py`` reads the World Bank's FY2025 ``CLASS.xlsx``
and the quoted lists of federations; the shipped CSV must be byte for byte
what it builds, so nobody can edit a value by hand (or from memory).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from sistercities.places.country_profiles import CITATION, shipped_countries

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_countries_csv", ROOT / "tools" / "make_countries_csv.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_countries_csv"] = module
    spec.loader.exec_module(module)
    return module


def test_shipped_table_is_what_the_sources_build(script: ModuleType, shared_data: Path) -> None:
    built = script.build(shared_data / "world-bank" / "CLASS.xlsx")
    shipped = (ROOT / "src" / "sistercities" / "data" / "countries.csv").read_text("utf-8")
    assert built == shipped


def test_values_the_fy2025_file_gives() -> None:
    countries = shipped_countries()
    # FY2025 has American Samoa high and Namibia upper middle (later files differ).
    assert countries["AS"].income_group == "high"
    assert countries["NA"].income_group == "upper_middle"
    assert countries["VE"].income_group == ""  # listed without a group
    assert (
        countries["JE"].income_group == countries["GG"].income_group == "high"
    )  # "Channel Islands"
    assert countries["XK"].income_group == "upper_middle"


def test_government_system_follows_the_quoted_lists() -> None:
    countries = shipped_countries()
    federal = {code for code, info in countries.items() if info.government_system == "federal"}
    assert {"US", "DE", "IN", "BR", "NG", "PW", "KN", "NP"} <= federal
    assert not {"FR", "GB", "JP", "EC", "SO"} & federal  # on neither quoted list
    assert len(federal) == 28  # 27 names in the first list, Nepal from the Handbook 2020


def test_a_name_missing_from_its_quote_is_refused(script: ModuleType, tmp_path: Path) -> None:
    listing = tmp_path / "federal.txt"
    listing.write_text(
        "source: a list\nurl: http://example.org\ndate: 2020\nread: 2026-12-01\n"
        "quote:\nArgentina, Brazil\nend\nnames: Argentina; Chile\n",
        "utf-8",
    )
    with pytest.raises(SystemExit, match="Chile"):
        script.read_federal_sources(listing)


def test_every_printed_label_names_its_sources() -> None:
    assert "World Bank" in CITATION and "FY2025" in CITATION
    assert "federal_countries.txt" in CITATION
