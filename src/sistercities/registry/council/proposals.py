"""The steps of a council proposal, each checked against the membership rule.

Life of a proposal::

    open ──confirm──▶ confirmed ──carry out──▶ carried_out
      │                   │
      └──withdraw──▶ withdrawn ◀──withdraw──┘

- Any member proposes (title, layer, area, when, the flows it would carry,
  and the parts: who would do what on which side), and comments.
- An organisation commits to a part of its own side, or declines it; it may
  change its answer while the proposal is open or confirmed. Nobody of the
  other side may change that answer.
- An officer of either city confirms it once every part has an organisation
  committed. Confirming records the project as an open commitment: a
  planned activity with its flows (a commitment, not a fact: health and the
  annual report do not count it).
- An officer, or an organisation committed to a part, records it carried out
  on a date no later than today: the planned activity becomes a dated one,
  with the committed organisations as its actors, so health, the
  co-production share and the annual report count it.

Each writer checks everything before it adds anything, and raises
:class:`~sistercities.errors.InputError` naming the field, or
:class:`~.membership.NotAMemberError`.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy.orm import Session

from sistercities import taxonomy
from sistercities.dates import format_partial
from sistercities.errors import ConflictError, InputError, NotFoundError
from sistercities.messages import Message, Number, Term
from sistercities.registry import checks
from sistercities.registry.council.membership import (
    Member,
    NotAMemberError,
    Seat,
    require_officer,
    require_side,
    seat,
)
from sistercities.registry.council.models import (
    CouncilComment,
    CouncilCommitment,
    CouncilFlow,
    CouncilPart,
    CouncilProposal,
)
from sistercities.registry.memory.activities import ActivityInput, FlowInput, add_activity
from sistercities.registry.models import ActivityActor, Relationship
from sistercities.registry.records import check_choice


class ProposalStatus(StrEnum):
    OPEN = "open"
    CONFIRMED = "confirmed"
    CARRIED_OUT = "carried_out"
    WITHDRAWN = "withdrawn"


class Answer(StrEnum):
    """An organisation's answer to a part."""

    COMMITTED = "committed"
    DECLINED = "declined"


MAX_TEXT = 10_000
MAX_COUNT = 2_147_483_647  # what both databases store in an integer column


@dataclass
class PartInput:
    """Who would do what on which side (side: place id or name), due by when."""

    side: str | int
    task: str
    due: str | None = None


@dataclass
class ProposalInput:
    """What a member gives to propose a project to a relationship's council."""

    relationship_id: int
    title: str
    description: str | None = None
    layer: str | None = None
    area: str | None = None
    date: str | None = None
    flows: list[FlowInput] = field(default_factory=list)
    parts: list[PartInput] = field(default_factory=list)


def get_proposal(session: Session, proposal_id: int) -> CouncilProposal:
    """A stored proposal, or :class:`NotFoundError`."""
    found = session.get(CouncilProposal, proposal_id)
    if found is None:
        raise NotFoundError(Message("no council proposal with id %(id)s", id=str(proposal_id)))
    return found


def seat_for(
    session: Session, proposal: CouncilProposal, member: Member, today: dt.date | None = None
) -> Seat:
    """The member's seat on the council the proposal belongs to."""
    return seat(session, proposal.relationship, member, today=today)


def _text(value: str | None, name: str) -> str | None:
    text = (value or "").strip()
    if len(text) > MAX_TEXT:
        raise InputError(
            Message(
                "is %(n)s characters long (at most %(limit)s)",
                n=Number(len(text), ","),
                limit=MAX_TEXT,
            ),
            field=name,
        )
    return text or None


def _flows(rel: Relationship, flows: list[FlowInput]) -> list[CouncilFlow]:
    result = []
    for index, flow in enumerate(flows):
        prefix = f"flows[{index}]"
        source = checks.side_ref(rel, flow.from_place, f"{prefix}.from")
        target = checks.side_ref(rel, flow.to_place, f"{prefix}.to")
        if source is None or target is None:
            raise InputError(Message("a flow needs both sides"), field=f"{prefix}.from")
        if source == target:
            raise InputError(
                Message("a flow goes from one side to the other"), field=f"{prefix}.to"
            )
        kind = check_choice(flow.kind or "", taxonomy.FlowKind, f"{prefix}.kind")
        checks.non_negative(flow.amount, f"{prefix}.amount")
        if flow.amount is not None and not math.isfinite(flow.amount):
            raise InputError(Message("must be a finite number"), field=f"{prefix}.amount")
        unit = (flow.unit or "").strip() or None
        result.append(
            CouncilFlow(
                from_place_id=source,
                to_place_id=target,
                kind=str(kind),
                amount=flow.amount,
                unit=unit,
            )
        )
    return result


def _parts(rel: Relationship, parts: list[PartInput]) -> list[CouncilPart]:
    if not parts:
        raise InputError(
            Message("say who would do what on which side (at least one part)"), field="parts"
        )
    result = []
    for index, part in enumerate(parts):
        side = checks.side_ref(rel, part.side, f"parts[{index}].side")
        if side is None:
            raise InputError(
                Message("give the side this part is done on"), field=f"parts[{index}].side"
            )
        task = checks.short_text(part.task, f"parts[{index}].task", 2000)
        due = checks.partial(part.due, f"parts[{index}].due")
        result.append(CouncilPart(side_place_id=side, task=task, **checks.columns(due, "due")))
    return result


def propose(session: Session, member: Member, data: ProposalInput) -> CouncilProposal:
    """Put a project to a relationship's council (any member may)."""
    rel = checks.relationship(session, data.relationship_id)
    where = seat(session, rel, member)
    title = checks.short_text(data.title, "title", 500)
    description = _text(data.description, "description")
    layer = check_choice(data.layer or None, taxonomy.Layer, "layer")
    area = check_choice(data.area or None, taxonomy.ActivityArea, "area")
    when = checks.partial(data.date, "date")
    flows = _flows(rel, data.flows)
    parts = _parts(rel, data.parts)
    proposal = CouncilProposal(
        relationship_id=rel.id,
        title=title,
        description=description,
        layer=layer,
        area=area,
        status=ProposalStatus.OPEN,
        proposed_by=member.name,
        proposed_by_actor_id=where.organisation.id if where.organisation else None,
        proposed_side_place_id=where.side_place_id,
        flows=flows,
        parts=parts,
        **checks.columns(when, "date"),
    )
    session.add(proposal)
    session.flush()
    return proposal


def _expect(proposal: CouncilProposal, version: int | None) -> None:
    if version is not None and version != proposal.version:
        raise ConflictError(
            Message(
                "proposal %(id)s was changed by someone else since you read it "
                "(version %(read)s, now %(now)s); reload it and try again",
                id=str(proposal.id),
                read=version,
                now=proposal.version,
            )
        )


#: The steps a proposal's status may refuse, each a whole phrase to translate.
STEPS = {
    "committed": Message("record committed"),
    "declined": Message("record declined"),
    "confirm": Message("confirm it"),
    "carry_out": Message("record it carried out"),
    "withdraw": Message("withdraw it"),
}


def _still(proposal: CouncilProposal, *allowed: ProposalStatus, step: str) -> None:
    """Refuse a step the proposal's status no longer (or not yet) allows: ``step`` names
    one of :data:`STEPS`."""
    if proposal.status not in allowed:
        raise InputError(
            Message(
                "proposal %(id)s is %(status)s: cannot %(step)s",
                id=str(proposal.id),
                status=Term("proposal_status", proposal.status),
                step=STEPS[step],
            ),
            field="proposal",
        )


def comment(session: Session, member: Member, proposal_id: int, body: str) -> CouncilComment:
    """A member's comment on a proposal (any status: the record of the discussion)."""
    proposal = get_proposal(session, proposal_id)
    where = seat_for(session, proposal, member)
    text = checks.short_text(body, "comment", MAX_TEXT)
    note = CouncilComment(
        proposal_id=proposal.id,
        author=member.name,
        body=text,
        actor_id=where.organisation.id if where.organisation else None,
        side_place_id=where.side_place_id,
    )
    session.add(note)
    session.flush()
    return note


def _part(proposal: CouncilProposal, part_id: int | None) -> CouncilPart:
    if part_id is None:
        if len(proposal.parts) == 1:
            return proposal.parts[0]
        raise InputError(Message("this proposal has several parts: say which"), field="part")
    for part in proposal.parts:
        if part.id == part_id:
            return part
    raise InputError(
        Message("proposal %(id)s has no part %(part)s", id=str(proposal.id), part=str(part_id)),
        field="part",
    )


def answer(
    session: Session,
    member: Member,
    proposal_id: int,
    *,
    part_id: int | None = None,
    answer: str = Answer.COMMITTED,
    note: str | None = None,
    expect_version: int | None = None,
) -> CouncilCommitment:
    """Commit the member's organisation to a part of its own side, or decline it."""
    proposal = get_proposal(session, proposal_id)
    where = seat_for(session, proposal, member)
    kind = check_choice(answer, Answer, "answer")
    _still(proposal, ProposalStatus.OPEN, ProposalStatus.CONFIRMED, step=str(kind))
    _expect(proposal, expect_version)
    part = _part(proposal, part_id)
    if where.organisation is None:
        raise NotAMemberError(
            Message("%(name)r acts for no organisation: nothing to commit", name=member.name)
        )
    step = Message("answer for part %(part)s (%(side)s)", part=str(part.id), side=part.side.name)
    require_side(where, part.side_place_id, step)
    if proposal.status == ProposalStatus.CONFIRMED and kind == Answer.DECLINED:
        _keeps_a_commitment(part, where.organisation.id)
    text = _text(note, "note")
    row = next((c for c in part.commitments if c.actor_id == where.organisation.id), None)
    if row is None:
        row = CouncilCommitment(
            actor_id=where.organisation.id,
            side_place_id=part.side_place_id,
            answer=kind,
            note=text,
            answered_by=member.name,
        )
        part.commitments.append(row)
    else:
        row.answer, row.note, row.answered_by = str(kind), text, member.name
        row.answered_at = dt.datetime.now(dt.UTC)
    session.flush()
    return row


def _keeps_a_commitment(part: CouncilPart, leaving_actor_id: int) -> None:
    others = [
        c
        for c in part.commitments
        if c.answer == Answer.COMMITTED and c.actor_id != leaving_actor_id
    ]
    if not others:
        raise InputError(
            Message(
                "part %(part)s is confirmed and would be left with no organisation; "
                "find another organisation first, or ask an officer to withdraw the proposal",
                part=str(part.id),
            ),
            field="answer",
        )


def confirm(
    session: Session, member: Member, proposal_id: int, *, expect_version: int | None = None
) -> CouncilProposal:
    """An officer of either city confirms: the project becomes an open commitment."""
    proposal = get_proposal(session, proposal_id)
    where = seat_for(session, proposal, member)
    require_officer(where, Message("confirm a proposal"))
    _still(proposal, ProposalStatus.OPEN, step="confirm")
    _expect(proposal, expect_version)
    for part in proposal.parts:
        if not any(c.answer == Answer.COMMITTED for c in part.commitments):
            raise InputError(
                Message(
                    "part %(part)s (%(side)s: %(task)s) has no organisation committed",
                    part=str(part.id),
                    side=part.side.name,
                    task=part.task,
                ),
                field="parts",
            )
    activity = add_activity(session, _activity_input(proposal))
    proposal.activity_id = activity.id
    proposal.status = ProposalStatus.CONFIRMED
    proposal.confirmed_by = member.name
    proposal.confirmed_side_place_id = where.side_place_id
    proposal.confirmed_at = dt.datetime.now(dt.UTC)
    session.flush()
    return proposal


def _activity_input(proposal: CouncilProposal) -> ActivityInput:
    flows = [
        FlowInput(f.from_place_id, f.to_place_id, f.kind, f.amount, f.unit) for f in proposal.flows
    ]
    return ActivityInput(
        relationship_id=proposal.relationship_id,
        title=proposal.title,
        description=proposal.description,
        layer=proposal.layer,
        area=proposal.area,
        date=_stored_date(proposal),
        initiated_by=proposal.proposed_side_place_id,
        planned=True,
        flows=flows,
    )


def _stored_date(proposal: CouncilProposal) -> str | None:
    return format_partial(proposal.date, proposal.date_precision)


@dataclass
class CarriedOutInput:
    """When a confirmed project was carried out, and how many took part."""

    date: str
    participants: int | None = None
    volunteers: int | None = None


def carry_out(
    session: Session,
    member: Member,
    proposal_id: int,
    data: CarriedOutInput,
    *,
    today: dt.date | None = None,
    expect_version: int | None = None,
) -> CouncilProposal:
    """Record a confirmed project as carried out: its activity becomes a dated fact."""
    proposal = get_proposal(session, proposal_id)
    where = seat_for(session, proposal, member, today)
    committed = {
        c.actor_id for p in proposal.parts for c in p.commitments if c.answer == Answer.COMMITTED
    }
    if not where.is_officer and (
        where.organisation is None or where.organisation.id not in committed
    ):
        raise NotAMemberError(
            Message(
                "only an officer, or an organisation committed to it, "
                "may record that it was carried out"
            )
        )
    _still(proposal, ProposalStatus.CONFIRMED, step="carry_out")
    _expect(proposal, expect_version)
    when = checks.partial(data.date, "date")
    if when is None:
        raise InputError(Message("give the date it was carried out"), field="date")
    checks.not_future(when, today or dt.date.today(), "date")
    for name in ("participants", "volunteers"):
        value = getattr(data, name)
        checks.non_negative(value, name)
        if value is not None and value > MAX_COUNT:
            raise InputError(Message("at most %(limit)s", limit=Number(MAX_COUNT, ",")), field=name)
    activity = proposal.activity or add_activity(session, _activity_input(proposal))
    activity.planned = False
    activity.date, activity.date_precision = when.date, when.precision
    activity.participants, activity.volunteers = data.participants, data.volunteers
    present = {link.actor_id for link in activity.actor_links}
    for actor_id in sorted(committed - present):
        activity.actor_links.append(ActivityActor(actor_id=actor_id, role="organiser"))
    proposal.activity_id = activity.id
    proposal.status = ProposalStatus.CARRIED_OUT
    proposal.closed_by, proposal.closed_at = member.name, dt.datetime.now(dt.UTC)
    session.flush()
    return proposal


def withdraw(
    session: Session,
    member: Member,
    proposal_id: int,
    *,
    reason: str | None = None,
    expect_version: int | None = None,
) -> CouncilProposal:
    """Withdraw a proposal not yet carried out: its proposer, or an officer.

    A confirmed proposal's planned activity is removed with it (the audit
    trail keeps it): an open commitment nobody will keep is not one.
    """
    proposal = get_proposal(session, proposal_id)
    where = seat_for(session, proposal, member)
    if not where.is_officer and member.name != proposal.proposed_by:
        raise NotAMemberError(Message("only its proposer or an officer may withdraw a proposal"))
    _still(proposal, ProposalStatus.OPEN, ProposalStatus.CONFIRMED, step="withdraw")
    _expect(proposal, expect_version)
    text = _text(reason, "reason")
    planned = proposal.activity
    if planned is not None:
        proposal.activity = None
        session.delete(planned)
    if text:
        session.add(
            CouncilComment(
                proposal_id=proposal.id,
                author=member.name,
                actor_id=where.organisation.id if where.organisation else None,
                side_place_id=where.side_place_id,
                body=f"Withdrawn: {text}",
            )
        )
    proposal.status = ProposalStatus.WITHDRAWN
    proposal.closed_by, proposal.closed_at = member.name, dt.datetime.now(dt.UTC)
    session.flush()
    return proposal
