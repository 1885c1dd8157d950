"""Planning an import: rows resolved and folded into a :class:`~.plan.Plan`, in memory.

:func:`plan_import` resolves countries and places (once per distinct
question, a gazetteer round trip per chunk of rows) and folds rows into
distinct places and relationships; nothing is written. :mod:`.storing`
writes the plan; :mod:`.importers` runs the two in turn.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sistercities import taxonomy
from sistercities.interchange.plan import (
    ImportReport,
    Plan,
    PlannedPlace,
    PlannedRelationship,
    Progress,
)
from sistercities.interchange.readers import PairRow, Rejection, Side
from sistercities.places.countries import CountryMethod, resolve_country
from sistercities.places.gazetteer import UNRESOLVED, Gazetteer, PlaceMatch
from sistercities.places.names import fold, kind_of, variants
from sistercities.registry.records import check_choice, geonames_key, place_key

_ADMIN_KINDS = {"ADM1": taxonomy.PlaceKind.STATE, "ADM2": taxonomy.PlaceKind.COUNTY}


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


def finish_plan(report: ImportReport, plan: Plan) -> None:
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
