"""Relationships and places: list, search, show, add by hand."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from sistercities.operations.common import relationship_id
from sistercities.registry import queries, records, serialisers
from sistercities.registry.models import Place
from sistercities.registry.store import Registry


def list_relationships(
    registry: Registry,
    *,
    country: str | None = None,
    place: str | None = None,
    status: str | None = None,
    kind: str | None = None,
    since: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Relationships, filtered (``country``: code or name; ``place``: part of a name)."""
    filters = queries.RelationshipFilter(
        country=country, place=place, status=status, kind=kind, since=since, limit=limit
    )
    with registry.session() as session:
        return queries.list_relationships(session, filters)


def search_places(registry: Registry, *, name: str, limit: int = 50) -> list[dict[str, Any]]:
    """Places whose name contains ``name`` (accents and case ignored)."""
    with registry.session() as session:
        return queries.search_places(session, name, limit)


def show_relationship(registry: Registry, *, relationship: int | str) -> dict[str, Any]:
    """One relationship with its history, actors, activities and sources."""
    with registry.session() as session:
        return queries.relationship_detail(session, relationship_id(session, relationship))


def show_place(registry: Registry, *, place: int | str) -> dict[str, Any]:
    """One place (an id or ``'name, country'``) with its relationships."""
    with registry.session() as session:
        return queries.place_detail(session, queries.find_place(session, str(place)))


def add_relationship(
    registry: Registry,
    *,
    place_a: str,
    place_b: str,
    country_a: str | None = None,
    country_b: str | None = None,
    kind: str = "sister_city",
    status: str = "unknown",
    start: str | None = None,
    initiated_by: str | None = None,
    notes: str | None = None,
) -> dict[str, Any]:
    """Add a relationship between two places given as text (a new place is added).

    A place with a country is found or added in that country; one without is
    looked up (an id or ``'name, country'``) and must exist. The session is
    exclusive: two people adding relationships at once find or create the
    same places and countries one after the other, not both. Without a
    ``status`` the relationship is ``unknown`` (nothing describes it yet);
    ``status set`` records what a source later says.
    """
    with registry.session(exclusive=True) as session:
        a = _place(session, place_a, country_a, "country_a")
        b = _place(session, place_b, country_b, "country_b")
        rel = records.add_relationship(
            session, a, b, kind=kind, status=status, start=start,
            initiated_by=initiated_by, notes=notes,
        )  # fmt: skip
        return serialisers.relationship_summary(rel)


def _place(session: Session, text: str, country: str | None, field: str) -> Place:
    if country:
        code = queries.country_code(country, field=field)
        return records.get_or_add_place(session, records.PlaceInput(name=text, country=code))
    return queries.find_place(session, text)
