"""The one record vocabulary of the analyses: plain records, no database, no session.

:mod:`sistercities.analysis.load` builds them from the registry; tests build
them by hand. Every analysis (health, the annual report, asymmetry, phases,
resilience, matching) reads these and nothing else. Ids are whatever the
registry uses (ints there); titles travel with them so that every figure can
show the records behind it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sistercities.messages import Message, When


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
    from_place: str = "?"  # the names of the two places, for people
    to_place: str = "?"


@dataclass(frozen=True)
class ActivityRec:
    """What a relationship did: date, layer and area (taxonomy values), who, what flowed.

    ``planned``: a commitment not yet carried out. It never counts as a layer
    covered, a phase reached, activity in a crisis window or contact.
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
    planned: bool = False  # an open commitment: never counted as done
    participants: int | None = None
    volunteers: int | None = None
    relationship_id: int | None = None
    relationship: str = ""  # the relationship's label, for people

    @property
    def label(self) -> Message:
        """How the activity is cited as evidence: ``activity 3 (2023-07): Tournament``."""
        when = When(self.date, self.date_precision) if self.date else Message("undated")
        return Message(
            "activity %(id)s (%(date)s): %(title)s", id=str(self.id), date=when, title=self.title
        )


@dataclass(frozen=True)
class LinkRec:
    """An actor's part in a relationship (manager, carrier...), for one side and until when."""

    actor_id: int
    name: str
    tier: str
    role: str
    part: str
    side_place_id: int | None = None
    end: date | None = None
    end_precision: str | None = None
    id: int | None = None  # the link's own id: the dossier lists links in recorded order
    start: date | None = None
    start_precision: str | None = None
    #: personal data (e-mail, phone): read only for an officer who asked, else None
    contact: dict[str, Any] | None = field(default=None, hash=False)


@dataclass(frozen=True)
class AdministrationRec:
    """Who held an office of one of the two places, and when."""

    id: int
    place_id: int
    office: str
    holder: str
    start: date | None = None
    end: date | None = None
    end_precision: str | None = None
    start_precision: str | None = None

    @property
    def label(self) -> Message:
        """How it is cited: ``administration 2: mayor X (2023-01-01 – in office)``."""
        end = When(self.end, self.end_precision) if self.end else Message("in office")
        start = When(self.start, "day") if self.start else "?"
        return Message(
            "administration %(id)s: %(office)s %(holder)s (%(start)s – %(end)s)",
            id=str(self.id),
            office=self.office,
            holder=self.holder,
            start=start,
            end=end,
        )


@dataclass(frozen=True)
class StatusRec:
    """A change of a relationship's status on a (partial) date; kept in recorded order.

    ``status`` is the status it went to, ``from_status`` the one it left (``None``
    for the first step).
    """

    date: date | None
    status: str
    note: str = ""
    precision: str | None = None
    from_status: str | None = None


@dataclass(frozen=True)
class HistoryStepRec:
    """One step of a status history as a person reads it, date written out.

    The loader takes these from :func:`sistercities.registry.memory.status.status_history`
    (each change once, in date order, with the status it came from), so the
    dossier and ``show relationship`` tell one history.
    """

    to_status: str
    from_status: str | None = None
    date: str | None = None
    reason: str | None = None
    recorded_by: str | None = None


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
    start_precision: str | None = None
    links: tuple[LinkRec, ...] = ()
    administrations: tuple[AdministrationRec, ...] = ()
    label: str = ""  # as people read it: ``Cuenca (EC) – Peekskill (US)``
    end: date | None = None
    end_precision: str | None = None
    initiated_by: str | None = None  # 'a', 'b' or 'both'
    initiated_by_note: str | None = None
    notes: str | None = None
    #: the status history as a person reads it (each change once, in date order)
    history: tuple[HistoryStepRec, ...] = ()

    @property
    def title(self) -> str:
        return f"{self.a.name} – {self.b.name}"

    @property
    def sides(self) -> tuple[tuple[int, str], tuple[int, str]]:
        """(place id, name) of side a and side b."""
        return (self.a.id, self.a.name), (self.b.id, self.b.name)

    def side_of(self, place_id: int | None) -> str | None:
        """'a', 'b' or None for a place id."""
        if place_id is None:
            return None
        if place_id == self.a.id:
            return "a"
        if place_id == self.b.id:
            return "b"
        return None


@dataclass(frozen=True)
class DossierRec:
    """Everything the handover dossier of one place reads.

    ``include_contacts`` says whether the links carry contact details (read
    only for an officer who asked for them); ``prepared_by`` is the user the
    registry was read as.
    """

    place: PlaceRec
    relationships: tuple[RelationshipRec, ...] = ()
    administrations: tuple[AdministrationRec, ...] = ()
    prepared_by: str = "unknown"
    include_contacts: bool = False
