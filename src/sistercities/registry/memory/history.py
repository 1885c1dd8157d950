"""Reading the audit trail: who changed what, when, from what to what.

Why: the registry is the institutional memory that outlives an
administration, so a new team must be able to see who recorded each fact.
Personal data in the trail (actors' contact details) is hidden unless the
reader is an officer and asks for it (:mod:`sistercities.registry.access`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sistercities.registry import access
from sistercities.registry.models import AuditEntry

DEFAULT_LIMIT = 50


def _utc(when: dt.datetime) -> dt.datetime:
    """A stored time as an aware UTC time, whichever backend read it.

    Times are written in UTC; PostgreSQL gives them back aware (in the
    session's time zone), SQLite naive. Without this the same trail would
    print ``...+00:00`` from one and no offset from the other.
    """
    if when.tzinfo is None:
        return when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC)


def history(
    session: Session,
    *,
    entity: str | None = None,
    entity_id: int | None = None,
    limit: int | None = DEFAULT_LIMIT,
    show_personal: bool = False,
) -> list[dict[str, Any]]:
    """The latest audit entries first, optionally for one table (``entity``) and row.

    ``entity`` is a table name (``relationships``, ``status_changes``,
    ``actors``, ``activities``...). ``show_personal`` needs an officer.
    """
    if show_personal:
        access.require_officer(session)
    query = select(AuditEntry).order_by(AuditEntry.id.desc())
    if entity:
        query = query.where(AuditEntry.entity == entity)
    if entity_id is not None:
        query = query.where(AuditEntry.entity_id == entity_id)
    if limit:
        query = query.limit(limit)
    keep = (lambda values: values) if show_personal else access.redact
    return [
        {
            "id": e.id,
            "at": _utc(e.at),
            "user": e.user,
            "action": e.action,
            "entity": e.entity,
            "entity_id": e.entity_id,
            "before": keep(e.before),
            "after": keep(e.after),
            "note": e.note,
        }
        for e in session.scalars(query)
    ]
