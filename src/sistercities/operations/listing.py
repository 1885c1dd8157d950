"""Lists the API pages through: actors, administrations, activities, status changes.

Each returns ``{"total", "limit", "offset", "items"}`` in a stable order (by id),
so a script can walk every page and see each record once.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from sistercities.dates import format_partial
from sistercities.registry import checks, queries
from sistercities.registry.models import Activity, Actor, Administration, StatusChange
from sistercities.registry.serialisers import (
    activity_summary,
    actor_summary,
    administration_summary,
)
from sistercities.registry.store import Registry


def _page(session: Session, query: Select[Any], limit: int, offset: int) -> tuple[int, list[Any]]:
    total = int(session.scalar(select(func.count()).select_from(query.subquery())) or 0)
    rows = list(session.scalars(query.limit(limit).offset(offset)))
    return total, rows


def list_actors(
    registry: Registry, *, limit: int = 50, offset: int = 0, with_contacts: bool = False
) -> dict[str, Any]:
    """Every actor, by id; contact details only when the caller may see them."""
    with registry.session() as session:
        total, rows = _page(session, select(Actor).order_by(Actor.id), limit, offset)
        items = [actor_summary(a, with_contact=with_contacts) for a in rows]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def list_administrations(
    registry: Registry, *, place: str | None = None, limit: int = 50, offset: int = 0
) -> dict[str, Any]:
    """Administrations (of one place, or all), by id."""
    with registry.session() as session:
        query = select(Administration).order_by(Administration.id)
        if place:
            query = query.where(Administration.place_id == queries.find_place(session, place).id)
        total, rows = _page(session, query, limit, offset)
        items = [administration_summary(a) for a in rows]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def list_activities(
    registry: Registry,
    *,
    relationship_id: int | None = None,
    planned: bool | None = None,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """Activities (of one relationship, or all; planned or carried out), by id."""
    with registry.session() as session:
        query = select(Activity).order_by(Activity.id)
        if relationship_id is not None:
            checks.relationship(session, relationship_id)
            query = query.where(Activity.relationship_id == relationship_id)
        if planned is not None:
            query = query.where(Activity.planned.is_(planned))
        total, rows = _page(session, query, limit, offset)
        items = [activity_summary(a) for a in rows]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def list_status_changes(
    registry: Registry, *, relationship_id: int, limit: int = 50, offset: int = 0
) -> dict[str, Any]:
    """The status history of a relationship, oldest first."""
    with registry.session() as session:
        checks.relationship(session, relationship_id)
        query = (
            select(StatusChange)
            .where(StatusChange.relationship_id == relationship_id)
            .order_by(StatusChange.id)
        )
        total, rows = _page(session, query, limit, offset)
        items = [
            {
                "id": c.id,
                "relationship_id": c.relationship_id,
                "from": c.from_status,
                "to": c.to_status,
                "date": format_partial(c.date, c.date_precision),
                "reason": c.reason,
                "recorded_by": c.recorded_by,
            }
            for c in rows
        ]
    return {"total": total, "limit": limit, "offset": offset, "items": items}
