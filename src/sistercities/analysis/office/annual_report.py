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

from sistercities.analysis.records import ActivityRec, FlowRec
from sistercities.errors import InputError
from sistercities.messages import Message

DEFINITIONS: dict[str, Message] = {
    "activities": Message("carried-out activities dated in the year (commitments excluded)"),
    "exchanges": Message("flows of those activities"),
    "exchanges_outbound": Message("flows leaving the home place (only with a home place)"),
    "exchanges_inbound": Message("flows reaching the home place (only with a home place)"),
    "people_carried": Message("sum of personnel flow amounts (people)"),
    "people_flows_without_count": Message("personnel flows with no number recorded"),
    "participants": Message("sum of recorded participants of the activities"),
    "volunteers": Message("sum of recorded volunteers of the activities"),
    "money_moved": Message("sum of capital flow amounts per unit (currency)"),
    "flows_by_kind": Message("number of flows of each kind"),
}
UNSPECIFIED = "unspecified"


def _relationship_keys(activities: list[ActivityRec]) -> dict[int | None, str]:
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

    def add(self, activity: ActivityRec, home_place_id: int | None) -> None:
        """Count one activity and its flows into these figures."""
        self.activities += 1
        self.participants += activity.participants or 0
        self.volunteers += activity.volunteers or 0
        for flow in activity.flows:
            self._flow(flow, home_place_id)

    def _flow(self, flow: FlowRec, home_place_id: int | None) -> None:
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
    activities: list[ActivityRec], year: int, *, home_place_id: int | None = None
) -> dict[str, Any]:
    """Count the year's activities into figures: in all, by relationship, by area.

    Parameters
    ----------
    activities : list of ActivityRec
        The carried-out activities of the year
        (see :func:`sistercities.analysis.load.year_activities`).
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
    >>> flow = FlowRec(1, 1, 2, 1, "personnel", 24, "people", "Peekskill", "Cuenca")
    >>> visit = ActivityRec(1, "Youth exchange", area="sport", participants=40, volunteers=6,
    ...     flows=(flow,), relationship_id=20, relationship="Cuenca – Peekskill")
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


def check_year(year: int) -> int:
    """A year the calendar can hold, or an error naming the field.

    >>> check_year(0)
    Traceback (most recent call last):
    ...
    sistercities.errors.InputError: year: 0 is not a year
    """
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise InputError(Message("%(year)s is not a year", year=str(year)), field="year")
    return year
