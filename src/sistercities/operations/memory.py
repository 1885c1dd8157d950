"""Institutional memory: actors, their parts, administrations, activities, crises,
status changes, commitments, the audit trail and who may see personal data.

Each function checks its input through the registry's writers (which raise
:class:`~sistercities.errors.InputError` naming the field before anything is
stored) and returns the stored record as a dict.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sistercities.operations.common import optional_place
from sistercities.operations.common import relationship_id as relationship_ref
from sistercities.registry import memory, queries
from sistercities.registry.serialisers import (
    activity_summary,
    actor_summary,
    administration_summary,
    crisis_summary,
    link_summary,
)
from sistercities.registry.store import Registry


def add_actor(
    registry: Registry,
    *,
    name: str,
    role: str,
    kind: str = "organisation",
    place: str | None = None,
    country: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    notes: str | None = None,
) -> dict[str, Any]:
    """Add a person or organisation; its tier follows from its role."""
    with registry.session() as session:
        where = optional_place(session, place)
        code = queries.country_code(country) if country else None
        contact = {k: v for k, v in (("email", email), ("phone", phone)) if v}
        data = memory.ActorInput(
            name=name, role=role, kind=kind, place_id=where.id if where else None,
            country=code, contact=contact, notes=notes,
        )  # fmt: skip
        return actor_summary(memory.add_actor(session, data))


def link_actor(
    registry: Registry,
    *,
    relationship_id: int | str,
    actor_id: int,
    part: str,
    side: str | int | None = None,
    start: str | None = None,
    end: str | None = None,
) -> dict[str, Any]:
    """Record an actor's part in a relationship (its id or ``"A/B"``), for one side."""
    with registry.session() as session:
        data = memory.LinkInput(
            relationship_id=relationship_ref(session, relationship_id), actor_id=actor_id,
            part=part, side=side, start=start, end=end,
        )  # fmt: skip
        return link_summary(memory.link_actor(session, data))


def add_administration(
    registry: Registry,
    *,
    place: str | int,
    office: str,
    holder: str,
    start: str | None = None,
    end: str | None = None,
    actor_id: int | None = None,
) -> dict[str, Any]:
    """Record who held an office of a place, and when."""
    with registry.session() as session:
        place_id = queries.find_place(session, str(place)).id
        data = memory.AdministrationInput(
            place_id=place_id, office=office, holder=holder, start=start, end=end,
            actor_id=actor_id,
        )  # fmt: skip
        return administration_summary(memory.add_administration(session, data))


def add_activity(
    registry: Registry,
    *,
    relationship_id: int | str,
    title: str,
    date: str | None = None,
    planned: bool = False,
    layer: str | None = None,
    area: str | None = None,
    initiated_by: str | int | None = None,
    participants: int | None = None,
    volunteers: int | None = None,
    description: str | None = None,
    actors: Sequence[tuple[int, str]] = (),
    flows: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """Record what a relationship did (or, ``planned``, an open commitment).

    ``actors`` are ``(actor id, role)`` pairs; each flow is a mapping with
    ``from_place``, ``to_place``, ``kind`` and optionally ``amount``, ``unit``.
    """
    flow_inputs = [memory.FlowInput(**flow) for flow in flows]
    with registry.session() as session:
        data = memory.ActivityInput(
            relationship_id=relationship_ref(session, relationship_id), title=title, date=date,
            planned=planned, layer=layer, area=area, initiated_by=initiated_by,
            participants=participants, volunteers=volunteers, description=description,
            actors=list(actors), flows=flow_inputs,
        )  # fmt: skip
        return activity_summary(memory.add_activity(session, data))


def add_crisis(
    registry: Registry,
    *,
    name: str,
    countries: Sequence[str],
    start: str,
    end: str | None = None,
    description: str | None = None,
) -> dict[str, Any]:
    """Record a national crisis in one country or between two."""
    data = memory.CrisisInput(
        name=name, countries=list(countries), start=start, end=end, description=description
    )
    with registry.session() as session:
        return crisis_summary(memory.add_crisis(session, data))


def set_status(
    registry: Registry,
    *,
    relationship_id: int | str,
    status: str,
    date: str,
    reason: str,
    expected_version: int | None = None,
) -> dict[str, Any]:
    """Change a relationship's status (dated, with a reason); returns the relationship."""
    with registry.session() as session:
        data = memory.StatusInput(
            relationship_id=relationship_ref(session, relationship_id), status=status, date=date,
            reason=reason, expected_version=expected_version,
        )  # fmt: skip
        change = memory.set_status(session, data)
        return queries.relationship_detail(session, change.relationship_id)


def fulfil_commitment(registry: Registry, *, activity_id: int, date: str) -> dict[str, Any]:
    """Record that an open commitment (a planned activity) was carried out."""
    with registry.session() as session:
        return activity_summary(memory.fulfil_commitment(session, activity_id, date))


def history(
    registry: Registry,
    *,
    entity: str | None = None,
    entity_id: int | None = None,
    limit: int | None = 50,
    show_personal: bool = False,
) -> list[dict[str, Any]]:
    """The audit trail, latest first: who changed what, when, before and after."""
    with registry.session() as session:
        return memory.history(
            session, entity=entity, entity_id=entity_id, limit=limit,
            show_personal=show_personal,
        )  # fmt: skip


def grant_access(registry: Registry, *, name: str, role: str) -> dict[str, Any]:
    """Give a user a role (officer or staff); only officers may, except the first."""
    with registry.session() as session:
        user = memory.grant(session, name, role)
        return {"name": user.name, "role": user.role, "granted_by": user.granted_by}
