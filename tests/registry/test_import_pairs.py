"""Importing pairs CSVs: every row accounted for, bad files refused whole.

Each test runs on SQLite and PostgreSQL (the ``registry`` fixture) and checks
that ``rows == imported + merged + rejected`` and, where the import is
refused, that the registry is unchanged.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from sistercities.errors import InputError
from sistercities.interchange.importers import ImportReport, import_pairs
from sistercities.interchange.readers import ColumnMap
from sistercities.places.gazetteer import Gazetteer
from sistercities.registry.models import (
    AuditEntry,
    Citation,
    Country,
    Place,
    Relationship,
    StatusChange,
)
from sistercities.registry.store import Registry

HEADER = "city1,country1,city2,country2\n"
EMPTY = {"places": 0, "relationships": 0, "status_changes": 0, "citations": 0, "audit_trail": 0}


def write(tmp_path: Path, text: str | bytes, name: str = "pairs.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def counts(registry: Registry) -> dict[str, int]:
    """Rows per table: what "unchanged" is checked against."""
    with registry.session() as session:
        return {
            model.__tablename__: int(session.scalar(select(func.count()).select_from(model)) or 0)
            for model in (Place, Relationship, StatusChange, Citation, AuditEntry)
        }


def adds_up(report: ImportReport) -> None:
    assert report.rows == report.imported + report.merged + report.rejected
    assert report.rejected == len(report.rejections)


def run(registry: Registry, path: Path, gazetteer: Gazetteer, **options: object) -> ImportReport:
    report = import_pairs(registry, path, gazetteer=gazetteer, **options)  # type: ignore[arg-type]
    adds_up(report)
    return report


def test_a_clean_file_imports_and_reports_the_documented_shape(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    path = write(tmp_path, HEADER + "Berlin,Germany,Paris,France\nKraków,Poland,Nienburg,Germany\n")
    report = run(registry, path, gazetteer)
    assert report.to_dict() == {
        "rows": 2,
        "imported": 2,
        "merged": 0,
        "rejected": 0,
        "rejections": [],
        "places": {"resolved": 4, "unresolved": 0},
        "review": [],
    }
    assert counts(registry) == {
        "places": 4,
        "relationships": 2,
        "status_changes": 2,
        "citations": 2,
        "audit_trail": 1,  # one attributed entry for the whole import
    }
    with registry.session() as session:
        krakow = session.scalar(select(Place).where(Place.geonames_id == 3094802))
        assert krakow is not None and krakow.resolution == "exact"
        assert krakow.country_code == "PL" and krakow.latitude == pytest.approx(50.06143)


def test_missing_column_is_refused_naming_it(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    path = write(tmp_path, "city1,country1,town2,country2\nBerlin,Germany,Paris,France\n")
    with pytest.raises(InputError, match=r"missing column.*city2") as caught:
        run(registry, path, gazetteer)
    assert caught.value.line == 1
    assert counts(registry)["relationships"] == 0


def test_renamed_columns_are_mapped(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    path = write(tmp_path, "Stadt,Land,Partner,Partnerland\nBerlin,Deutschland?,Paris,France\n")
    columns = ColumnMap.parse("city1=Stadt,country1=Land,city2=Partner,country2=Partnerland")
    report = run(registry, path, gazetteer, columns=columns)
    # "Deutschland?" is no country we know: the row is set aside, not guessed
    assert report.rejected == 1 and "unknown country" in report.rejections[0].reason
    path = write(tmp_path, "Stadt,Land,Partner,Partnerland\nBerlin,DE,Paris,FR\n", "b.csv")
    assert run(registry, path, gazetteer, columns=columns).imported == 1


def test_empty_city_or_country_is_rejected_with_its_line(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    text = HEADER + ",Germany,Paris,France\nBerlin,,Paris,France\nBerlin,Germany,Paris,France\n"
    report = run(registry, write(tmp_path, text), gazetteer)
    assert (report.imported, report.rejected) == (1, 2)
    assert report.rejections[0].line == 2 and "city1 is empty" in report.rejections[0].reason
    assert report.rejections[1].line == 3 and "country is empty" in report.rejections[1].reason


def test_country_hidden_in_the_city_is_used(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    report = run(registry, write(tmp_path, HEADER + '"Paris, France",,Berlin,Germany\n'), gazetteer)
    assert report.imported == 1 and report.resolved == 2


def test_same_place_on_both_sides_is_rejected(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    text = HEADER + "Nienburg,Germany,Nienburg,Germany\nSmallville,Germany,smallville,DE\n"
    report = run(registry, write(tmp_path, text), gazetteer)
    assert report.rejected == 2
    assert all("same place" in r.reason for r in report.rejections)
    assert counts(registry) == EMPTY  # no place, no relationship, no audit entry
    assert country_codes(registry) == set()
    assert report.to_dict()["places"] == {"resolved": 0, "unresolved": 0}


def country_codes(registry: Registry) -> set[str]:
    with registry.session() as session:
        return set(session.scalars(select(Country.code)))


def test_a_rejected_row_leaves_no_place_or_country_behind(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    text = HEADER + "Kraków,Poland,Cair Paravel,Narnia\nBerlin,Germany,Paris,France\n"
    report = run(registry, write(tmp_path, text), gazetteer)
    assert report.rejected == 1 and report.imported == 1
    with registry.session() as session:
        assert {p.name for p in session.scalars(select(Place))} == {"Berlin", "Paris"}
    assert country_codes(registry) == {"DE", "FR"}  # no PL: only Kraków's rejected row named it


def test_unknown_country_is_rejected(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    text = HEADER + "Berlin,Germany,Cair Paravel,Narnia\nBerlin,Germany,Paris,France\n"
    report = run(registry, write(tmp_path, text), gazetteer)
    assert report.rejections[0].line == 2
    assert "unknown country 'Narnia'" in report.rejections[0].reason
    assert report.imported == 1


def test_latin1_file_read_as_utf8_is_refused_naming_the_line(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    text = HEADER + "Berlin,Germany,Paris,France\nKraków,Poland,Berlin,Germany\n"
    path = write(tmp_path, text.encode("latin-1", errors="replace").replace(b"?", b"\xf3"))
    with pytest.raises(InputError, match=r"not valid UTF-8.*latin-1") as caught:
        run(registry, path, gazetteer)
    assert caught.value.line == 3
    assert counts(registry)["places"] == 0
    # ...and read as Latin-1 on request, it imports
    report = run(registry, path, gazetteer, encoding="latin-1")
    assert report.imported == 2 and report.unresolved == 0


def test_utf8_bom_is_detected(registry: Registry, gazetteer: Gazetteer, tmp_path: Path) -> None:
    path = write(tmp_path, (HEADER + "Berlin,Germany,Paris,France\n").encode("utf-8-sig"))
    assert run(registry, path, gazetteer).imported == 1


def test_utf16_spreadsheet_text_and_header_case(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    text = "City1\tCountry1\tCity2\tCountry2\nBerlin\tGermany\tParis\tFrance\n"
    assert run(registry, write(tmp_path, text.encode("utf-16")), gazetteer).imported == 1


def test_a_header_alone_imports_nothing(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    report = run(registry, write(tmp_path, HEADER), gazetteer)
    assert report.to_dict()["rows"] == 0 and counts(registry) == EMPTY


def test_duplicate_rows_and_reversed_pairs_merge(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    text = (
        HEADER
        + "Kraków,Poland,Berlin,Germany\n"
        + "Kraków,Poland,Berlin,Germany\n"  # duplicate
        + "Berlin,Germany,Cracow,Poland\n"  # from the other side, spelt differently
        + "Smallville,Germany,Paris,France\n"
        + "Paris,France,SMALLVILLE,DE\n"  # unresolved, reversed, other spelling
    )
    report = run(registry, write(tmp_path, text), gazetteer)
    assert (report.imported, report.merged, report.rejected) == (2, 3, 0)
    assert report.merged_reciprocal == 2
    assert counts(registry)["relationships"] == 2
    assert counts(registry)["citations"] == 5  # every line is cited


def test_very_long_field_is_rejected(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    long_name = "A" * 300_000  # over csv's own default field limit too
    text = HEADER + f"{long_name},Germany,Paris,France\nBerlin,Germany,Paris,France\n"
    report = run(registry, write(tmp_path, text), gazetteer)
    assert report.rejected == 1 and "300000 characters" in report.rejections[0].reason
    assert report.imported == 1


def test_formula_in_a_name_is_stored_as_text(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    text = HEADER + "\"=cmd|' /C calc'!A0\",Germany,Paris,France\n"
    report = run(registry, write(tmp_path, text), gazetteer)
    assert report.imported == 1 and report.unresolved == 1
    with registry.session() as session:
        names = set(session.scalars(select(Place.original_name)))
    assert "=cmd|' /C calc'!A0" in names


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text"),
        ('{"city1": "Berlin"}\n', "missing column"),
        ("", "empty"),
    ],
)
def test_a_file_that_is_not_csv_is_refused_whole(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path, content: str | bytes, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        run(registry, write(tmp_path, content), gazetteer)
    assert counts(registry) == EMPTY


def test_wrong_number_of_fields_is_rejected(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    text = HEADER + "Berlin,Germany,Paris\nBerlin,Germany,Paris,France,extra\n"
    report = run(registry, write(tmp_path, text), gazetteer)
    assert report.rejected == 2 and "expected 4 fields" in report.rejections[0].reason


def test_bad_coordinates_are_rejected_and_good_ones_used(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    text = (
        "city1,country1,lat1,lng1,city2,country2,lat2,lng2\n"
        "Frankfurt,Germany,52.35,14.5,Paris,France,48.85,2.35\n"
        "Berlin,Germany,north,13.4,Paris,France,48.85,2.35\n"
    )
    report = run(registry, write(tmp_path, text), gazetteer)
    assert report.imported == 1 and "lat1 is not a valid coordinate" in report.rejections[0].reason
    with registry.session() as session:
        frankfurt = session.scalar(select(Place).where(Place.original_name == "Frankfurt"))
    assert frankfurt is not None and frankfurt.geonames_id == 2925535  # the one on the Oder


def test_running_it_twice_changes_nothing(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    text = HEADER + "Berlin,Germany,Paris,France\nSmallville,Germany,Paris,France\n,,,\n"
    path = write(tmp_path, text)
    first = run(registry, path, gazetteer)
    before = counts(registry)
    second = run(registry, path, gazetteer)
    assert counts(registry) == before
    assert second.imported == 0 and second.merged == first.imported + first.merged
    assert second.merged_existing == 2


def test_a_later_file_finds_places_by_the_text_they_came_with(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    # the geocoded list puts Berlin in Bavaria: no match that far, kept as text
    geocoded = "city1,country1,lat1,lng1,city2,country2,lat2,lng2\n"
    geocoded += "Berlin,Germany,48.0,11.0,Paris,France,48.85,2.35\n"
    run(registry, write(tmp_path, geocoded, "geo.csv"), gazetteer)
    # a list without coordinates resolves Berlin, yet means the stored place
    report = run(registry, write(tmp_path, HEADER + "Paris,France,Berlin,Germany\n"), gazetteer)
    assert (report.imported, report.merged) == (0, 1)
    assert counts(registry)["places"] == 2


def test_an_import_that_fails_while_storing_stores_nothing(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    path = write(tmp_path, HEADER + "Berlin,Germany,Paris,France\n")

    def fail_late(stage: str, done: int, total: int) -> None:
        if stage == "storing" and done == 2:
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        import_pairs(registry, path, gazetteer=gazetteer, progress=fail_late)
    assert counts(registry) == EMPTY


def test_kind_and_source_are_recorded(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    path = write(tmp_path, HEADER + "Berlin,Germany,Paris,France\n")
    report = run(registry, path, gazetteer, kind="friendship_city", source="City hall list 2024")
    assert report.imported == 1
    with registry.session() as session:
        rel = session.scalars(select(Relationship)).one()
        citation = session.scalars(select(Citation)).one()
        assert rel.kind == "friendship_city"
        assert citation.source.citation == "City hall list 2024"
        assert citation.locator == "line 2" and citation.entity_id == rel.id
    with pytest.raises(InputError, match="kind"):
        run(registry, path, gazetteer, kind="marriage")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "rows"),
    [("twin_cities_wikipedia_raw.csv", 26114), ("twin_cities_wikipedia_geocoded.csv", 25917)],
)
def test_the_whole_wikipedia_list_is_accounted_for(
    registry: Registry, bundled_gazetteer: Gazetteer, shared_data: Path, name: str, rows: int
) -> None:
    report = run(registry, shared_data / name, bundled_gazetteer)
    assert report.rows == rows
    assert report.merged_reciprocal > 1000
    assert report.resolved > 0.8 * (report.resolved + report.unresolved)
    stored = counts(registry)
    assert stored["relationships"] == report.imported
    assert stored["citations"] == report.imported + report.merged


def test_a_region_column_picks_among_homonyms_and_the_rest_are_listed_for_review(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    text = "city1,country1,state,city2,country2\n"
    text += "Springfield,US,Missouri,Berlin,Germany\n"  # the state decides
    text += "Springfield,US,,Paris,France\n"  # nothing decides: unresolved, listed
    columns = ColumnMap.parse("region1=state")
    report = run(registry, write(tmp_path, text), gazetteer, columns=columns)
    assert report.imported == 2
    with registry.session() as session:
        springfields = session.scalars(select(Place).where(Place.original_name == "Springfield"))
        assert sorted((p.geonames_id or 0, p.resolution) for p in springfields) == [
            (0, "unresolved"),
            (4409896, "exact"),
        ]
    (review,) = report.to_dict()["review"]
    assert review["name"] == "Springfield" and review["country"] == "US"
    assert {c["admin1"] for c in review["candidates"]} == {"MA", "MO"}


def test_the_cycle_collector_is_back_after_an_import_however_it_ends(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    import gc

    # the import pauses Python's cycle collector while it runs (a quarter of a large
    # import's time); a program that imports must get it back, also after an error
    path = write(tmp_path, HEADER + "Berat,Albania,Amasya,Turkey\n")

    def fail_while_storing(stage: str, done: int, total: int) -> None:
        assert not gc.isenabled()  # paused while the import runs
        if stage == "storing":
            raise RuntimeError("disk full")

    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        import_pairs(registry, path, gazetteer=gazetteer, progress=fail_while_storing)
    assert gc.isenabled()
    assert run(registry, path, gazetteer).imported == 1
    assert gc.isenabled()
