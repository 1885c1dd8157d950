"""Editing a relationship's own fields, guarded against lost updates.

The form carries the version the writer read: if someone else saved first,
:class:`~sistercities.errors.ConflictError` is raised and nothing is stored,
so the form can show both versions and lose nothing. Adding records (a
relationship, an activity, a status change, an actor, an administration) is
in :mod:`.relationships` and :mod:`.memory`, shared with the CLI.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sistercities import taxonomy
from sistercities.dates import PartialDate
from sistercities.errors import ConflictError, InputError
from sistercities.messages import Message, Number
from sistercities.registry import checks, queries, records
from sistercities.registry.models import Relationship
from sistercities.registry.store import Registry
from sistercities.taxonomy import DatePrecision

EDITABLE = ("kind", "start", "end", "initiated_by", "initiated_by_note", "notes")


def edit_relationship(
    registry: Registry,
    *,
    relationship_id: int,
    expected_version: int,
    kind: str | None = None,
    start: str | None = None,
    end: str | None = None,
    initiated_by: str | None = None,
    initiated_by_note: str | None = None,
    notes: str | None = None,
) -> dict[str, Any]:
    """Change the descriptive fields of a relationship (status has its own history).

    A field left ``None`` is kept as it is; an empty text clears it.
    """
    given = {
        "kind": kind, "start": start, "end": end, "initiated_by": initiated_by,
        "initiated_by_note": initiated_by_note, "notes": notes,
    }  # fmt: skip
    fields = {name: value for name, value in given.items() if value is not None}
    with registry.session() as session:
        rel = checks.relationship(session, relationship_id)
        if rel.version != expected_version:
            raise ConflictError(
                Message(
                    "relationship %(id)s was saved by someone else "
                    "(version %(version)s, you read %(expected)s)",
                    id=str(rel.id),
                    version=rel.version,
                    expected=expected_version,
                )
            )
        _apply(rel, fields)
        session.flush()
        return {**queries.relationship_summary(rel), "version": rel.version}


def _stored(date: dt.date | None, precision: str | None) -> PartialDate | None:
    """A stored partial date, to check a period against the side the edit leaves as it is."""
    if date is None:
        return None
    return PartialDate(date, DatePrecision(precision or DatePrecision.DAY))


def _apply(rel: Relationship, fields: dict[str, Any]) -> None:
    if fields.get("kind"):
        rel.kind = str(records.check_choice(fields["kind"], taxonomy.RelationshipKind, "kind"))
    start = checks.partial(fields["start"] or None, "start") if "start" in fields else None
    end = checks.partial(fields["end"] or None, "end") if "end" in fields else None
    checks.period(
        start if "start" in fields else _stored(rel.start_date, rel.start_precision),
        end if "end" in fields else _stored(rel.end_date, rel.end_precision),
    )
    if "start" in fields:
        rel.start_date, rel.start_precision = (
            (start.date, start.precision) if start else (None, None)
        )
    if "end" in fields:
        rel.end_date, rel.end_precision = (end.date, end.precision) if end else (None, None)
    if "initiated_by" in fields:
        value = fields["initiated_by"] or None
        if value not in (None, "a", "b", "both"):
            raise InputError(Message("must be a, b or both"), field="initiated_by")
        rel.initiated_by = value
    for name in ("initiated_by_note", "notes"):
        if name in fields:
            text = fields[name]
            if text and len(text) > 20_000:
                raise InputError(
                    Message("at most %(limit)s characters", limit=Number(20_000, ",")), field=name
                )
            setattr(rel, name, text or None)
