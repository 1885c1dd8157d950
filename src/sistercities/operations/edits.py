"""What the office's forms do: add and edit relationships, record activities, change status.

Each function validates everything before it stores anything (the library's
writers raise :class:`~sistercities.errors.InputError` naming the field), runs
in one transaction, and is attributed to ``registry.user`` in the audit
trail. An edit carries the version the writer read: if someone else saved
first, :class:`~sistercities.errors.ConflictError` is raised and nothing is
stored, so the form can show both and lose nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sistercities import taxonomy
from sistercities.errors import ConflictError, InputError
from sistercities.registry import checks, memory, queries, records
from sistercities.registry.activities import activity_summary
from sistercities.registry.actors import actor_summary, administration_summary
from sistercities.registry.models import Relationship
from sistercities.registry.store import Registry

EDITABLE = ("kind", "start", "end", "initiated_by", "initiated_by_note", "notes")


def _place(session: Any, text: str, country: str | None, field: str) -> Any:
    if not text or not text.strip():
        raise InputError("give a place", field=field)
    if country:
        code = queries.country_code(country, field=f"country_{field[-1]}")
        return records.get_or_add_place(session, records.PlaceInput(name=text, country=code))
    return queries.find_place(session, text)


def add_relationship(
    registry: Registry,
    *,
    place_a: str,
    place_b: str,
    country_a: str | None = None,
    country_b: str | None = None,
    kind: str = "sister_city",
    status: str = "active",
    start: str | None = None,
    initiated_by: str | None = None,
    notes: str | None = None,
) -> dict[str, Any]:
    """Add a relationship between two places, adding a place typed with its country."""
    with registry.session() as session:
        a = _place(session, place_a, country_a, "place_a")
        b = _place(session, place_b, country_b, "place_b")
        rel = records.add_relationship(
            session,
            a,
            b,
            kind=kind,
            status=status,
            start=start or None,
            initiated_by=initiated_by or None,
            notes=notes or None,
        )
        return queries.relationship_summary(rel)


def edit_relationship(
    registry: Registry, *, relationship_id: int, expected_version: int, **fields: Any
) -> dict[str, Any]:
    """Change the descriptive fields of a relationship (status has its own history).

    ``fields`` are among :data:`EDITABLE`; an empty text clears the field.
    """
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise InputError(f"not an editable field: {', '.join(sorted(unknown))}", field="field")
    with registry.session() as session:
        rel = checks.relationship(session, relationship_id)
        if rel.version != expected_version:
            raise ConflictError(
                f"relationship {rel.id} was saved by someone else (version {rel.version}, "
                f"you read {expected_version})"
            )
        _apply(rel, fields)
        session.flush()
        return {**queries.relationship_summary(rel), "version": rel.version}


def _apply(rel: Relationship, fields: dict[str, Any]) -> None:
    if "kind" in fields:
        rel.kind = str(records.check_choice(fields["kind"], taxonomy.RelationshipKind, "kind"))
    start = checks.partial(fields["start"] or None, "start") if "start" in fields else None
    end = checks.partial(fields["end"] or None, "end") if "end" in fields else None
    if "start" in fields:
        rel.start_date, rel.start_precision = (
            (start.date, start.precision) if start else (None, None)
        )
    if "end" in fields:
        rel.end_date, rel.end_precision = (end.date, end.precision) if end else (None, None)
    if "initiated_by" in fields:
        value = fields["initiated_by"] or None
        if value not in (None, "a", "b", "both"):
            raise InputError("one of a, b, both", field="initiated_by")
        rel.initiated_by = value
    for name in ("initiated_by_note", "notes"):
        if name in fields:
            text = fields[name]
            if text and len(text) > 20_000:
                raise InputError("at most 20,000 characters", field=name)
            setattr(rel, name, text or None)


def add_activity(
    registry: Registry,
    *,
    relationship_id: int,
    title: str,
    date: str | None = None,
    layer: str | None = None,
    area: str | None = None,
    planned: bool = False,
    participants: int | None = None,
    volunteers: int | None = None,
    description: str | None = None,
    flows: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Record an activity (or, ``planned``, an open commitment) with its flows.

    A flow is ``{"from_place", "to_place", "kind", "amount", "unit"}``, the
    places given as ids or names of the relationship's two sides.
    """
    data = memory.ActivityInput(
        relationship_id=relationship_id,
        title=title,
        date=date or None,
        layer=layer or None,
        area=area or None,
        planned=planned,
        participants=participants,
        volunteers=volunteers,
        description=description or None,
        flows=[memory.FlowInput(**flow) for flow in flows or []],
    )
    with registry.session() as session:
        return activity_summary(memory.add_activity(session, data))


def set_status(
    registry: Registry,
    *,
    relationship_id: int,
    status: str,
    date: str,
    reason: str,
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """Change a relationship's status; out-of-order and stale changes are refused."""
    data = memory.StatusInput(
        relationship_id=relationship_id,
        status=status,
        date=date,
        reason=reason,
        expected_version=expected_version,
    )
    with registry.session() as session:
        change = memory.set_status(session, data, today=today)
        return queries.relationship_detail(session, change.relationship_id)


def add_actor(
    registry: Registry,
    *,
    name: str,
    role: str,
    kind: str = "organisation",
    place: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    notes: str | None = None,
) -> dict[str, Any]:
    """Add a person or an organisation; its tier follows from its role."""
    contact = {k: v for k, v in (("email", email), ("phone", phone)) if v}
    with registry.session() as session:
        place_id = queries.find_place(session, place).id if place else None
        data = memory.ActorInput(
            name=name,
            role=role,
            kind=kind,
            place_id=place_id,
            contact=contact,
            notes=notes or None,
        )
        return actor_summary(memory.add_actor(session, data))


def add_administration(
    registry: Registry,
    *,
    place: str,
    office: str,
    holder: str,
    start: str | None = None,
    end: str | None = None,
) -> dict[str, Any]:
    """Record who held an office of a place, and when."""
    with registry.session() as session:
        place_id = queries.find_place(session, place).id
        data = memory.AdministrationInput(
            place_id=place_id, office=office, holder=holder, start=start or None, end=end or None
        )
        return administration_summary(memory.add_administration(session, data))
