"""What relationships do: activities, the flows they carry, open commitments, crises.

Why this is kept: an office that cannot say what a relationship did cannot
defend it to its council, and a new team cannot revive what it does not know
(`004`). Flows follow the supply-and-demand schema of `001`: from one side to
the other, of personnel, knowledge, capital or goods.

Rules
-----
- An activity that happened is dated no later than today (a year or month
  alone is fine). Its flows run between the relationship's two places, in
  one direction each, with amounts ≥ 0 where known.
- **Open commitments** are activities with ``planned=True``: something
  promised (a university exchange, a return visit) and not yet carried out.
  Their date, if given, is when they are due and may lie in the future.
  :func:`fulfil_commitment` records that one was carried out: it becomes an
  ordinary activity, dated no later than today. A commitment never counts as
  activity in health or in the annual report.
- A national crisis is in one country or between two, from a start date to
  an optional end that is not before it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from sistercities import taxonomy
from sistercities.errors import InputError
from sistercities.messages import Message
from sistercities.registry import checks
from sistercities.registry.models import (
    Activity,
    ActivityActor,
    CrisisEvent,
    Flow,
    Relationship,
)
from sistercities.registry.records import check_choice, ensure_country


@dataclass
class FlowInput:
    """One flow of an activity: from one side to the other (place id or name)."""

    from_place: str | int
    to_place: str | int
    kind: str
    amount: float | None = None
    unit: str | None = None
    description: str | None = None


@dataclass
class ActivityInput:
    """What a person gives to record an activity (or, with ``planned``, a commitment)."""

    relationship_id: int
    title: str
    date: str | dt.date | None = None
    layer: str | None = None
    area: str | None = None
    initiated_by: str | int | None = None
    participants: int | None = None
    volunteers: int | None = None
    description: str | None = None
    planned: bool = False
    actors: list[tuple[int, str]] = field(default_factory=list)
    flows: list[FlowInput] = field(default_factory=list)


def _flow(rel: Relationship, flow: FlowInput, index: int) -> Flow:
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
    return Flow(
        from_place_id=source,
        to_place_id=target,
        kind=str(kind),
        amount=flow.amount,
        unit=(flow.unit or "").strip() or None,
        description=flow.description,
    )


def _actor_links(session: Session, actors: list[tuple[int, str]]) -> list[ActivityActor]:
    links = []
    for index, (actor_id, role) in enumerate(actors):
        checks.actor(session, actor_id, f"actors[{index}]")
        part = checks.short_text(role or "participant", f"actors[{index}].role", 40)
        links.append(ActivityActor(actor_id=actor_id, role=part))
    return links


def add_activity(
    session: Session, data: ActivityInput, *, today: dt.date | None = None
) -> Activity:
    """Record an activity with its actors and flows (all checked before anything is added).

    ``today`` is the reference for "not in the future" (default: the current date).
    """
    today = today or dt.date.today()
    rel = checks.relationship(session, data.relationship_id)
    title = checks.short_text(data.title, "title", 500)
    when = checks.partial(data.date, "date")
    if not data.planned:
        checks.not_future(when, today, "date")
    layer = check_choice(data.layer, taxonomy.Layer, "layer")
    area = check_choice(data.area, taxonomy.ActivityArea, "area")
    initiator = checks.side_ref(rel, data.initiated_by, "initiated_by")
    checks.non_negative(data.participants, "participants")
    checks.non_negative(data.volunteers, "volunteers")
    flows = [_flow(rel, flow, i) for i, flow in enumerate(data.flows)]
    links = _actor_links(session, data.actors)
    activity = Activity(
        relationship_id=rel.id,
        title=title,
        description=data.description,
        layer=layer,
        area=area,
        initiated_by_place_id=initiator,
        participants=data.participants,
        volunteers=data.volunteers,
        planned=data.planned,
        flows=flows,
        actor_links=links,
        **checks.columns(when, "date"),
    )
    session.add(activity)
    session.flush()
    return activity


def fulfil_commitment(
    session: Session, activity_id: int, date: str | dt.date, *, today: dt.date | None = None
) -> Activity:
    """Record that an open commitment was carried out, on ``date`` (not in the future)."""
    activity = session.get(Activity, activity_id)
    if activity is None:
        raise InputError(
            Message("no activity with id %(id)s", id=str(activity_id)), field="activity"
        )
    if not activity.planned:
        raise InputError(Message("this activity is not an open commitment"), field="activity")
    when = checks.partial(date, "date")
    if when is None:
        raise InputError(Message("give the date it was carried out"), field="date")
    checks.not_future(when, today or dt.date.today(), "date")
    activity.planned = False
    activity.date, activity.date_precision = when.date, when.precision
    session.flush()
    return activity


@dataclass
class CrisisInput:
    """A national-level crisis: in one country, or between two."""

    name: str
    countries: list[str]
    start: str | dt.date
    end: str | dt.date | None = None
    description: str | None = None


def add_crisis(session: Session, data: CrisisInput) -> CrisisEvent:
    """Record a national crisis (ISO country codes; end not before start)."""
    name = checks.short_text(data.name, "name", 300)
    codes = sorted({code.strip().upper() for code in data.countries if code.strip()})
    if len(codes) not in (1, 2):
        raise InputError(
            Message("give one country, or the two countries between which"), field="countries"
        )
    start = checks.partial(data.start, "start")
    if start is None:
        raise InputError(Message("a crisis needs a start date"), field="start")
    end = checks.partial(data.end, "end")
    checks.period(start, end)
    for code in codes:
        try:
            ensure_country(session, code)
        except InputError as exc:
            raise InputError(exc.reason, field="countries") from None
    crisis = CrisisEvent(
        name=name,
        country_a=codes[0],
        country_b=codes[1] if len(codes) == 2 else None,
        description=data.description,
        **checks.columns(start, "start"),
        **checks.columns(end, "end"),
    )
    session.add(crisis)
    session.flush()
    return crisis
