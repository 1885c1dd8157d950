"""Reading the registry: lists with filters, search, statistics, the overview.

Every function takes a session and returns plain data (dicts and lists ready
for JSON and for tables); the CLI and the web print what they get.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from sistercities.dates import format_partial, parse_partial
from sistercities.errors import InputError, NotFoundError
from sistercities.messages import Message, Number
from sistercities.places.countries import resolve_country
from sistercities.places.names import fold
from sistercities.registry import checks
from sistercities.registry.models import (
    Activity,
    Actor,
    Administration,
    Citation,
    CrisisEvent,
    Place,
    Relationship,
)
from sistercities.registry.serialisers import place_summary, relationship_summary


def country_code(text: str, *, field: str = "country") -> str:
    """An ISO 3166-1 alpha-2 code from a code or a country name.

    ``field`` is the name an error gives (``country_a`` when there are two).

    >>> country_code("ecuador")
    'EC'
    """
    match = resolve_country(text)
    if match is None:
        raise InputError(Message("unknown country %(text)r", text=text), field=field)
    return match.code




@dataclass
class RelationshipFilter:
    """Filters of ``relationships list``; every field is optional."""

    country: str | None = None
    place: str | None = None
    status: str | None = None
    kind: str | None = None
    since: str | None = None
    limit: int | None = None
    offset: int | None = None


def _filtered(query: Select[Any], filters: RelationshipFilter) -> Select[Any]:
    if filters.country:
        code = country_code(filters.country)
        in_country = select(Place.id).where(Place.country_code == code)  # ix_places_country_code
        query = query.where(
            or_(Relationship.place_a_id.in_(in_country), Relationship.place_b_id.in_(in_country))
        )
    if filters.place:
        text = place_text(filters.place)
        # autoescape: % and _ in a name are characters, not LIKE wildcards
        named = select(Place.id).where(Place.name.icontains(text, autoescape=True))
        query = query.where(
            or_(Relationship.place_a_id.in_(named), Relationship.place_b_id.in_(named))
        )
    if filters.status:
        query = query.where(Relationship.status == filters.status)
    if filters.kind:
        query = query.where(Relationship.kind == filters.kind)
    if filters.since:
        since = parse_partial(filters.since, field="since")
        if since is None:
            raise InputError(Message("give a date: YYYY, YYYY-MM or YYYY-MM-DD"), field="since")
        query = query.where(Relationship.start_date >= since.date)
    return query


#: The most rows a list returns at once (more than any registry holds; within every
#: backend's integer).
MAX_LIMIT = 1_000_000
#: The longest place text accepted in a filter or a lookup (a name is at most 500).
MAX_PLACE_TEXT = 600
#: The largest id a registry gives (ids are 32-bit integers on PostgreSQL).
MAX_ID = 2**31 - 1


def check_limit(limit: int | None) -> int | None:
    """A row limit between 1 and :data:`MAX_LIMIT` (``None``: no limit)."""
    if limit is not None and not 1 <= limit <= MAX_LIMIT:
        raise InputError(
            Message("must be between 1 and %(limit)s", limit=Number(MAX_LIMIT, ",")), field="limit"
        )
    return limit


def place_text(text: str) -> str:
    """A place name or ``name, country`` as typed, trimmed, of reasonable length."""
    value = text.strip()
    if len(value) > MAX_PLACE_TEXT:
        raise InputError(
            Message(
                "is %(n)s characters long (at most %(limit)s)",
                n=Number(len(value), ","),
                limit=MAX_PLACE_TEXT,
            ),
            field="place",
        )
    return value


def _an_id(digits: str) -> bool:
    """Whether a string of digits can be an id (beyond 32 bits no row has it)."""
    return len(digits) <= 10 and int(digits) <= MAX_ID


def _like_literal(text: str) -> str:
    """``text`` for ``ILIKE ... ESCAPE '\\'``: its ``%`` and ``_`` are characters."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_relationships(session: Session, filters: RelationshipFilter) -> list[dict[str, Any]]:
    """Relationships matching the filters, in the order they were recorded (by id)."""
    query = _filtered(select(Relationship), filters).order_by(Relationship.id)
    if check_limit(filters.limit):
        query = query.limit(filters.limit)
    if filters.offset:
        query = query.offset(filters.offset)
    query = query.options(selectinload(Relationship.place_a), selectinload(Relationship.place_b))
    return [relationship_summary(rel) for rel in session.scalars(query)]


def count_relationships(session: Session, filters: RelationshipFilter) -> int:
    """How many relationships match the filters (``limit`` and ``offset`` aside)."""
    query = _filtered(select(func.count(Relationship.id)), filters)
    return int(session.scalar(query) or 0)


def search_places(session: Session, name: str, limit: int = 50) -> list[dict[str, Any]]:
    """Places whose name contains ``name`` (accents and case ignored), exact matches first.

    The folding is done here, not in SQL: a place keyed by its GeoNames id
    (``geonames:<id>``) keeps its accents only in ``name``, which neither
    SQLite's nor PostgreSQL's ``LIKE`` folds, so "sao paulo" must still find
    "São Paulo". Only the few columns needed to rank are scanned; the hits
    kept are then loaded whole.
    """
    wanted = fold(place_text(name))
    if not wanted:
        raise InputError(Message("must not be empty"), field="name")
    check_limit(limit)
    rows = session.execute(
        select(Place.id, Place.name, Place.original_name, Place.population)
    ).all()
    hits = [
        (fold(row.name) != wanted, -(row.population or 0), row.name, row.id)
        for row in rows
        if wanted in fold(row.name) or wanted in fold(row.original_name)
    ]
    ids = [hit[-1] for hit in sorted(hits)[:limit]]
    places = {p.id: p for p in session.scalars(select(Place).where(Place.id.in_(ids)))}
    return [place_summary(places[i]) for i in ids]


def places_named(session: Session, text: str) -> list[Place]:
    """Every place an id, or a name with an optional ``, COUNTRY``, can mean."""
    value = place_text(text)
    if value.isdigit():
        place = session.get(Place, int(value)) if _an_id(value) else None
        return [place] if place is not None else []
    name, _, country = value.partition(",")
    code = country_code(country) if country.strip() else None
    literal = _like_literal(name.strip())
    matches = [
        p
        for p in session.scalars(select(Place).where(Place.name.ilike(literal, escape="\\")))
        if code is None or p.country_code == code
    ]
    if not matches:
        folded = fold(name)
        matches = [
            p
            for p in session.scalars(select(Place))
            if fold(p.name) == folded and (code is None or p.country_code == code)
        ]
    return matches


def find_place(session: Session, text: str) -> Place:
    """One place from an id, or a name with an optional ``, COUNTRY``.

    Refuses an ambiguous name, listing the candidates.
    """
    value = place_text(text)
    matches = places_named(session, value)
    if not matches:
        if value.isdigit():
            raise NotFoundError(checks.no_place(value))
        raise NotFoundError(Message("no place named %(name)r", name=value))
    if len(matches) > 1:
        options = "; ".join(f"{p.id}: {p.label()}" for p in matches[:10])
        raise InputError(
            Message(
                "%(value)r is ambiguous, use an id or 'name, country': %(options)s",
                value=value,
                options=options,
            ),
            field="place",
        )
    return matches[0]


def relationship_named(session: Session, text: str | int) -> Relationship:
    """One relationship from its id or its two places, ``"Cuenca/Peekskill"``.

    Each side is an id or a name with an optional ``, COUNTRY``
    (``"Cuenca, EC/Peekskill"``); a name holding a slash (``Biel/Bienne``) is
    tried at every slash. When the text can mean more than one relationship
    (homonyms, or two kinds between the same places), the error lists those
    it found, with their ids.
    """
    value = str(text).strip()
    if len(value) > 2 * MAX_PLACE_TEXT + 1:
        raise InputError(
            Message(
                "is %(n)s characters long (at most %(limit)s)",
                n=Number(len(value), ","),
                limit=2 * MAX_PLACE_TEXT + 1,
            ),
            field="relationship",
        )
    if value.isdigit():
        rel = session.get(Relationship, int(value)) if _an_id(value) else None
        if rel is None:
            raise NotFoundError(checks.no_relationship(value))
        return rel
    if "/" not in value:
        raise InputError(
            Message(
                "%(value)r: name a relationship by its id or its two places, 'A/B'", value=value
            ),
            field="relationship",
        )
    found: dict[int, Relationship] = {}
    unknown: list[str] = []
    for at in (i for i, ch in enumerate(value) if ch == "/"):
        left, right = value[:at].strip(), value[at + 1 :].strip()
        sides = [places_named(session, left), places_named(session, right)]
        if not all(sides):
            unknown += [text for text, side in zip((left, right), sides, strict=True) if not side]
            continue
        for rel in _between(session, *sides):
            found[rel.id] = rel
    if not found:
        names = [u for u in dict.fromkeys(unknown) if u]
        if names and value.count("/") == 1:
            raise NotFoundError(_no_place_named(names))
        raise NotFoundError(
            Message("no relationship between the places of %(value)r", value=value)
        )
    if len(found) > 1:
        options = "; ".join(f"{r.id}: {r.label()} ({r.kind})" for r in found.values())
        raise InputError(
            Message(
                "%(value)r is ambiguous, it names %(n)s relationships: %(options)s",
                value=value,
                n=len(found),
                options=options,
            ),
            field="relationship",
        )
    return next(iter(found.values()))


def _no_place_named(names: list[str]) -> Message:
    """The refusal of one or two place names that match nothing."""
    if len(names) == 1:
        return Message("no place named %(name)r", name=names[0])
    return Message("no place named %(a)r or %(b)r", a=names[0], b=names[1])


def _between(session: Session, sides_a: list[Place], sides_b: list[Place]) -> list[Relationship]:
    """The relationships joining any place of ``sides_a`` to any of ``sides_b``."""
    ids_a, ids_b = [p.id for p in sides_a], [p.id for p in sides_b]
    if not ids_a or not ids_b:
        return []
    query = select(Relationship).where(
        or_(
            Relationship.place_a_id.in_(ids_a) & Relationship.place_b_id.in_(ids_b),
            Relationship.place_a_id.in_(ids_b) & Relationship.place_b_id.in_(ids_a),
        )
    )
    return list(session.scalars(query.order_by(Relationship.id)))


def stats(session: Session) -> dict[str, Any]:
    """Counts of every kind of record, and how places were resolved."""

    def count(model: Any) -> int:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)

    resolution = dict(
        session.execute(select(Place.resolution, func.count()).group_by(Place.resolution)).all()
    )
    return {
        "places": count(Place),
        "relationships": count(Relationship),
        "actors": count(Actor),
        "administrations": count(Administration),
        "activities": count(Activity),
        "planned_activities": int(
            session.scalar(select(func.count()).where(Activity.planned.is_(True))) or 0
        ),
        "crisis_events": count(CrisisEvent),
        "countries": int(
            session.scalar(select(func.count(func.distinct(Place.country_code)))) or 0
        ),
        "places_by_resolution": {k: int(v) for k, v in sorted(resolution.items())},
    }


def overview(session: Session, top: int = 10) -> dict[str, Any]:
    """The registry at a glance: counts by status, kind and country, and the top of the list.

    "Top" is the relationships with the most carried-out activities, then the
    most recent start: the ones an office is most likely to be asked about. A
    planned activity is a commitment, not activity: it is counted apart
    (``commitments``) and does not rank a relationship.
    """
    rels = list(session.scalars(select(Relationship).order_by(Relationship.id)))
    by_country: Counter[str] = Counter()
    for rel in rels:
        for code in {rel.place_a.country_code, rel.place_b.country_code}:
            by_country[code or "unresolved"] += 1
    activity_counts, commitment_counts = (
        dict(
            session.execute(
                select(Activity.relationship_id, func.count())
                .where(Activity.planned.is_(planned))
                .group_by(Activity.relationship_id)
            ).all()
        )
        for planned in (False, True)
    )
    ranked = sorted(
        rels,
        key=lambda r: (
            -activity_counts.get(r.id, 0),
            -(r.start_date or dt.date.min).toordinal(),
            r.id,
        ),
    )
    return {
        "totals": stats(session),
        "by_status": dict(Counter(r.status for r in rels).most_common()),
        "by_kind": dict(Counter(r.kind for r in rels).most_common()),
        "by_country": dict(by_country.most_common(15)),
        "top": [
            {
                **relationship_summary(r),
                "activities": activity_counts.get(r.id, 0),
                "commitments": commitment_counts.get(r.id, 0),
            }
            for r in ranked[:top]
        ],
    }


def _citations(session: Session, entity: str, entity_id: int) -> list[str]:
    rows = session.scalars(
        select(Citation)
        .where(Citation.entity == entity, Citation.entity_id == entity_id)
        .order_by(Citation.id)
    )
    return [f"{c.source.citation} — {c.locator}" if c.locator else c.source.citation for c in rows]


def relationship_detail(session: Session, relationship_id: int) -> dict[str, Any]:
    """One relationship with its history, actors, activities and sources."""
    # the memory package loads its writers and the accounts table: not every query needs them
    from sistercities.registry.memory.status import status_history

    rel = session.get(Relationship, relationship_id)
    if rel is None:
        raise NotFoundError(checks.no_relationship(relationship_id))
    return {
        **relationship_summary(rel),
        "initiated_by_note": rel.initiated_by_note,
        "notes": rel.notes,
        "version": rel.version,
        "status_history": status_history(rel),
        "actors": [
            {
                "actor_id": link.actor.id,
                "name": link.actor.name,
                "tier": link.actor.tier,
                "role": link.actor.role,
                "part": link.role,
                "side": link.side_place_id,
            }
            for link in rel.actor_links
        ],
        "activities": [
            {
                "id": act.id,
                "title": act.title,
                "date": format_partial(act.date, act.date_precision),
                "layer": act.layer,
                "area": act.area,
                "flows": len(act.flows),
                "planned": act.planned,
            }
            for act in sorted(rel.activities, key=lambda a: (a.date or dt.date.min, a.id))
        ],
        "sources": _citations(session, "relationships", rel.id),
    }


def place_detail(session: Session, place: Place) -> dict[str, Any]:
    """One place with its relationships and sources."""
    rels = session.scalars(
        select(Relationship)
        .where(or_(Relationship.place_a_id == place.id, Relationship.place_b_id == place.id))
        .order_by(Relationship.id)
    )
    return {
        **place_summary(place),
        "relationships": [relationship_summary(r) for r in rels],
        "sources": _citations(session, "places", place.id),
    }
