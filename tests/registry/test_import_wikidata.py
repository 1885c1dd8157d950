"""Importing Wikidata P190 exports: JSON results and CSV, QIDs kept."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from sistercities.errors import InputError
from sistercities.interchange.importers import ImportReport, import_wikidata
from sistercities.interchange.wikidata import WikidataColumns, parse_point, parse_time, qid
from sistercities.places.gazetteer import Gazetteer
from sistercities.registry.models import Place, Relationship
from sistercities.registry.store import Registry
from sistercities.taxonomy import DatePrecision

ENTITY = "http://www.wikidata.org/entity/"


def uri(value: str) -> dict[str, str]:
    return {"type": "uri", "value": ENTITY + value}


def literal(value: str) -> dict[str, str]:
    return {"type": "literal", "value": value, "xml:lang": "en"}


def time(value: str) -> dict[str, str]:
    return {
        "type": "literal",
        "value": value,
        "datatype": "http://www.w3.org/2001/XMLSchema#dateTime",
    }


def binding(item: tuple[str, str, str], twin: tuple[str, str, str], **extra: Any) -> dict:
    row = {
        "item": uri(item[0]),
        "itemLabel": literal(item[1]),
        "twin": uri(twin[0]),
        "twinLabel": literal(twin[1]),
    }
    if item[2]:
        row["itemCountryLabel"] = literal(item[2])
    if twin[2]:
        row["twinCountryLabel"] = literal(twin[2])
    return row | extra


BERLIN = ("Q64", "Berlin", "Germany")
PARIS = ("Q90", "Paris", "France")
KRAKOW = ("Q31487", "Kraków", "Poland")
OBSCURE = ("Q99999999", "Obscureville", "")


def sparql_json(tmp_path: Path, bindings: list[dict]) -> Path:
    variables = ["item", "itemLabel", "twin", "twinLabel", "itemCountryLabel"]
    variables += ["twinCountryLabel", "start", "end"]
    document = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    path = tmp_path / "p190.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def run(registry: Registry, path: Path, gazetteer: Gazetteer, **options: Any) -> ImportReport:
    report = import_wikidata(registry, path, gazetteer=gazetteer, **options)
    assert report.rows == report.imported + report.merged + report.rejected
    return report


def test_sparql_json_keeps_qids_dates_and_merges_both_directions(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    path = sparql_json(
        tmp_path,
        [
            binding(BERLIN, PARIS, start=time("1987-01-01T00:00:00Z")),
            binding(PARIS, BERLIN),  # the same statement on the other item
            binding(
                KRAKOW,
                BERLIN,
                start=time("1991-06-17T00:00:00Z"),
                end=time("2022-03-01T00:00:00Z"),
            ),
            binding(OBSCURE, BERLIN),  # no country: kept by its QID, unresolved
            {"item": uri("Q64"), "itemLabel": literal("Berlin")},  # no twin
        ],
    )
    report = run(registry, path, gazetteer)
    assert (report.imported, report.merged, report.rejected) == (3, 1, 1)
    assert report.rejections[0].line == 5 and "twin: empty" in report.rejections[0].reason
    assert report.to_dict()["places"] == {"resolved": 3, "unresolved": 1}
    with registry.session() as session:
        places = {p.wikidata_id: p for p in session.scalars(select(Place))}
        assert set(places) == {"Q64", "Q90", "Q31487", "Q99999999"}
        assert places["Q64"].geonames_id == 2950159
        assert places["Q99999999"].resolution == "unresolved"
        assert places["Q99999999"].name == "Obscureville"
        rels = {
            frozenset((r.place_a.wikidata_id, r.place_b.wikidata_id)): r
            for r in session.scalars(select(Relationship))
        }
        berlin_paris = rels[frozenset(("Q64", "Q90"))]
        assert berlin_paris.start_date == dt.date(1987, 1, 1)
        assert berlin_paris.start_precision == "year"
        krakow = rels[frozenset(("Q64", "Q31487"))]
        assert krakow.start_precision == "day" and krakow.status == "ended"
        steps = [(c.from_status, c.to_status, c.date) for c in krakow.status_changes]
        assert steps == [
            (None, "active", dt.date(1991, 6, 17)),
            ("active", "ended", dt.date(2022, 3, 1)),
        ]
        # a list says they are twinned, not whether the relationship lives: unknown,
        # undated (1987 is the signing, not when its status became unknown)
        assert berlin_paris.status == "unknown"
        steps = [(c.from_status, c.to_status, c.date) for c in berlin_paris.status_changes]
        assert steps == [(None, "unknown", None)]


def test_csv_export_with_bare_qids_and_a_second_run_changes_nothing(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    path = tmp_path / "p190.csv"
    path.write_text(
        "city,cityLabel,twin,twinLabel,twinCountryLabel,cityCountryLabel,startTime,statement\n"
        f"Q64,Berlin,Q90,Paris,France,Germany,1987-01-01T00:00:00Z,{ENTITY}statement/Q64-A1B2\n"
        f"{ENTITY}Q90,Paris,{ENTITY}Q64,Berlin,Germany,France,,\n",
        encoding="utf-8",
    )
    first = run(registry, path, gazetteer)
    assert (first.imported, first.merged) == (1, 1)
    second = run(registry, path, gazetteer)
    assert (second.imported, second.merged) == (0, 2)
    with registry.session() as session:
        stored = session.scalars(select(Relationship)).one()
        assert stored.wikidata_statement == "Q64-A1B2"


def test_a_place_imported_from_a_list_is_found_again_by_its_qid(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    path = sparql_json(tmp_path, [binding(OBSCURE, BERLIN)])
    run(registry, path, gazetteer)
    again = sparql_json(tmp_path, [binding(("Q99999999", "Obscureville-sur-Mer", ""), PARIS)])
    report = run(registry, again, gazetteer)
    assert report.imported == 1
    with registry.session() as session:
        found = session.scalars(select(Place).where(Place.wikidata_id == "Q99999999")).all()
        assert len(found) == 1


def test_explicit_columns_and_missing_ones(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("a,aLabel,b,bLabel\nQ64,Berlin,Q90,Paris\n", encoding="utf-8")
    with pytest.raises(InputError, match="cannot find the item column"):
        run(registry, path, gazetteer)
    report = run(registry, path, gazetteer, columns=WikidataColumns.parse("item=a,partner=b"))
    assert report.imported == 1
    with pytest.raises(InputError, match="no column 'c'"):
        run(registry, path, gazetteer, columns=WikidataColumns.parse("item=c,partner=b"))


@pytest.mark.parametrize(
    ("content", "message"),
    [('{"head": {"vars": []}', "not valid JSON"), ('{"results": 3}', "not a SPARQL JSON result")],
)
def test_broken_json_is_refused_whole(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "broken.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        run(registry, path, gazetteer)
    with registry.session() as session:
        assert session.scalars(select(Place)).first() is None


def test_value_parsers() -> None:
    assert qid("https://www.wikidata.org/wiki/Q1490") == "Q1490"
    assert qid("Q0") is None
    assert parse_time("1991-05-12T00:00:00Z") is not None
    year = parse_time("1991-01-01T00:00:00Z")
    assert year is not None and year.precision is DatePrecision.YEAR
    month = parse_time("1991-05-01T00:00:00Z", "10")
    assert month is not None and month.precision is DatePrecision.MONTH
    assert parse_time("t123456") is None  # an unknown value (blank node)
    assert parse_point("Point(13.38 52.52)") == (52.52, 13.38)
    assert parse_point("Point(200 95)") == (None, None)
