"""Plain records the relationship analyses take: no database, no session.

``analysis.from_registry`` builds them from the registry; tests build them by
hand. Ids are whatever the registry uses (ints there); titles travel with them
so that every figure can show the records behind it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class PlaceRec:
    """A place: its country (ISO alpha-2), population and coordinates where known."""

    id: int
    name: str
    country: str | None = None
    population: int | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class ActorRec:
    """An actor with its tier (``taxonomy.ActorTier`` value) and the place it belongs to."""

    id: int
    name: str
    tier: str
    role: str | None = None
    place_id: int | None = None


@dataclass(frozen=True)
class FlowRec:
    """Something carried from one side to the other (``taxonomy.FlowKind``)."""

    id: int
    activity_id: int
    from_place_id: int | None
    to_place_id: int | None
    kind: str
    amount: float | None = None
    unit: str | None = None


@dataclass(frozen=True)
class ActivityRec:
    """What a relationship did: date, layer and area (taxonomy values), who, what flowed.

    ``planned``: a commitment not yet carried out. It never counts as a layer
    covered, a phase reached or activity in a crisis window.
    """

    id: int
    title: str
    date: date | None = None
    date_precision: str | None = None
    layer: str | None = None
    area: str | None = None
    initiated_by_place_id: int | None = None
    actors: tuple[ActorRec, ...] = ()
    flows: tuple[FlowRec, ...] = ()
    planned: bool = False


@dataclass(frozen=True)
class StatusRec:
    """A change of a relationship's status on a (partial) date; kept in recorded order."""

    date: date | None
    status: str
    note: str = ""
    precision: str | None = None


@dataclass(frozen=True)
class CrisisRec:
    """A national crisis between two countries, or inside one (second code None)."""

    id: int
    name: str
    countries: tuple[str, str | None]
    start: date
    end: date | None = None
    start_precision: str | None = None
    end_precision: str | None = None


@dataclass(frozen=True)
class RelationshipRec:
    """A relationship with everything the analyses read."""

    id: int
    a: PlaceRec
    b: PlaceRec
    kind: str = "sister_city"
    status: str = "active"
    start: date | None = None
    activities: tuple[ActivityRec, ...] = ()
    actors: tuple[ActorRec, ...] = ()
    status_changes: tuple[StatusRec, ...] = field(default=())

    @property
    def title(self) -> str:
        return f"{self.a.name} – {self.b.name}"

    def side_of(self, place_id: int | None) -> str | None:
        """'a', 'b' or None for a place id."""
        if place_id is None:
            return None
        if place_id == self.a.id:
            return "a"
        if place_id == self.b.id:
            return "b"
        return None
