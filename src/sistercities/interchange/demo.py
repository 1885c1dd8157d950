"""The demo registry: the cases the three seed papers describe, each record cited.

The data lives in ``sistercities/data/demo_registry.json`` (only what the
papers state; unknown dates stay unknown). Loading it into an empty registry
is the first thing a new user does (``sistercities demo``); loading it into a
registry that already holds data is refused, so the demo never mixes with real
records.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sistercities import taxonomy
from sistercities.dates import PartialDate, parse_partial
from sistercities.errors import InputError
from sistercities.registry import audit
from sistercities.registry.models import (
    Activity,
    ActivityActor,
    Actor,
    Administration,
    AuditEntry,
    Citation,
    CrisisEvent,
    Flow,
    Place,
    Relationship,
    RelationshipActor,
    Source,
    StatusChange,
)
from sistercities.registry.records import (
    PlaceInput,
    add_relationship,
    check_choice,
    get_or_add_place,
)


def demo_data() -> dict[str, Any]:
    """The bundled demo registry as parsed JSON."""
    text = (resources.files("sistercities") / "data" / "demo_registry.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _date(value: str | None, field: str) -> PartialDate | None:
    return parse_partial(value, field=field)


def _dated(value: str | None, field: str, date_column: str) -> dict[str, Any]:
    """Column values for a partial date: ``start`` → ``start_date``, ``start_precision``."""
    parsed = _date(value, field)
    precision_column = "date_precision" if date_column == "date" else f"{date_column}_precision"
    if date_column != "date":
        date_column = f"{date_column}_date"
    return {
        date_column: parsed.date if parsed else None,
        precision_column: parsed.precision if parsed else None,
    }


class _Loader:
    """Loads the demo JSON record by record, keeping the key → row maps."""

    def __init__(self, session: Session, data: dict[str, Any]):
        self.session = session
        self.data = data
        self.sources: dict[str, Source] = {}
        self.places: dict[str, Place] = {}
        self.relationships: dict[str, Relationship] = {}
        self.actors: dict[str, Actor] = {}

    def cite(self, entity: str, entity_id: int, cites: list[dict[str, str]]) -> None:
        """Each citation's locator with the passage it quotes (``tests/test_demo_citations``
        checks every quote against the paper text)."""
        for cite in cites:
            locator, quote = cite.get("locator"), cite.get("quote")
            if quote:
                locator = f"{locator}, '{quote}'" if locator else f"'{quote}'"
            self.session.add(
                Citation(
                    source_id=self.sources[cite["source"]].id,
                    entity=entity,
                    entity_id=entity_id,
                    locator=locator,
                )
            )

    def load(self) -> None:
        for item in self.data.get("sources", []):
            source = Source(key=item["key"], citation=item["citation"], url=item.get("file"))
            self.session.add(source)
            self.sources[item["key"]] = source
        self.session.flush()
        for item in self.data.get("places", []):
            self._place(item)
        for item in self.data.get("actors", []):
            self._actor(item)
        for item in self.data.get("relationships", []):
            self._relationship(item)
        for item in self.data.get("relationship_actors", []):
            self._relationship_actor(item)
        for item in self.data.get("administrations", []):
            self._administration(item)
        for item in self.data.get("activities", []):
            self._activity(item)
        for item in self.data.get("events", []):
            self._event(item)
        self.session.flush()

    def _place(self, item: dict[str, Any]) -> None:
        place = get_or_add_place(
            self.session,
            PlaceInput(
                name=item["name"],
                country=item.get("country"),
                kind=item.get("kind") or "city",
                admin1=item.get("admin1"),
                population=item.get("population"),
            ),
        )
        self.places[item["key"]] = place
        self.cite("places", place.id, item.get("cite", []))

    def _actor(self, item: dict[str, Any]) -> None:
        role = check_choice(item["role"], taxonomy.ActorRole, "role")
        assert role is not None
        place = self.places.get(item["place"]) if item.get("place") else None
        actor = Actor(
            name=item["name"],
            kind=item.get("kind") or "organisation",
            tier=taxonomy.tier_of(role),
            role=role,
            place_id=place.id if place else None,
            country_code=item.get("country") or (place.country_code if place else None),
            notes=item.get("notes"),
        )
        self.session.add(actor)
        self.session.flush()
        self.actors[item["key"]] = actor
        self.cite("actors", actor.id, item.get("cite", []))

    def _relationship(self, item: dict[str, Any]) -> None:
        rel = add_relationship(
            self.session,
            self.places[item["a"]],
            self.places[item["b"]],
            kind=item.get("kind") or "sister_city",
            status=item.get("status") or "active",
            start=item.get("start"),
            end=item.get("end"),
            initiated_by=item.get("initiated_by"),
            notes=item.get("notes"),
        )
        rel.initiated_by_note = item.get("initiated_by_note")
        self._status_history(rel, item.get("status_history", []))
        self.relationships[item["key"]] = rel
        self.cite("relationships", rel.id, item.get("cite", []))

    def _status_history(self, rel: Relationship, history: list[dict[str, Any]]) -> None:
        """The cited history replaces the "recorded as ..." step ``add_relationship``
        adds, so each change shows once, with the status it came from."""
        if not history:
            return
        for pending in list(self.session.new):
            if isinstance(pending, StatusChange) and pending.relationship_id == rel.id:
                self.session.expunge(pending)
        previous: str | None = None
        for change in history:
            when = _date(change.get("date"), "status_history.date")
            status = check_choice(
                change["status"], taxonomy.RelationshipStatus, "status_history.status"
            )
            self.session.add(
                StatusChange(
                    relationship_id=rel.id,
                    from_status=previous,
                    to_status=status,
                    date=when.date if when else None,
                    date_precision=when.precision if when else None,
                    reason=change.get("reason"),
                    recorded_by="demo",
                )
            )
            previous = status

    def _relationship_actor(self, item: dict[str, Any]) -> None:
        side = self.places[item["side"]] if item.get("side") else None
        link = RelationshipActor(
            relationship_id=self.relationships[item["relationship"]].id,
            actor_id=self.actors[item["actor"]].id,
            role=item["role"],
            side_place_id=side.id if side else None,
            **_dated(item.get("start"), "start", "start"),
            **_dated(item.get("end"), "end", "end"),
        )
        self.session.add(link)
        self.session.flush()
        self.cite("relationship_actors", link.id, item.get("cite", []))

    def _administration(self, item: dict[str, Any]) -> None:
        admin = Administration(
            place_id=self.places[item["place"]].id,
            office=item["office"],
            holder=item["holder"],
            **_dated(item.get("start"), "start", "start"),
            **_dated(item.get("end"), "end", "end"),
        )
        self.session.add(admin)
        self.session.flush()
        self.cite("administrations", admin.id, item.get("cite", []))

    def _activity(self, item: dict[str, Any]) -> None:
        initiator = self.places[item["initiated_by"]] if item.get("initiated_by") else None
        activity = Activity(
            relationship_id=self.relationships[item["relationship"]].id,
            title=item["title"],
            description=item.get("description"),
            layer=check_choice(item.get("layer"), taxonomy.Layer, "layer"),
            area=check_choice(item.get("area"), taxonomy.ActivityArea, "area"),
            initiated_by_place_id=initiator.id if initiator else None,
            planned=bool(item.get("planned", False)),
            **_dated(item.get("date"), "date", "date"),
        )
        self.session.add(activity)
        self.session.flush()
        for link in item.get("actors", []):
            self.session.add(
                ActivityActor(
                    activity_id=activity.id,
                    actor_id=self.actors[link["actor"]].id,
                    role=link.get("role") or "participant",
                )
            )
        for flow in item.get("flows", []):
            self.session.add(
                Flow(
                    activity_id=activity.id,
                    from_place_id=self.places[flow["from"]].id,
                    to_place_id=self.places[flow["to"]].id,
                    kind=check_choice(flow["kind"], taxonomy.FlowKind, "flows.kind"),
                    amount=flow.get("amount"),
                    unit=flow.get("unit"),
                    description=flow.get("description"),
                )
            )
        self.cite("activities", activity.id, item.get("cite", []))

    def _event(self, item: dict[str, Any]) -> None:
        start = _date(item.get("start"), "events.start")
        if start is None:
            raise InputError("a crisis needs a start date", field="events.start")
        end = _date(item.get("end"), "events.end")
        countries = sorted(item["countries"])
        if len(countries) not in (1, 2):
            raise InputError("a crisis is in one country or between two", field="events.countries")
        country_a, country_b = countries[0], (countries[1] if len(countries) == 2 else None)
        event = CrisisEvent(
            name=item["name"],
            country_a=country_a,
            country_b=country_b,
            start_date=start.date,
            start_precision=start.precision,
            end_date=end.date if end else None,
            end_precision=end.precision if end else None,
            description=item.get("description"),
        )
        self.session.add(event)
        self.session.flush()
        self.cite("crisis_events", event.id, item.get("cite", []))


def is_empty(session: Session) -> bool:
    """Whether the registry holds no places and no relationships yet."""
    places = session.scalar(select(func.count()).select_from(Place)) or 0
    return places == 0


def load_demo(session: Session) -> dict[str, int]:
    """Load the demo registry into an empty registry; returns counts per record kind."""
    if not is_empty(session):
        raise InputError(
            "the registry already holds data; load the demo into an empty registry "
            "(for example: sistercities --db demo.sqlite demo)",
            field="db",
        )
    data = demo_data()
    _Loader(session, data).load()
    audit.record(session, action="import", entity="demo", note="demo registry from the seed papers")
    return {name: len(data.get(name, [])) for name in data if name != "sources"}


def has_demo(session: Session) -> bool:
    """Whether the demo registry was loaded into this registry."""
    found = session.scalar(
        select(func.count())
        .select_from(AuditEntry)
        .where(AuditEntry.entity == "demo", AuditEntry.action == "import")
    )
    return bool(found)
