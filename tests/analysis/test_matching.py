"""Partner matching and the migration table."""

from __future__ import annotations

import pytest

from sistercities.analysis.partners.matching import MigrationRec, match_candidates
from sistercities.analysis.partners.migration import parse_migration_csv
from sistercities.analysis.records import PlaceRec
from sistercities.errors import InputError, NotFoundError

PEEKSKILL = PlaceRec(1, "Peekskill", "US", 25_000, 41.29, -73.92)
CUENCA = PlaceRec(2, "Cuenca", "EC", 330_000, -2.90, -79.00)
QUITO = PlaceRec(3, "Quito", "EC", 2_000_000, -0.22, -78.51)
NEWARK = PlaceRec(4, "Newark", "US", 300_000, 40.73, -74.17)
TORUN = PlaceRec(5, "Toruń", "PL", 200_000)
PLACES = [PEEKSKILL, CUENCA, QUITO, NEWARK, TORUN]


def test_diaspora_ranks_first_with_reasons() -> None:
    ties = [MigrationRec(1, 5_000, origin_place_id=2)]
    r = match_candidates(PEEKSKILL, PLACES, [(4, 2)], ties)
    names = [c.place.name for c in r.candidates]
    assert names[0] == "Cuenca" and "Newark" not in names  # same country left out
    reasons = {x.name: x for x in r.candidates[0].reasons}
    assert reasons["diaspora"].points == pytest.approx(min(1, __import__("math").log10(5001) / 4))
    assert "5000 people" in reasons["diaspora"].figure
    assert reasons["country_ties"].figure == "1 existing ties"
    assert "distance" in reasons and "size" in reasons
    assert "Cuenca" in r.explain()


def test_existing_partner_excluded_and_domestic_option() -> None:
    r = match_candidates(PEEKSKILL, PLACES, [(1, 2)], include_domestic=True)
    names = [c.place.name for c in r.candidates]
    assert "Cuenca" not in names and "Newark" in names and "Peekskill" not in names
    assert any("no migration table" in n for n in r.notes)


def test_partners_of_partners() -> None:
    # Quito's partner Newark is also Peekskill's partner
    r = match_candidates(PEEKSKILL, PLACES, [(1, 4), (3, 4)])
    quito = next(c for c in r.candidates if c.place.name == "Quito")
    assert any(
        x.name == "partners_of_partners" and x.points == pytest.approx(1 / 3) for x in quito.reasons
    )


def test_place_without_coordinates_or_population() -> None:
    bare = PlaceRec(9, "Nowhere", None)
    r = match_candidates(bare, [*PLACES, bare], [])
    assert r.candidates and any("coordinates" in n for n in r.notes)
    with pytest.raises(InputError):
        match_candidates(bare, PLACES, [], top=0)


IDS = {"Cuenca, EC": 2, "Peekskill, US": 1, "2": 2}


def _resolve(text: str) -> int:
    if text not in IDS:
        raise NotFoundError(f"no place named {text!r}")
    return IDS[text]


def test_migration_rows_add_up() -> None:
    text = (
        "origin_place,origin_country,destination_place,people,year\n"
        '"Cuenca, EC",,"Peekskill, US",5000,2020\n'  # accepted
        '2,,"Peekskill, US",5000,2020\n'  # duplicate of line 2 (same ids)
        '2,,"Peekskill, US",4000,2020\n'  # conflicts with line 2
        ',EC,"Peekskill, US",-3,\n'  # negative
        '"Atlantis, XX",,"Peekskill, US",10,\n'  # unknown place
        ',ZZ,"Peekskill, US",10,\n'  # unknown country
        ',,"Peekskill, US",10,\n'  # no origin
        ',EC,"Peekskill, US",many,\n'  # not a number
        ',EC,"Peekskill, US",700,\n'  # accepted (country-level)
    )
    r = parse_migration_csv(text, _resolve, countries={"EC", "US"})
    assert r.rows == 9 and len(r.accepted) == 2 and r.duplicates == 1 and len(r.rejected) == 6
    reasons = {x.line: x.reason for x in r.rejected}
    assert "conflicts with line 2" in reasons[4]
    assert "people" in reasons[5] and "Atlantis" in reasons[6] and "ZZ" in reasons[7]
    assert "9 rows = 2 accepted + 1 duplicates + 6 rejected" in r.explain()


def test_migration_header_checked() -> None:
    with pytest.raises(InputError, match="missing columns"):
        parse_migration_csv("a,b\n1,2\n", _resolve, countries=set())
