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
from collections.abc import Callable, Iterable, Iterator
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
    open_text,
    read_pairs,
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
    #: Places left unresolved between homonyms nothing told apart, with the candidates.
    review: list[dict[str, Any]] = field(default_factory=list)
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
            "review": self.review,
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


@dataclass(slots=True)
class PlannedRelationship:
    """A distinct relationship of the file and the lines that name it.

    Slotted and with the first line apart from any others: a 200,000-row file
    holds 200,000 of these at once.
    """

    a: str
    b: str
    line: int
    start: PartialDate | None = None
    end: PartialDate | None = None
    statement: str | None = None
    more_lines: list[int] | None = None

    @property
    def lines(self) -> list[int]:
        """Every line of the file that names this relationship, first one first."""
        return [self.line, *(self.more_lines or ())]

    def add_line(self, line: int) -> None:
        if self.more_lines is None:
            self.more_lines = []
        self.more_lines.append(line)


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
        """Ask the gazetteer about every new distinct name at once (see ``prefetch``)."""
        questions: set[tuple[str, str]] = set()
        sides = {side for row in rows for side in (row.a, row.b)}
        for side in sides - self.cache.keys():
            name, country_text = _split_country(side)
            country = resolve_country(country_text)
            if country is not None:
                questions.update((v.key, country.code) for v in variants(name))
        self.gazetteer.prefetch(questions)

    def __call__(self, side: Side, label: str) -> PlannedPlace | str:
        """The place of a side, or the reason it cannot be one."""
        found = self.cache.get(side)
        if found is None:
            found = self.cache[side] = self._place(side, label)
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
        if side.region:  # a region column: "Bayern", "South Carolina"
            region = self.gazetteer.regions.code(side.region, code) or region
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


#: Rows resolved per gazetteer round trip; the rows themselves are not kept.
CHUNK_ROWS = 5000


def plan_import(
    rows: Iterable[PairRow | Rejection],
    gazetteer: Gazetteer,
    *,
    kind: str = taxonomy.RelationshipKind.SISTER_CITY,
    progress: Progress | None = None,
    total: int | None = None,
) -> Plan:
    """Resolve and deduplicate rows in memory; nothing is written.

    Rows are read in chunks of :data:`CHUNK_ROWS` (one batched gazetteer
    lookup each) and not kept: memory grows with the distinct places and
    relationships, not with the file. ``total`` (an estimate is fine) sizes
    the progress bar.
    """
    check_choice(kind, taxonomy.RelationshipKind, "kind")
    plan = Plan(kind=kind)
    resolver = _Resolver(gazetteer, plan)
    done = 0
    for chunk in _chunks(rows, CHUNK_ROWS):
        resolver.prefetch(row for row in chunk if isinstance(row, PairRow))
        for row in chunk:
            plan.report.rows += 1
            if isinstance(row, Rejection):
                plan.report.reject(row.line, row.reason)
            else:
                _plan_row(plan, resolver, row)
        done += len(chunk)
        if progress is not None:
            progress("resolving", done, max(done, total or 0))
    return plan


def _chunks(rows: Iterable[PairRow | Rejection], size: int) -> Iterator[list[PairRow | Rejection]]:
    chunk: list[PairRow | Rejection] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def resolve_sides(
    rows: Iterable[PairRow | Rejection], gazetteer: Gazetteer
) -> dict[Side, PlannedPlace | str]:
    """Each distinct side of ``rows`` and the place it resolves to (or why not)."""
    return plan_import(rows, gazetteer).sides


def _plan_row(plan: Plan, resolver: _Resolver, row: PairRow) -> None:
    a = resolver(row.a, "side 1")
    if isinstance(a, str):
        plan.report.reject(row.line, a)
        return
    b = resolver(row.b, "side 2")
    if isinstance(b, str):
        plan.report.reject(row.line, b)
        return
    key_a, key_b = a.key, b.key
    if key_a == key_b:
        if fold(row.a.name) != fold(row.b.name):
            # "Lagoa, Algarve" and "Lagoa, Azores": two texts, one guess; keep the texts
            a, b = resolver.as_text(row.a), resolver.as_text(row.b)
            key_a, key_b = a.key, b.key
        if key_a == key_b:
            reason = f"both sides are the same place: {a.name} ({a.country_code})"
            plan.report.reject(row.line, reason)
            return
    pair = (key_a, key_b) if key_a < key_b else (key_b, key_a)
    known = plan.relationships.get(pair)
    if known is None:
        plan.relationships[pair] = PlannedRelationship(
            key_a, key_b, row.line, row.start, row.end, row.statement
        )
        return
    plan.report.merged += 1
    if known.a == b.key:
        plan.report.merged_reciprocal += 1
    known.add_line(row.line)
    known.start = known.start or row.start
    known.end = known.end or row.end
    known.statement = known.statement or row.statement


def _finish(report: ImportReport, plan: Plan) -> None:
    """Keep only the places some relationship names, and count them.

    A place met only in rejected rows (the other side had an unknown country,
    or both sides were one place) is not stored: a rejected row adds nothing.
    """
    named = {key for rel in plan.relationships.values() for key in (rel.a, rel.b)}
    plan.places = {key: place for key, place in plan.places.items() if key in named}
    for place in plan.places.values():
        report.methods[place.match.method.value] += 1
        if place.match.candidates:
            report.review.append(_review(place))
    report.resolved = sum(1 for p in plan.places.values() if p.match.resolved)
    report.unresolved = len(plan.places) - report.resolved


def _review(place: PlannedPlace) -> dict[str, Any]:
    """An unresolved homonym as a reviewer needs it: the text and the candidates."""
    return {
        "name": place.original_name,
        "country": place.country_code,
        "reason": "homonyms that neither a region nor the population tells apart",
        "candidates": [
            {"geonames_id": e.geonames_id, "name": e.name, "admin1": e.admin1,
             "population": e.population, "latitude": e.lat, "longitude": e.lng}
            for e in place.match.candidates
        ],
    }  # fmt: skip


def import_rows(
    registry: Registry,
    rows: Iterable[PairRow | Rejection],
    *,
    kind: str = taxonomy.RelationshipKind.SISTER_CITY,
    source: str | None = None,
    gazetteer: Gazetteer | None = None,
    progress: Progress | None = None,
    total: int | None = None,
) -> ImportReport:
    """Plan ``rows`` and store them in one transaction; return the report.

    The registry's writer lock is held only while storing: two imports at
    once resolve side by side, then the later one waits for the first to
    commit and merges with what it stored.
    """
    own = gazetteer is None
    gazetteer = gazetteer or Gazetteer.open()
    try:
        plan = plan_import(rows, gazetteer, kind=kind, progress=progress, total=total)
    finally:
        if own:
            gazetteer.close()
    _finish(plan.report, plan)
    # exclusive: a second import at the same time waits here, then merges with this one
    with registry.session(exclusive=True) as session:
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
    text = open_text(path, encoding)  # refused whole here if it is not text
    # pairs are read line by line; a Wikidata export may be one JSON document
    lines = text.lines() if format == "pairs" else text.data.decode(text.codec)
    rows = reader(lines, columns)
    source = source or default_source.format(name=os.path.basename(path))
    return import_rows(
        registry, rows, kind=kind, source=source, gazetteer=gazetteer, progress=progress,
        total=text.line_count(),
    )  # fmt: skip


def import_pairs(registry: Registry, path: Path | str, **options: Any) -> ImportReport:
    """Import a pairs CSV (``city1,country1,city2,country2`` [``lat1,lng1,...``])."""
    return import_file(registry, path, format="pairs", **options)


def import_wikidata(registry: Registry, path: Path | str, **options: Any) -> ImportReport:
    """Import a Wikidata P190 export (SPARQL JSON results or CSV), keeping QIDs."""
    return import_file(registry, path, format="wikidata", **options)
