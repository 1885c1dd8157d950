"""Council operations: one function per step a member takes in a relationship's council.

Every function takes the registry, then who is acting (``user``: the name
the audit trail records; ``role``: admin, officer or partner; and the
``organisation_id`` acted for), then plain values; it opens one unit of work
attributed to ``user`` and returns plain data (dicts ready for JSON). The
membership rule is applied by the registry layer
(:mod:`sistercities.registry.council.membership`), the same for every caller.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select

from sistercities.registry import access, checks
from sistercities.registry.council import membership, proposals, views
from sistercities.registry.council.models import CouncilProposal
from sistercities.registry.memory.activities import FlowInput
from sistercities.registry.models import Relationship
from sistercities.registry.store import Registry

__all__ = [
    "council_answer",
    "council_carry_out",
    "council_comment",
    "council_confirm",
    "council_member",
    "council_member_language",
    "council_page",
    "council_proposal",
    "council_propose",
    "council_withdraw",
    "my_councils",
]


def council_member(
    registry: Registry, *, user: str | None = None, organisation_id: int | None = None
) -> dict[str, Any]:
    """Who the CLI user is on councils: an officer if the registry lists them so, else a partner.

    The web app resolves its accounts itself (admin, officer, partner tied
    to an organisation) and passes the same three values.
    """
    name = user or registry.user
    with registry.session(user=name) as session:
        role = (
            membership.CouncilRole.OFFICER
            if access.is_officer(session, name)
            else membership.CouncilRole.PARTNER
        )
    return {"user": name, "role": str(role), "organisation_id": organisation_id}


def _member(user: str, role: str, organisation_id: int | None) -> membership.Member:
    return membership.Member(name=user, role=role, organisation_id=organisation_id)


def council_page(
    registry: Registry,
    *,
    user: str,
    role: str,
    organisation_id: int | None = None,
    relationship_id: int,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """A relationship's council page: open proposals, late commitments, carried by side."""
    member = _member(user, role, organisation_id)
    with registry.session(user=user) as session:
        rel = checks.relationship(session, relationship_id)
        seat = membership.seat(session, rel, member, today=today)
        return views.council_page(session, seat, today=today)


def my_councils(
    registry: Registry, *, user: str, role: str, organisation_id: int | None = None
) -> list[dict[str, Any]]:
    """The councils a member sits on, with the two places and the open proposals' count."""
    member = _member(user, role, organisation_id)
    with registry.session(user=user) as session:
        ids = membership.relationships_of(session, member)
        open_counts = dict(
            session.execute(
                select(CouncilProposal.relationship_id, func.count())
                .where(CouncilProposal.status == proposals.ProposalStatus.OPEN)
                .group_by(CouncilProposal.relationship_id)
            ).all()
        )
        result = []
        for rel_id in ids:
            rel = session.get(Relationship, rel_id)
            assert rel is not None
            result.append(
                {
                    "relationship_id": rel.id,
                    "label": rel.label(),
                    "open_proposals": open_counts.get(rel.id, 0),
                }
            )
        return result


def council_proposal(
    registry: Registry,
    *,
    user: str,
    role: str,
    organisation_id: int | None = None,
    proposal_id: int,
) -> dict[str, Any]:
    """One proposal, for a member of its council."""
    member = _member(user, role, organisation_id)
    with registry.session(user=user) as session:
        found = proposals.get_proposal(session, proposal_id)
        proposals.seat_for(session, found, member)
        return views.proposal_summary(found)


def _flow(value: dict[str, Any]) -> FlowInput:
    return FlowInput(
        value.get("from", value.get("from_place", "")),
        value.get("to", value.get("to_place", "")),
        value.get("kind", ""),
        value.get("amount"),
        value.get("unit"),
    )


def _part(value: dict[str, Any]) -> proposals.PartInput:
    return proposals.PartInput(
        side=value.get("side", ""), task=value.get("task", ""), due=value.get("due")
    )


def council_propose(
    registry: Registry,
    *,
    user: str,
    role: str,
    organisation_id: int | None = None,
    relationship_id: int,
    title: str,
    description: str | None = None,
    layer: str | None = None,
    area: str | None = None,
    date: str | None = None,
    flows: list[dict[str, Any]] | None = None,
    parts: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Put a project to a council: parts are ``{"side", "task", "due"}``, flows
    ``{"from", "to", "kind", "amount", "unit"}``."""
    member = _member(user, role, organisation_id)
    data = proposals.ProposalInput(
        relationship_id=relationship_id,
        title=title,
        description=description,
        layer=layer,
        area=area,
        date=date,
        flows=[_flow(f) for f in flows or []],
        parts=[_part(p) for p in parts or []],
    )
    with registry.session(user=user) as session:
        return views.proposal_summary(proposals.propose(session, member, data))


def council_comment(
    registry: Registry,
    *,
    user: str,
    role: str,
    organisation_id: int | None = None,
    proposal_id: int,
    body: str,
) -> dict[str, Any]:
    """Comment on a proposal."""
    member = _member(user, role, organisation_id)
    with registry.session(user=user) as session:
        return views.comment_summary(proposals.comment(session, member, proposal_id, body))


def council_answer(
    registry: Registry,
    *,
    user: str,
    role: str,
    organisation_id: int | None = None,
    proposal_id: int,
    part_id: int | None = None,
    answer: str = "committed",
    note: str | None = None,
    expect_version: int | None = None,
) -> dict[str, Any]:
    """Commit the member's organisation to a part of its side (``committed``) or decline it."""
    member = _member(user, role, organisation_id)
    with registry.session(user=user) as session:
        row = proposals.answer(
            session,
            member,
            proposal_id,
            part_id=part_id,
            answer=answer,
            note=note,
            expect_version=expect_version,
        )
        return views.commitment_summary(row)


def council_confirm(
    registry: Registry,
    *,
    user: str,
    role: str,
    organisation_id: int | None = None,
    proposal_id: int,
    expect_version: int | None = None,
) -> dict[str, Any]:
    """Confirm a proposal (an officer of either city): it becomes an open commitment."""
    member = _member(user, role, organisation_id)
    with registry.session(user=user) as session:
        found = proposals.confirm(session, member, proposal_id, expect_version=expect_version)
        return views.proposal_summary(found)


def council_carry_out(
    registry: Registry,
    *,
    user: str,
    role: str,
    organisation_id: int | None = None,
    proposal_id: int,
    date: str,
    participants: int | None = None,
    volunteers: int | None = None,
    today: dt.date | None = None,
    expect_version: int | None = None,
) -> dict[str, Any]:
    """Record a confirmed project carried out: it becomes an activity with its flows."""
    member = _member(user, role, organisation_id)
    data = proposals.CarriedOutInput(date=date, participants=participants, volunteers=volunteers)
    with registry.session(user=user) as session:
        found = proposals.carry_out(
            session, member, proposal_id, data, today=today, expect_version=expect_version
        )
        return views.proposal_summary(found)


def council_withdraw(
    registry: Registry,
    *,
    user: str,
    role: str,
    organisation_id: int | None = None,
    proposal_id: int,
    reason: str | None = None,
    expect_version: int | None = None,
) -> dict[str, Any]:
    """Withdraw a proposal not yet carried out (its proposer, or an officer)."""
    member = _member(user, role, organisation_id)
    with registry.session(user=user) as session:
        found = proposals.withdraw(
            session, member, proposal_id, reason=reason, expect_version=expect_version
        )
        return views.proposal_summary(found)


def council_member_language(registry: Registry, *, organisation_id: int | None) -> str | None:
    """The language of a member's side: its organisation's place's (``None`` without one)."""
    from sistercities.i18n import place_language
    from sistercities.registry.models import Actor

    if organisation_id is None:
        return None
    with registry.session() as session:
        actor = session.get(Actor, organisation_id)
        if actor is None:
            return None
        code = actor.place.country_code if actor.place else actor.country_code
        return place_language(code) if code else None
