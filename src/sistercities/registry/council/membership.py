"""Who sits on a relationship's council, and for which side.

The rule (issue 14, after `004`'s community council): the council of a
relationship is the officers of both cities and the partner organisations
linked to the relationship on either side.

- A **partner** acts for one organisation (an actor). It is a member of a
  council when that organisation has a current part in the relationship
  (a ``relationship_actors`` row with a side, not ended before today); it
  acts for that side.
- An **officer** is a member of the councils of the relationships of the
  places it is an officer of (:func:`sistercities.registry.access.officer_scope`:
  the places stored with its account): an officer of Cuenca sits on the
  Cuenca–Peekskill council, for Cuenca's side; an officer of a third city
  does not. Acting for a city's office (an actor), it sits for the side that
  office is linked to, or else the side whose place the office is in (one of
  its own places). An officer tied to no place and no organisation (or an
  **admin**) runs the registry as a whole: a member of every council, for no
  side. An officer without an organisation may comment and confirm but
  cannot commit an organisation to anything.
- Anyone else (a researcher, an organisation of another relationship) is not
  a member and is refused, with the reason.

Callers (the CLI, the web app) say who is acting as a :class:`Member`; the
rules here are the same for every caller.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from sistercities.errors import NotAMemberError
from sistercities.messages import Message
from sistercities.registry import access
from sistercities.registry.models import Actor, Place, Relationship, RelationshipActor


class CouncilRole(StrEnum):
    """The roles that may act in a council."""

    ADMIN = "admin"
    OFFICER = "officer"
    PARTNER = "partner"


#: The account roles that sit on no council, as a refusal names them (translated on a page).
ROLE_NAMES: dict[str, Message] = {"researcher": Message("researcher")}


@dataclass(frozen=True)
class Member:
    """Who is acting: a user name (for attribution), a role, and the organisation acted for."""

    name: str
    role: str
    organisation_id: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "role": self.role, "organisation_id": self.organisation_id}


@dataclass(frozen=True)
class Seat:
    """A member's seat on one council: the side it sits for (``None``: the registry's officer)."""

    member: Member
    relationship_id: int
    side_place_id: int | None
    organisation: Actor | None

    @property
    def is_officer(self) -> bool:
        return self.member.role in (CouncilRole.OFFICER, CouncilRole.ADMIN)

    def to_dict(self) -> dict[str, object]:
        return {
            **self.member.to_dict(),
            "relationship_id": self.relationship_id,
            "side_place_id": self.side_place_id,
            "organisation": self.organisation.name if self.organisation else None,
        }


def current_links(
    session: Session, relationship_id: int, today: dt.date | None = None
) -> list[RelationshipActor]:
    """The relationship's actor parts that have a side and have not ended before ``today``."""
    today = today or dt.date.today()
    links = session.scalars(
        select(RelationshipActor)
        .where(RelationshipActor.relationship_id == relationship_id)
        .where(RelationshipActor.side_place_id.is_not(None))
        .order_by(RelationshipActor.id)
    )
    return [link for link in links if link.end_date is None or link.end_date >= today]


def _linked_side(
    session: Session, rel: Relationship, actor_id: int, today: dt.date | None
) -> int | None:
    for link in current_links(session, rel.id, today):
        if link.actor_id == actor_id:
            return link.side_place_id
    return None


def officer_places(session: Session, member: Member) -> frozenset[int] | None:
    """The places an officer member is an officer of (``None``: every place, or not an officer).

    Read from the registry by name, never taken from the caller: the same rule
    for the CLI and the web app. A name the registry does not know as an
    officer (a caller that says ``officer`` for it) keeps every place, as before
    places existed.
    """
    if member.role != CouncilRole.OFFICER:
        return None
    scope = access.officer_scope(session, member.name)
    return scope.places if scope is not None else None


def _officer_side(
    session: Session, rel: Relationship, member: Member, places: frozenset[int]
) -> int | None:
    """The side an officer of ``places`` sits for on ``rel`` (one of its cities), or refuse."""
    ours = [pid for pid in (rel.place_a_id, rel.place_b_id) if pid in places]
    if not ours:
        names = ", ".join(
            p.label() for p in session.scalars(select(Place).where(Place.id.in_(places)))
        )
        raise NotAMemberError(
            Message(
                "%(name)r is an officer of %(places)s, not of either city of relationship "
                "%(id)s (%(label)s): its council is the officers of its two cities and "
                "their partner organisations",
                name=member.name,
                places=names,
                id=str(rel.id),
                label=rel.label(),
            )
        )
    return ours[0] if len(ours) == 1 else None


def seat(
    session: Session, rel: Relationship, member: Member, *, today: dt.date | None = None
) -> Seat:
    """The member's seat on ``rel``'s council, or :class:`NotAMemberError` saying why not."""
    if member.role not in tuple(CouncilRole):
        raise NotAMemberError(
            Message(
                "%(name)r (%(role)s) is not on the council of relationship %(id)s: "
                "councils are the officers of both cities and the partner organisations",
                name=member.name,
                role=ROLE_NAMES.get(member.role, member.role),
                id=str(rel.id),
            )
        )
    places = officer_places(session, member)
    own_side = _officer_side(session, rel, member, places) if places is not None else None
    organisation = None
    if member.organisation_id is not None:
        organisation = session.get(Actor, member.organisation_id)
        if organisation is None:
            raise NotAMemberError(
                Message("no organisation with id %(id)s", id=str(member.organisation_id))
            )
    if organisation is None:
        if member.role == CouncilRole.PARTNER:
            raise NotAMemberError(Message("%(name)r acts for no organisation", name=member.name))
        return Seat(member, rel.id, own_side, None)
    side = _linked_side(session, rel, organisation.id, today)
    if side is None and member.role != CouncilRole.PARTNER and organisation.place_id:
        side = organisation.place_id if rel.side_of(organisation.place_id) else None
    if side is None:
        raise NotAMemberError(
            Message(
                "%(organisation)s is not linked to relationship %(id)s (%(label)s): "
                "only its officers and partner organisations sit on its council",
                organisation=organisation.name,
                id=str(rel.id),
                label=rel.label(),
            )
        )
    if places is not None and side not in places:
        raise NotAMemberError(
            Message(
                "%(name)r may not act for %(organisation)s: it sits for the other "
                "city's side, and an officer acts for its own city",
                name=member.name,
                organisation=organisation.name,
            )
        )
    return Seat(member, rel.id, side, organisation)


def relationships_of(
    session: Session, member: Member, *, today: dt.date | None = None
) -> list[int]:
    """The relationships whose councils a member sits on (all, for the registry's officers)."""
    places = officer_places(session, member)
    if places is not None:
        return list(
            session.scalars(
                select(Relationship.id)
                .where(Relationship.place_a_id.in_(places) | Relationship.place_b_id.in_(places))
                .order_by(Relationship.id)
            )
        )
    if member.role in (CouncilRole.OFFICER, CouncilRole.ADMIN) and member.organisation_id is None:
        return list(session.scalars(select(Relationship.id).order_by(Relationship.id)))
    if member.organisation_id is None or member.role not in tuple(CouncilRole):
        return []
    today = today or dt.date.today()
    ids = {
        link.relationship_id
        for link in session.scalars(
            select(RelationshipActor)
            .where(RelationshipActor.actor_id == member.organisation_id)
            .where(RelationshipActor.side_place_id.is_not(None))
        )
        if link.end_date is None or link.end_date >= today
    }
    if member.role != CouncilRole.PARTNER:
        actor = session.get(Actor, member.organisation_id)
        if actor is not None and actor.place_id is not None:
            ids |= set(
                session.scalars(
                    select(Relationship.id).where(
                        (Relationship.place_a_id == actor.place_id)
                        | (Relationship.place_b_id == actor.place_id)
                    )
                )
            )
    return sorted(ids)


def require_officer(seat_: Seat, step: Message) -> None:
    """Refuse a step only an officer of either city may take.

    ``step`` is a :class:`Message` of its own (``confirm a proposal``), so that
    the refusal reads whole in the reader's language.
    """
    if not seat_.is_officer:
        raise NotAMemberError(Message("only an officer of either city may %(step)s", step=step))


def require_side(seat_: Seat, side_place_id: int, step: Message) -> None:
    """Refuse a step on the other side's part: one side cannot change what the other committed."""
    if seat_.side_place_id != side_place_id:
        raise NotAMemberError(
            Message(
                "%(name)r sits for the other side and may not %(step)s: "
                "each side answers for its own parts",
                name=seat_.member.name,
                step=step,
            )
        )
