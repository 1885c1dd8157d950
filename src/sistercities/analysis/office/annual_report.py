"""The annual report: what the relationships did in a year, in the figures councils ask for.

Why: sister-city programmes must show their councils what the relationships
do — exchanges, people, volunteers, money — or they are "documents left
hanging on a wall" (`004`). The figures are counted from recorded activities
and their flows only; open commitments never count.

Definitions (:data:`DEFINITIONS`)
---------------------------------
activities
    Carried-out activities dated in the year (a date known only to the year
    counts in that year).
exchanges
    Flows of those activities, whatever they carried.
exchanges_outbound / exchanges_inbound
    With a home place: flows leaving it / reaching it. Without one: ``None``.
people_carried
    Sum of the amounts of personnel flows (each amount is a number of people).
people_flows_without_count
    Personnel flows whose number of people was not recorded.
participants / volunteers
    Sums of the activities' recorded participants and volunteers.
money_moved
    Sum of the amounts of capital flows, per unit (currency); a flow without
    a unit is summed under ``unspecified``.
flows_by_kind
    Number of flows of each kind (personnel, knowledge, capital, goods).

Every figure is given for all relationships together, by relationship and
by activity area.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import extract, or_, select
from sqlalchemy.orm import Session

from sistercities.errors import InputError
from sistercities.registry.models import Activity, Place, Relationship

DEFINITIONS: dict[str, str] = {
    "activities": "carried-out activities dated in the year (commitments excluded)",
    "exchanges": "flows of those activities",
    "exchanges_outbound": "flows leaving the home place (only with a home place)",
    "exchanges_inbound": "flows reaching the home place (only with a home place)",
    "people_carried": "sum of personnel flow amounts (people)",
    "people_flows_without_count": "personnel flows with no number recorded",
    "participants": "sum of recorded participants of the activities",
    "volunteers": "sum of recorded volunteers of the activities",
    "money_moved": "sum of capital flow amounts per unit (currency)",
    "flows_by_kind": "number of flows of each kind",
}
UNSPECIFIED = "unspecified"


@dataclass(frozen=True)
class FlowRecord:
    """One flow: from one side to the other."""

    from_place: str
    to_place: str
    kind: str
    amount: float | None = None
    unit: str | None = None
    from_place_id: int | None = None
    to_place_id: int | None = None


@dataclass(frozen=True)
class ReportActivity:
    """One carried-out activity as the report counts it."""

    id: int
    relationship: str
    area: str | None
    participants: int | None = None
    volunteers: int | None = None
    flows: tuple[FlowRecord, ...] = ()
    relationship_id: int | None = None


def _relationship_keys(activities: list[ReportActivity]) -> dict[int | None, str]:
    """A key per relationship: its label, with ``#id`` added where two share a label.

    Two agreements between the same places (a sister-city and a friendship
    agreement) or two places of the same name must not be counted as one.
    """
    ids_by_label: dict[str, set[int | None]] = defaultdict(set)
    for activity in activities:
        ids_by_label[activity.relationship].add(activity.relationship_id)
    return {
        activity.relationship_id: activity.relationship
        if len(ids_by_label[activity.relationship]) == 1
        else f"{activity.relationship} #{activity.relationship_id}"
        for activity in activities
    }


@dataclass
class Figures:
    """The figures of one group of activities (all, one relationship, one area)."""

    activities: int = 0
    exchanges: int = 0
    exchanges_outbound: int | None = None
    exchanges_inbound: int | None = None
    people_carried: float = 0
    people_flows_without_count: int = 0
    participants: int = 0
    volunteers: int = 0
    money_moved: dict[str, float] = field(default_factory=dict)
    flows_by_kind: dict[str, int] = field(default_factory=dict)

    def add(self, activity: ReportActivity, home_place_id: int | None) -> None:
        """Count one activity and its flows into these figures."""
        self.activities += 1
        self.participants += activity.participants or 0
        self.volunteers += activity.volunteers or 0
        for flow in activity.flows:
            self._flow(flow, home_place_id)

    def _flow(self, flow: FlowRecord, home_place_id: int | None) -> None:
        self.exchanges += 1
        self.flows_by_kind[flow.kind] = self.flows_by_kind.get(flow.kind, 0) + 1
        if home_place_id is not None:
            self.exchanges_outbound = (self.exchanges_outbound or 0) + (
                flow.from_place_id == home_place_id
            )
            self.exchanges_inbound = (self.exchanges_inbound or 0) + (
                flow.to_place_id == home_place_id
            )
        if flow.kind == "personnel":
            if flow.amount is None:
                self.people_flows_without_count += 1
            else:
                self.people_carried += flow.amount
        if flow.kind == "capital" and flow.amount is not None:
            unit = flow.unit or UNSPECIFIED
            self.money_moved[unit] = self.money_moved.get(unit, 0) + flow.amount

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in DEFINITIONS}


def annual_report(
    activities: list[ReportActivity], year: int, *, home_place_id: int | None = None
) -> dict[str, Any]:
    """Count the year's activities into figures: in all, by relationship, by area.

    Parameters
    ----------
    activities : list of ReportActivity
        The carried-out activities of the year (see :func:`load_activities`).
    year : int
        The year reported, echoed in the result.
    home_place_id : int, optional
        The place whose office reports: flows are then also counted as
        outbound (leaving it) or inbound (reaching it).

    Returns
    -------
    dict
        ``year``, ``totals``, ``by_relationship``, ``by_area``, ``directions``
        (flows per relationship and direction) and ``definitions``.

    Examples
    --------
    >>> visit = ReportActivity(1, "Cuenca – Peekskill", "sport", participants=40, volunteers=6,
    ...     flows=(FlowRecord("Peekskill", "Cuenca", "personnel", 24, "people", 2, 1),))
    >>> report = annual_report([visit], 2023, home_place_id=1)
    >>> report["totals"]["people_carried"], report["totals"]["exchanges_inbound"]
    (24, 1)
    """
    totals = Figures()
    by_relationship: dict[str, Figures] = defaultdict(Figures)
    by_area: dict[str, Figures] = defaultdict(Figures)
    directions: dict[str, Counter[str]] = defaultdict(Counter)
    keys = _relationship_keys(activities)
    for activity in activities:
        key = keys[activity.relationship_id]
        for figures in (
            totals,
            by_relationship[key],
            by_area[activity.area or UNSPECIFIED],
        ):
            figures.add(activity, home_place_id)
        for flow in activity.flows:
            directions[key][f"{flow.from_place} → {flow.to_place}"] += 1
    return {
        "year": year,
        "totals": totals.to_dict(),
        "by_relationship": {k: v.to_dict() for k, v in sorted(by_relationship.items())},
        "by_area": {k: v.to_dict() for k, v in sorted(by_area.items())},
        "directions": {k: dict(v) for k, v in sorted(directions.items())},
        "definitions": DEFINITIONS,
    }


def _record(activity: Activity) -> ReportActivity:
    rel = activity.relationship
    names = {rel.place_a_id: rel.place_a.name, rel.place_b_id: rel.place_b.name}
    return ReportActivity(
        id=activity.id,
        relationship=rel.label(),
        area=activity.area,
        participants=activity.participants,
        volunteers=activity.volunteers,
        flows=tuple(
            FlowRecord(
                names.get(f.from_place_id, "?"),
                names.get(f.to_place_id, "?"),
                f.kind,
                f.amount,
                f.unit,
                f.from_place_id,
                f.to_place_id,
            )
            for f in activity.flows
        ),
        relationship_id=rel.id,
    )


def load_activities(
    session: Session, year: int, place: Place | None = None
) -> list[ReportActivity]:
    """The carried-out activities dated in ``year`` (of one place's relationships if given)."""
    query = (
        select(Activity)
        .join(Relationship)
        .where(Activity.planned.is_(False), Activity.date.is_not(None))
        .where(extract("year", Activity.date) == year)
        .order_by(Activity.date, Activity.id)
    )
    if place is not None:
        query = query.where(
            or_(Relationship.place_a_id == place.id, Relationship.place_b_id == place.id)
        )
    return [_record(a) for a in session.scalars(query)]


def report_for_year(session: Session, year: int, place: Place | None = None) -> dict[str, Any]:
    """The annual report of the registry (or of one place, counted from its side)."""
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise InputError(f"{year} is not a year", field="year")
    activities = load_activities(session, year, place)
    report = annual_report(activities, year, home_place_id=place.id if place else None)
    report["place"] = place.label() if place else None
    return report
