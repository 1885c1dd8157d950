"""Exports: spreadsheet-safe CSV that imports again, JSON, GeoJSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from sistercities.errors import InputError
from sistercities.interchange.exporters import CSV_COLUMNS, export, neutralise
from sistercities.interchange.importers import import_pairs
from sistercities.places.gazetteer import Gazetteer
from sistercities.registry.store import Registry

PAIRS = (
    "city1,country1,city2,country2\n"
    "Berlin,Germany,Paris,France\n"
    "\"=cmd|' /C calc'!A0\",Germany,Kraków,Poland\n"
    "@SUM(1+1),Germany,-2+3,France\n"
)


@pytest.fixture
def filled(registry: Registry, gazetteer: Gazetteer, tmp_path: Path) -> Registry:
    path = tmp_path / "pairs.csv"
    path.write_text(PAIRS, encoding="utf-8")
    report = import_pairs(registry, path, gazetteer=gazetteer)
    assert report.imported == 3
    return registry


def exported(registry: Registry, fmt: str) -> str:
    out = io.StringIO()
    with registry.session() as session:
        export(session, out, fmt)
    return out.getvalue()


def test_csv_neutralises_formula_cells_but_not_numbers(filled: Registry) -> None:
    rows = list(csv.DictReader(io.StringIO(exported(filled, "csv"))))
    assert list(rows[0]) == CSV_COLUMNS
    names = {row["city1"] for row in rows} | {row["city2"] for row in rows}
    assert "'=cmd|' /C calc'!A0" in names
    assert "'@SUM(1+1)" in names and "'-2+3" in names
    assert not any(name.startswith(("=", "+", "-", "@")) for name in names)
    paris = next(row for row in rows if row["city2"] == "Paris")
    assert float(paris["lng2"]) == pytest.approx(2.3488)
    assert neutralise(-95.5) == -95.5


def test_csv_export_imports_again_into_an_empty_registry(
    filled: Registry, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    path = tmp_path / "export.csv"
    path.write_text(exported(filled, "csv"), encoding="utf-8")
    copy = Registry.open(tmp_path / "copy.sqlite")
    try:
        report = import_pairs(copy, path, gazetteer=gazetteer)
        assert (report.rows, report.imported, report.rejected) == (3, 3, 0)
    finally:
        copy.close()


def test_json_has_relationships_with_places_and_resolution(filled: Registry) -> None:
    document = json.loads(exported(filled, "json"))
    assert document["count"] == 3
    first = document["relationships"][0]
    assert set(first) == {"id", "kind", "status", "start", "end", "a", "b"}
    assert {first["a"]["resolution"], first["b"]["resolution"]} == {"exact"}


def test_geojson_lines_and_null_geometry_for_unplaced(filled: Registry) -> None:
    document = json.loads(exported(filled, "geojson"))
    assert document["type"] == "FeatureCollection"
    features = document["features"]
    assert len(features) == 3
    lines = [f for f in features if f["geometry"] is not None]
    assert len(lines) == 1 and lines[0]["geometry"]["type"] == "LineString"
    lng, lat = lines[0]["geometry"]["coordinates"][0]
    assert -180 <= lng <= 180 and -90 <= lat <= 90


def test_unknown_format_is_refused(filled: Registry) -> None:
    with pytest.raises(InputError, match="format"):
        exported(filled, "xlsx")
