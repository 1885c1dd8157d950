"""Importing lists of sister-city pairs: every row accounted for.

Each row of a file ends *imported* (it created a relationship), *merged* (the
same relationship was already there: a duplicate row, the pair listed from the
other side, possibly spelled differently, or a relationship already in the
registry) or *rejected* with a reason and its line. ``rows == imported +
merged + rejected`` always.

The work is split in two so that the slow, fallible part touches nothing:

1. :func:`plan_import` resolves countries and places (once per distinct
   question) and folds rows into distinct places and relationships, in memory;
2. :func:`store_plan` writes the plan with SQLAlchemy Core bulk inserts inside
   the caller's transaction, skipping what the registry already has, so the
   import commits whole or not at all and a second run changes nothing.

Readers for the file formats live in :mod:`.readers` and :mod:`.wikidata`;
they yield :class:`~.readers.PairRow` and :class:`~.readers.Rejection`, which
is all an importer for another format needs to produce.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sistercities import taxonomy
from sistercities.interchange.readers import (
    ColumnMap,
    PairRow,
    PartialDate,
    Rejection,
    Side,
    read_pairs,
    read_text,
)
from sistercities.interchange.storing import store_plan
from sistercities.interchange.wikidata import WikidataColumns, read_wikidata
from sistercities.places.countries import CountryMethod, resolve_country
from sistercities.places.gazetteer import UNRESOLVED, Gazetteer, PlaceMatch
from sistercities.places.names import fold, kind_of, variants
from sistercities.registry.records import check_choice, geonames_key, place_key
from sistercities.registry.store import Registry

#: progress(stage, done, total): called while planning ("resolving") and storing.
Progress = Callable[[str, int, int], None]

_ADMIN_KINDS = {"ADM1": taxonomy.PlaceKind.STATE, "ADM2": taxonomy.PlaceKind.COUNTY}


@dataclass
class ImportReport:
    """What an import did; :meth:`to_dict` is the documented JSON shape.

    ``merged_reciprocal`` (rows that listed a pair already seen from the other
    side) and ``merged_existing`` (rows whose relationship was already in the
    registry) break ``merged`` down; ``methods`` counts places per resolution
    method. They are in :meth:`details`, not in the stable JSON.
    """

    rows: int = 0
    imported: int = 0
    merged: int = 0
    rejected: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    resolved: int = 0
    unresolved: int = 0
    merged_reciprocal: int = 0
    merged_existing: int = 0
    methods: Counter[str] = field(default_factory=Counter)

    def reject(self, line: int, reason: str) -> None:
        self.rejected += 1
        self.rejections.append(Rejection(line, reason))

    def to_dict(self) -> dict[str, Any]:
        """``{"rows", "imported", "merged", "rejected", "rejections", "places"}``."""
        return {
            "rows": self.rows,
            "imported": self.imported,
            "merged": self.merged,
            "rejected": self.rejected,
            "rejections": [{"line": r.line, "reason": r.reason} for r in self.rejections],
            "places": {"resolved": self.resolved, "unresolved": self.unresolved},
        }

    def details(self) -> dict[str, Any]:
        """The breakdowns a benchmark or a reviewer wants beside the totals."""
        return {
            "merged_reciprocal": self.merged_reciprocal,
            "merged_existing": self.merged_existing,
            "methods": dict(self.methods),
        }


@dataclass
class PlannedPlace:
    """A distinct place of the file, with how it was resolved."""

    key: str
    name: str
    original_name: str
    kind: str
    country_code: str | None
    country_text: str | None
    match: PlaceMatch
    latitude: float | None = None
    longitude: float | None = None
    wikidata_id: str | None = None

    def row(self) -> dict[str, Any]:
        """The ``places`` row to insert."""
        entry = self.match.entry
        return {
            "name": self.name,
            "original_name": self.original_name,
            "kind": self.kind,
            "country_code": self.country_code,
            "country_text": self.country_text,
            "admin1": entry.admin1 if entry else None,
            "population": entry.population if entry else None,
            "latitude": entry.lat if entry else self.latitude,
            "longitude": entry.lng if entry else self.longitude,
            "geonames_id": entry.geonames_id if entry else None,
            "wikidata_id": self.wikidata_id,
            "resolution": self.match.method.value,
            "resolution_score": self.match.score,
            "match_key": self.key,
        }


@dataclass
class PlannedRelationship:
    """A distinct relationship of the file and the lines that name it."""

    a: str
    b: str
    lines: list[int]
    start: PartialDate | None = None
    end: PartialDate | None = None
    statement: str | None = None


@dataclass
class Plan:
    """Distinct places and relationships of a file, ready to store."""

    kind: str
    places: dict[str, PlannedPlace] = field(default_factory=dict)
    relationships: dict[tuple[str, str], PlannedRelationship] = field(default_factory=dict)
    report: ImportReport = field(default_factory=ImportReport)
    #: Each distinct side as written, and the place it became (or why not).
    sides: dict[Side, PlannedPlace | str] = field(default_factory=dict)


class _Resolver:
    """Turns one side of a row into a planned place, once per distinct side."""

    def __init__(self, gazetteer: Gazetteer, plan: Plan):
        self.gazetteer = gazetteer
        self.plan = plan
        self.cache = plan.sides

    def prefetch(self, rows: Iterable[PairRow]) -> None:
        """Ask the gazetteer about every distinct name at once (see ``prefetch``)."""
        questions: set[tuple[str, str]] = set()
        for side in {side for row in rows for side in (row.a, row.b)}:
            name, country_text = _split_country(side)
            country = resolve_country(country_text)
            if country is not None:
                questions.update((v.key, country.code) for v in variants(name))
        self.gazetteer.prefetch(questions)

    def __call__(self, side: Side, label: str) -> PlannedPlace | str:
        """The place of a side, or the reason it cannot be one."""
        if side not in self.cache:
            self.cache[side] = self._place(side, label)
        found = self.cache[side]
        return found.replace("{side}", label) if isinstance(found, str) else found

    def _place(self, side: Side, label: str) -> PlannedPlace | str:
        name, country_text = _split_country(side)
        country = resolve_country(country_text)
        if country is None and not side.wikidata:
            if not country_text:
                return "{side}: the country is empty"
            return f"{{side}}: unknown country {country_text!r}"
        code = country.code if country else None
        region = country.region if country else None
        match = self.gazetteer.resolve(name, code, side.lat, side.lng, region)
        key = self._key(name, code, country_text, side, match)
        if key in self.plan.places:
            return self.plan.places[key]
        place = _planned(key, name, side, code, country_text, match)
        self.plan.places[key] = place
        return place

    def as_text(self, side: Side) -> PlannedPlace:
        """The side as an unresolved place keyed by its text, for doubtful matches."""
        name, country_text = _split_country(side)
        country = resolve_country(country_text)
        code = country.code if country else None
        key = place_key(name, code or country_text)
        if key not in self.plan.places:
            self.plan.places[key] = _planned(key, name, side, code, country_text, UNRESOLVED)
        return self.plan.places[key]

    @staticmethod
    def _key(name: str, code: str | None, text: str, side: Side, match: PlaceMatch) -> str:
        if match.entry is not None:
            return geonames_key(match.entry.geonames_id)
        if side.wikidata and not code:
            return f"wikidata:{side.wikidata}"
        return place_key(name, code or text)


def _split_country(side: Side) -> tuple[str, str]:
    """``Varna, Bulgaria`` with no country: the country is in the name."""
    if side.country.strip() or side.wikidata:
        return side.name, side.country.strip()
    head, sep, tail = side.name.rpartition(",")
    if sep and head.strip() and resolve_country(tail) is not None:
        return head.strip(), tail.strip()
    territory = resolve_country(side.name)  # "Falkland Islands", not a near miss
    if territory is not None and territory.method is not CountryMethod.FUZZY:
        return side.name, side.name
    return side.name, ""


def _planned(
    key: str, name: str, side: Side, code: str | None, text: str, match: PlaceMatch
) -> PlannedPlace:
    entry = match.entry
    kind = kind_of(name) or taxonomy.PlaceKind.CITY
    if entry is not None and entry.feature in _ADMIN_KINDS:
        kind = _ADMIN_KINDS[entry.feature]
    elif entry is not None and entry.feature != "P":
        kind = taxonomy.PlaceKind.COUNTY
    return PlannedPlace(
        key=key,
        name=entry.name if entry else name,
        original_name=side.name,
        kind=kind.value,
        country_code=code,
        country_text=text or None,
        match=match,
        latitude=side.lat,
        longitude=side.lng,
        wikidata_id=side.wikidata,
    )


def plan_import(
    rows: Iterable[PairRow | Rejection],
    gazetteer: Gazetteer,
    *,
    kind: str = taxonomy.RelationshipKind.SISTER_CITY,
    progress: Progress | None = None,
) -> Plan:
    """Resolve and deduplicate rows in memory; nothing is written."""
    check_choice(kind, taxonomy.RelationshipKind, "kind")
    plan = Plan(kind=kind)
    rows = list(rows)
    resolver = _Resolver(gazetteer, plan)
    resolver.prefetch(row for row in rows if isinstance(row, PairRow))
    for done, row in enumerate(rows, start=1):
        plan.report.rows += 1
        if isinstance(row, Rejection):
            plan.report.reject(row.line, row.reason)
        else:
            _plan_row(plan, resolver, row)
        if progress is not None and (done % 500 == 0 or done == len(rows)):
            progress("resolving", done, len(rows))
    return plan


def _plan_row(plan: Plan, resolver: _Resolver, row: PairRow) -> None:
    a = resolver(row.a, "side 1")
    b = resolver(row.b, "side 2")
    for found in (a, b):
        if isinstance(found, str):
            plan.report.reject(row.line, found)
            return
    assert isinstance(a, PlannedPlace) and isinstance(b, PlannedPlace)
    if a.key == b.key and fold(row.a.name) != fold(row.b.name):
        # "Lagoa, Algarve" and "Lagoa, Azores": two texts, one guess; keep the texts
        a, b = resolver.as_text(row.a), resolver.as_text(row.b)
    if a.key == b.key:
        plan.report.reject(row.line, f"both sides are the same place: {a.name} ({a.country_code})")
        return
    pair = (a.key, b.key) if a.key < b.key else (b.key, a.key)
    known = plan.relationships.get(pair)
    if known is None:
        plan.relationships[pair] = PlannedRelationship(
            a.key, b.key, [row.line], row.start, row.end, row.statement
        )
        return
    plan.report.merged += 1
    if known.a == b.key:
        plan.report.merged_reciprocal += 1
    known.lines.append(row.line)
    known.start = known.start or row.start
    known.end = known.end or row.end
    known.statement = known.statement or row.statement


def _finish(report: ImportReport, plan: Plan) -> None:
    for place in plan.places.values():
        report.methods[place.match.method.value] += 1
    report.resolved = sum(1 for p in plan.places.values() if p.match.resolved)
    report.unresolved = len(plan.places) - report.resolved


def import_rows(
    registry: Registry,
    rows: Iterable[PairRow | Rejection],
    *,
    kind: str = taxonomy.RelationshipKind.SISTER_CITY,
    source: str | None = None,
    gazetteer: Gazetteer | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Plan ``rows`` and store them in one transaction; return the report."""
    own = gazetteer is None
    gazetteer = gazetteer or Gazetteer.open()
    try:
        plan = plan_import(rows, gazetteer, kind=kind, progress=progress)
    finally:
        if own:
            gazetteer.close()
    _finish(plan.report, plan)
    with registry.session() as session:
        store_plan(session, plan, source=source, progress=progress)
    return plan.report


#: Each file format: how its text becomes rows, and the citation credited by default.
READERS: dict[str, tuple[Callable[..., Iterable[PairRow | Rejection]], str]] = {
    "pairs": (read_pairs, "file {name}"),
    "wikidata": (read_wikidata, "Wikidata P190 export {name}"),
}


def import_file(
    registry: Registry,
    path: Path | str,
    *,
    format: str = "pairs",
    columns: ColumnMap | WikidataColumns | None = None,
    encoding: str | None = None,
    kind: str = taxonomy.RelationshipKind.SISTER_CITY,
    source: str | None = None,
    gazetteer: Gazetteer | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a file of pairs: ``pairs`` or ``wikidata`` (see :data:`READERS`).

    Parameters
    ----------
    columns:
        Header names to read instead of the defaults (a :class:`ColumnMap` for
        pairs, :class:`WikidataColumns` for Wikidata).
    encoding:
        ``None`` for UTF-8 with or without BOM; ``latin-1`` on request.
    kind:
        The relationship kind of every row (``sister_city`` by default).
    source:
        The citation credited for every relationship (default: the file name).
    """
    reader, default_source = READERS[format]
    rows = list(reader(read_text(path, encoding), columns))
    source = source or default_source.format(name=os.path.basename(path))
    return import_rows(
        registry, rows, kind=kind, source=source, gazetteer=gazetteer, progress=progress
    )


def import_pairs(registry: Registry, path: Path | str, **options: Any) -> ImportReport:
    """Import a pairs CSV (``city1,country1,city2,country2`` [``lat1,lng1,...``])."""
    return import_file(registry, path, format="pairs", **options)


def import_wikidata(registry: Registry, path: Path | str, **options: Any) -> ImportReport:
    """Import a Wikidata P190 export (SPARQL JSON results or CSV), keeping QIDs."""
    return import_file(registry, path, format="wikidata", **options)
