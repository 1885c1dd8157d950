"""What a council member reads: a proposal with its parts, answers and discussion,
and a council's page (open proposals, late commitments, what each side carried).

A commitment is **late** when its proposal is confirmed, not carried out, and
the last day its part (or, without a date of its own, the proposal) can mean
is before today. What a side **carried** counts, for each side, the parts of
carried-out proposals its organisations did and the flows that went out from
it in the activities those proposals became.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sistercities.dates import format_partial, last_day
from sistercities.registry.council.membership import Seat
from sistercities.registry.council.models import (
    CouncilComment,
    CouncilCommitment,
    CouncilPart,
    CouncilProposal,
)
from sistercities.registry.council.proposals import Answer, ProposalStatus
from sistercities.registry.models import Place, Relationship


def _place(place: Place) -> dict[str, Any]:
    return {"id": place.id, "name": place.name, "country": place.country_code}


def commitment_summary(row: CouncilCommitment) -> dict[str, Any]:
    return {
        "id": row.id,
        "part_id": row.part_id,
        "organisation": {"id": row.actor.id, "name": row.actor.name, "role": row.actor.role},
        "side_place_id": row.side_place_id,
        "answer": row.answer,
        "note": row.note,
        "answered_by": row.answered_by,
        "answered_at": row.answered_at.isoformat() if row.answered_at else None,
    }


def part_summary(part: CouncilPart) -> dict[str, Any]:
    return {
        "id": part.id,
        "side": _place(part.side),
        "task": part.task,
        "due": format_partial(part.due_date, part.due_precision),
        "answers": [commitment_summary(c) for c in part.commitments],
        "committed": [c.actor.name for c in part.commitments if c.answer == Answer.COMMITTED],
    }


def comment_summary(note: CouncilComment) -> dict[str, Any]:
    return {
        "id": note.id,
        "author": note.author,
        "organisation": note.actor.name if note.actor else None,
        "side_place_id": note.side_place_id,
        "body": note.body,
        "at": note.created_at.isoformat() if note.created_at else None,
    }


def proposal_summary(proposal: CouncilProposal) -> dict[str, Any]:
    """A proposal with its parts, answers, flows and comments, for JSON and pages."""
    return {
        "id": proposal.id,
        "relationship_id": proposal.relationship_id,
        "title": proposal.title,
        "description": proposal.description,
        "layer": proposal.layer,
        "area": proposal.area,
        "date": format_partial(proposal.date, proposal.date_precision),
        "status": proposal.status,
        "version": proposal.version,
        "proposed_by": proposal.proposed_by,
        "proposed_by_organisation": (
            proposal.proposed_by_actor.name if proposal.proposed_by_actor else None
        ),
        "proposed_side_place_id": proposal.proposed_side_place_id,
        "confirmed_by": proposal.confirmed_by,
        "confirmed_side_place_id": proposal.confirmed_side_place_id,
        "closed_by": proposal.closed_by,
        "activity_id": proposal.activity_id,
        "flows": [
            {
                "from_place_id": f.from_place_id,
                "to_place_id": f.to_place_id,
                "kind": f.kind,
                "amount": f.amount,
                "unit": f.unit,
            }
            for f in proposal.flows
        ],
        "parts": [part_summary(p) for p in proposal.parts],
        "comments": [comment_summary(c) for c in proposal.comments],
    }


def _due(part: CouncilPart, proposal: CouncilProposal) -> dt.date | None:
    if part.due_date is not None:
        return last_day(part.due_date, part.due_precision)
    if proposal.date is not None:
        return last_day(proposal.date, proposal.date_precision)
    return None


def late_commitments(proposals: list[CouncilProposal], today: dt.date) -> list[dict[str, Any]]:
    """Parts of confirmed, not carried-out proposals whose due day has passed."""
    late = []
    for proposal in proposals:
        if proposal.status != ProposalStatus.CONFIRMED:
            continue
        for part in proposal.parts:
            due = _due(part, proposal)
            if due is not None and due < today:
                late.append(
                    {
                        "proposal_id": proposal.id,
                        "title": proposal.title,
                        "part_id": part.id,
                        "side": _place(part.side),
                        "task": part.task,
                        "due": due.isoformat(),
                        "days_late": (today - due).days,
                        "committed": [
                            c.actor.name for c in part.commitments if c.answer == Answer.COMMITTED
                        ],
                    }
                )
    return late


def carried_by_side(rel: Relationship, proposals: list[CouncilProposal]) -> list[dict[str, Any]]:
    """For each side: parts carried, proposals it put forward, flows sent, by kind."""
    sides = []
    for place in (rel.place_a, rel.place_b):
        done = [p for p in proposals if p.status == ProposalStatus.CARRIED_OUT]
        parts = [part for p in done for part in p.parts if part.side_place_id == place.id]
        flows: Counter[str] = Counter()
        for proposal in done:
            for flow in proposal.activity.flows if proposal.activity else []:
                if flow.from_place_id == place.id:
                    flows[flow.kind] += 1
        sides.append(
            {
                "side": _place(place),
                "proposed": sum(1 for p in proposals if p.proposed_side_place_id == place.id),
                "parts_carried": len(parts),
                "projects_carried": len({part.proposal_id for part in parts}),
                "flows_sent": dict(sorted(flows.items())),
            }
        )
    return sides


def council_page(session: Session, seat_: Seat, *, today: dt.date | None = None) -> dict[str, Any]:
    """A council's page for one member: open proposals, late commitments, carried by side."""
    today = today or dt.date.today()
    rel = session.get(Relationship, seat_.relationship_id)
    assert rel is not None
    proposals = list(
        session.scalars(
            select(CouncilProposal)
            .where(CouncilProposal.relationship_id == rel.id)
            .order_by(CouncilProposal.id)
        )
    )
    by_status = Counter(p.status for p in proposals)
    return {
        "relationship": {
            "id": rel.id,
            "a": _place(rel.place_a),
            "b": _place(rel.place_b),
            "status": rel.status,
            "kind": rel.kind,
        },
        "member": seat_.to_dict(),
        "as_of": today.isoformat(),
        "counts": {status.value: by_status.get(status.value, 0) for status in ProposalStatus},
        "open": [proposal_summary(p) for p in proposals if p.status == ProposalStatus.OPEN],
        "confirmed": [
            proposal_summary(p) for p in proposals if p.status == ProposalStatus.CONFIRMED
        ],
        "late": late_commitments(proposals, today),
        "carried": carried_by_side(rel, proposals),
        "recent": [
            proposal_summary(p)
            for p in proposals[::-1]
            if p.status in (ProposalStatus.CARRIED_OUT, ProposalStatus.WITHDRAWN)
        ][:10],
    }
