"""The people and organisations around a relationship, and who governed each place.

Why this is kept: the relationships that outlive a change of mayor are the
ones the community co-produces (`004`), so the registry must know who carries
each side — the city's office, a council member, a sister-city association, a
diaspora organisation — and who held office when.

- An actor's tier is never typed in: it follows from its role
  (:data:`sistercities.taxonomy.ROLE_TIER`).
- An actor's part in a relationship is one of :class:`RelationshipPart`;
  the side it acts for must be one of the relationship's two places. The
  ``manager`` of a side is also stored on the relationship itself
  (``manager_a_actor_id`` / ``manager_b_actor_id``): who holds that side now.
- An administration is an office of a place held by someone over a period;
  it may end in the future (the end of a term), never before it starts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy.orm import Session

from sistercities import taxonomy
from sistercities.errors import InputError
from sistercities.messages import Message, Term
from sistercities.registry import checks
from sistercities.registry.models import Actor, Administration, Place, RelationshipActor
from sistercities.registry.records import check_choice, ensure_country


class RelationshipPart(StrEnum):
    """What an actor does for a relationship."""

    MANAGER = "manager"  # holds one side: the city's office, or an association
    INITIATOR = "initiator"  # started it (a diaspora, a council member)
    CONTACT = "contact"  # the person or office to call
    CARRIER = "carrier"  # keeps it alive in practice
    BROKER = "broker"  # brought the two sides together (an ambassador)


PARTS_NEEDING_SIDE = frozenset({RelationshipPart.MANAGER, RelationshipPart.CARRIER})
CONTACT_KEYS = ("email", "phone", "address")


@dataclass
class ActorInput:
    """What a person gives to add an actor."""

    name: str
    role: str
    kind: str = taxonomy.ActorKind.ORGANISATION
    place_id: int | None = None
    country: str | None = None
    contact: dict[str, str] = field(default_factory=dict)
    notes: str | None = None


def _contact(contact: dict[str, str]) -> dict[str, str] | None:
    cleaned = {k: v.strip() for k, v in contact.items() if v and v.strip()}
    for key in cleaned:
        if key not in CONTACT_KEYS:
            raise InputError(
                Message("unknown key; use %(keys)s", keys=", ".join(CONTACT_KEYS)),
                field=f"contact.{key}",
            )
    if "email" in cleaned and "@" not in cleaned["email"]:
        raise InputError(
            Message("%(email)r is not an e-mail address", email=cleaned["email"]),
            field="contact.email",
        )
    return cleaned or None


def add_actor(session: Session, data: ActorInput) -> Actor:
    """Add a person or organisation; its tier follows from its role.

    ``contact`` (e-mail, phone, address) is personal data: stored, but shown
    only to officers (:mod:`sistercities.registry.access`).
    """
    name = checks.short_text(data.name, "name", 300)
    role = check_choice(data.role, taxonomy.ActorRole, "role")
    check_choice(data.kind, taxonomy.ActorKind, "kind")
    assert role is not None
    place = session.get(Place, data.place_id) if data.place_id is not None else None
    if data.place_id is not None and place is None:
        raise InputError(checks.no_place(data.place_id), field="place")
    contact = _contact(data.contact)
    country = ensure_country(session, data.country) if data.country else None
    actor = Actor(
        name=name,
        kind=data.kind,
        tier=taxonomy.tier_of(role),
        role=role,
        place_id=place.id if place else None,
        country_code=country or (place.country_code if place else None),
        contact=contact,
        notes=data.notes,
    )
    session.add(actor)
    session.flush()
    return actor


@dataclass
class LinkInput:
    """An actor's part in a relationship, for one side and a period."""

    relationship_id: int
    actor_id: int
    part: str
    side: str | int | None = None  # place id or name; one of the two places
    start: str | None = None
    end: str | None = None


def link_actor(
    session: Session, data: LinkInput, *, today: dt.date | None = None
) -> RelationshipActor:
    """Record an actor's part in a relationship.

    A ``manager`` or ``carrier`` acts for one side, which must be given; a
    ``manager`` whose period has not ended by ``today`` (no end, or an end
    still to come, such as the end of a term) becomes the relationship's
    holder of that side (this edits the relationship, so a concurrent edit
    of it is detected). A manager recorded for a past period is history only.
    """
    rel = checks.relationship(session, data.relationship_id)
    part = check_choice(data.part, RelationshipPart, "part")
    actor = checks.actor(session, data.actor_id, "actor")
    side_id = checks.side_ref(rel, data.side, "side")
    if part in PARTS_NEEDING_SIDE and side_id is None:
        raise InputError(
            Message("a %(part)s acts for one side: give the side", part=Term("part", part)),
            field="side",
        )
    start = checks.partial(data.start, "start")
    end = checks.partial(data.end, "end")
    checks.period(start, end)
    link = RelationshipActor(
        relationship_id=rel.id,
        actor_id=actor.id,
        role=part,
        side_place_id=side_id,
        **checks.columns(start, "start"),
        **checks.columns(end, "end"),
    )
    session.add(link)
    current = end is None or end.last_day >= (today or dt.date.today())
    if part == RelationshipPart.MANAGER and current:
        if rel.side_of(side_id or 0) == "a":
            rel.manager_a_actor_id = actor.id
        else:
            rel.manager_b_actor_id = actor.id
    session.flush()
    return link


@dataclass
class AdministrationInput:
    """Who held an office of a place, and when."""

    place_id: int
    office: str
    holder: str
    start: str | None = None
    end: str | None = None
    actor_id: int | None = None


def add_administration(session: Session, data: AdministrationInput) -> Administration:
    """Record an administration; its end (which may be a future end of term) ≥ its start."""
    place = session.get(Place, data.place_id)
    if place is None:
        raise InputError(checks.no_place(data.place_id), field="place")
    office = checks.short_text(data.office, "office", 40)
    holder = checks.short_text(data.holder, "holder", 300)
    if data.actor_id is not None:
        checks.actor(session, data.actor_id, "actor")
    start = checks.partial(data.start, "start")
    end = checks.partial(data.end, "end")
    checks.period(start, end)
    admin = Administration(
        place_id=place.id,
        office=office,
        holder=holder,
        actor_id=data.actor_id,
        **checks.columns(start, "start"),
        **checks.columns(end, "end"),
    )
    session.add(admin)
    session.flush()
    return admin
