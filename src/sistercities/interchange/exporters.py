"""Exporting relationships to CSV, JSON and GeoJSON.

Exports are public: they carry places, relationships and how each place was
resolved, never actors' contact details. A CSV export opens in a spreadsheet,
so a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return (``=cmd|' /C calc'!A0``) is written with a leading ``'`` and is shown
as text instead of run as a formula; numbers are left alone. The first eight
CSV columns are those of :func:`~.importers.import_pairs`, so an export
imports again.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any, TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from sistercities.dates import format_partial
from sistercities.errors import InputError
from sistercities.registry.models import Place, Relationship

FORMATS = ("csv", "json", "geojson")

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CSV_COLUMNS = [
    "city1", "country1", "lat1", "lng1", "city2", "country2", "lat2", "lng2",
    "kind", "status", "start", "end",
    "geonames_id1", "wikidata_id1", "resolution1", "original1",
    "geonames_id2", "wikidata_id2", "resolution2", "original2",
    "relationship_id",
]  # fmt: skip


def neutralise(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, made inert.

    >>> neutralise("=cmd|' /C calc'!A0")
    "'=cmd|' /C calc'!A0"
    >>> neutralise(-3.5)
    -3.5
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _place(place: Place) -> dict[str, Any]:
    return {
        "id": place.id,
        "name": place.name,
        "original_name": place.original_name,
        "country": place.country_code or place.country_text,
        "lat": place.latitude,
        "lng": place.longitude,
        "geonames_id": place.geonames_id,
        "wikidata_id": place.wikidata_id,
        "kind": place.kind,
        "resolution": place.resolution,
        "resolution_score": place.resolution_score,
    }


def relationships(session: Session, *, kind: str | None = None) -> Iterator[dict[str, Any]]:
    """Every relationship (of a kind) with its two places, in id order."""
    a, b = aliased(Place), aliased(Place)
    statement = (
        select(Relationship, a, b)
        .join(a, Relationship.place_a_id == a.id)
        .join(b, Relationship.place_b_id == b.id)
        .order_by(Relationship.id)
    )
    if kind is not None:
        statement = statement.where(Relationship.kind == kind)
    for rel, place_a, place_b in session.execute(statement).yield_per(1000):
        yield {
            "id": rel.id,
            "kind": rel.kind,
            "status": rel.status,
            "start": format_partial(rel.start_date, rel.start_precision),
            "end": format_partial(rel.end_date, rel.end_precision),
            "a": _place(place_a),
            "b": _place(place_b),
        }


def _csv_row(rel: dict[str, Any]) -> list[Any]:
    a, b = rel["a"], rel["b"]
    cells = [
        a["name"], a["country"], a["lat"], a["lng"],
        b["name"], b["country"], b["lat"], b["lng"],
        rel["kind"], rel["status"], rel["start"], rel["end"],
        a["geonames_id"], a["wikidata_id"], a["resolution"], a["original_name"],
        b["geonames_id"], b["wikidata_id"], b["resolution"], b["original_name"],
        rel["id"],
    ]  # fmt: skip
    return [neutralise(cell) for cell in cells]


def write_csv(rows: Iterator[dict[str, Any]], out: TextIO) -> int:
    """CSV with a header (see :data:`CSV_COLUMNS`); returns the row count."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for rel in rows:
        writer.writerow(_csv_row(rel))
        count += 1
    return count


def write_json(rows: Iterator[dict[str, Any]], out: TextIO) -> int:
    """``{"relationships": [...], "count": N}``; returns N."""
    items = list(rows)
    json.dump({"relationships": items, "count": len(items)}, out, ensure_ascii=False, indent=2)
    out.write("\n")
    return len(items)


def _feature(rel: dict[str, Any]) -> dict[str, Any]:
    """A line between the two places; ``geometry`` is null (RFC 7946 allows it)
    when a place has no coordinates, so no relationship is left out."""
    a, b = rel["a"], rel["b"]
    geometry = None
    if None not in (a["lat"], a["lng"], b["lat"], b["lng"]):
        line = [[a["lng"], a["lat"]], [b["lng"], b["lat"]]]
        geometry = {"type": "LineString", "coordinates": line}
    return {"type": "Feature", "id": rel["id"], "geometry": geometry, "properties": rel}


def write_geojson(rows: Iterator[dict[str, Any]], out: TextIO) -> int:
    """A GeoJSON FeatureCollection of relationships; returns the feature count."""
    features = [_feature(rel) for rel in rows]
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)


_WRITERS = {"csv": write_csv, "json": write_json, "geojson": write_geojson}


def export(session: Session, out: TextIO, fmt: str, *, kind: str | None = None) -> int:
    """Write every relationship (of a kind) in ``fmt``; returns how many."""
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise InputError(f"{fmt!r} is not one of: {', '.join(FORMATS)}", field="format")
    return writer(relationships(session, kind=kind), out)
