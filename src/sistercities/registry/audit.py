"""The audit trail: every change flushed through a registry session is attributed.

A session opened by :meth:`Registry.session` records, after each flush, one
:class:`~sistercities.registry.models.AuditEntry` per created, updated or
deleted row: the user, the time, the column values before and after. Bulk
imports that bypass the ORM write one summary entry themselves
(:func:`record`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import event, insert, inspect, literal_column, select
from sqlalchemy.orm import Session

from sistercities.registry.models import AuditEntry, Base, RegistryVersion

_WATCHED = "sistercities_audit"


#: The registry's version: a number the database moves on as each transaction that
#: wrote audit entries commits (every write writes some, imports included), in
#: commit order, on both backends (migration ``0012_registry_version``). Pages
#: and answers built at the same version are the same; the web's kept answers,
#: the page cache and the portal's ETag all key on it. One primary-key read.
#: (The newest entry's id is not one: on PostgreSQL ids are drawn as entries
#: are written, and a transaction holding an older id may commit later.)
#: (The ``1`` is written into the SQL, not bound: the statement is prepared once.)
VERSION = select(RegistryVersion.n.label("version")).where(
    RegistryVersion.id == literal_column("1")
)


def watch(session: Session) -> None:
    """Start recording the changes of ``session`` (idempotent)."""
    if session.info.get(_WATCHED):
        return
    session.info[_WATCHED] = True
    event.listen(session, "after_flush", _after_flush)


def record(
    session: Session,
    *,
    action: str,
    entity: str,
    entity_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str | None = None,
) -> None:
    """Write one audit entry by hand (for bulk work that bypasses the ORM)."""
    session.execute(
        insert(AuditEntry),
        [
            {
                "user": session.info.get("user", "unknown"),
                "action": action,
                "entity": entity,
                "entity_id": entity_id,
                "before": before,
                "after": after,
                "note": note,
                "at": dt.datetime.now(dt.UTC),
            }
        ],
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


PRIVATE = "(not recorded)"


def _private(obj: Base) -> frozenset[str]:
    """Columns a table marks as never to be copied into the trail (password hashes)."""
    return getattr(type(obj), "__audit_private__", frozenset())


def _watched(obj: object) -> bool:
    """Every registry row but the trail itself and bookkeeping rows (web sessions)."""
    return (
        isinstance(obj, Base)
        and not isinstance(obj, AuditEntry)
        and not getattr(type(obj), "__audit_skip__", False)
    )


def snapshot(obj: Base) -> dict[str, Any]:
    """The column values of a mapped object, JSON-ready (private columns masked)."""
    mapper = inspect(obj).mapper
    private = _private(obj)
    return {
        attr.key: PRIVATE if attr.key in private else _jsonable(getattr(obj, attr.key))
        for attr in mapper.column_attrs
    }


def _changes(obj: Base) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    private = _private(obj)
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if history.has_changes() and attr.key in private:
            before[attr.key] = after[attr.key] = PRIVATE
        elif history.has_changes():
            before[attr.key] = _jsonable(history.deleted[0]) if history.deleted else None
            after[attr.key] = _jsonable(history.added[0]) if history.added else None
    return before, after


def _entity_id(obj: Base) -> int | None:
    """The integer primary key of a row (``None`` for a country, keyed by its code).

    Read from the columns, not from the identity key: in ``after_flush`` a
    row just inserted has its id but no identity key yet, and its "create"
    entry must still say which row it was.
    """
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    return key[0] if len(key) == 1 and isinstance(key[0], int) else None


def _entry(session: Session, action: str, obj: Base, before: Any, after: Any) -> dict[str, Any]:
    return {
        "user": session.info.get("user", "unknown"),
        "action": action,
        "entity": obj.__tablename__,
        "entity_id": _entity_id(obj),
        "before": before,
        "after": after,
        "note": None,
        "at": dt.datetime.now(dt.UTC),
    }


def _after_flush(session: Session, _context: Any) -> None:
    rows: list[dict[str, Any]] = []
    for obj in session.new:
        if _watched(obj):
            rows.append(_entry(session, "create", obj, None, snapshot(obj)))
    for obj in session.dirty:
        if _watched(obj):
            before, after = _changes(obj)
            if after:
                rows.append(_entry(session, "update", obj, before, after))
    for obj in session.deleted:
        if _watched(obj):
            rows.append(_entry(session, "delete", obj, snapshot(obj), None))
    if rows:
        session.connection().execute(insert(AuditEntry), rows)
