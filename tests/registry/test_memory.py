"""Institutional memory writers: actors, links, administrations, activities, status, access.

Every bad input is refused with the field named, and nothing is stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sistercities.errors import ConflictError, InputError
from sistercities.registry import memory
from sistercities.registry.models import (
    Activity,
    Actor,
    Administration,
    AuditEntry,
    CrisisEvent,
    Flow,
    Relationship,
    RelationshipActor,
    StatusChange,
)
from sistercities.registry.records import PlaceInput, add_relationship, get_or_add_place
from sistercities.registry.store import Registry

TODAY = dt.date(2024, 6, 1)


def _count(registry: Registry, model: type) -> int:
    with registry.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _refused(registry: Registry, write: Callable[[Session], Any], field: str, model: type) -> None:
    """``write`` raises InputError naming ``field`` and stores nothing at all."""
    rows, audit = _count(registry, model), _count(registry, AuditEntry)
    with pytest.raises(InputError) as info, registry.session() as session:
        write(session)
    assert info.value.field == field, str(info.value)
    assert field in str(info.value)
    assert _count(registry, model) == rows
    assert _count(registry, AuditEntry) == audit


@pytest.fixture
def pair(registry: Registry) -> dict[str, int]:
    """Cuenca–Peekskill (2021) and a third place, Quito, that is no side of it."""
    with registry.session() as session:
        cuenca = get_or_add_place(session, PlaceInput("Cuenca", "EC"))
        peekskill = get_or_add_place(session, PlaceInput("Peekskill", "US"))
        quito = get_or_add_place(session, PlaceInput("Quito", "EC"))
        rel = add_relationship(session, cuenca, peekskill, status="active", start="2021")
        return {"rel": rel.id, "cuenca": cuenca.id, "peekskill": peekskill.id, "quito": quito.id}


def _actor(registry: Registry, role: str = "council_member", **kw: Any) -> int:
    with registry.session() as session:
        return memory.add_actor(session, memory.ActorInput(name=f"A {role}", role=role, **kw)).id


# actors and links


def test_an_actors_tier_follows_from_its_role(registry: Registry, pair: dict[str, int]) -> None:
    with registry.session() as session:
        diaspora = memory.add_actor(
            session,
            memory.ActorInput(
                "Ecuadorian organisations", "diaspora_organisation", place_id=pair["peekskill"]
            ),
        )
        assert diaspora.tier == "non_state"
        assert diaspora.country_code == "US"
        ledesma = memory.add_actor(session, memory.ActorInput("Fabián Ledesma", "council_member"))
        assert ledesma.tier == "sub_state"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (memory.ActorInput("X", "wizard"), "role"),
        (memory.ActorInput("", "mayor"), "name"),
        (memory.ActorInput("X", "mayor", kind="robot"), "kind"),
        (memory.ActorInput("X", "mayor", contact={"email": "not-an-address"}), "contact.email"),
        (memory.ActorInput("X", "mayor", contact={"shoe_size": "44"}), "contact.shoe_size"),
        (memory.ActorInput("X", "mayor", place_id=9999), "place"),
    ],
)
def test_bad_actors_are_refused(registry: Registry, data: memory.ActorInput, field: str) -> None:
    _refused(registry, lambda s: memory.add_actor(s, data), field, Actor)


def test_a_manager_holds_its_side_of_the_relationship(
    registry: Registry, pair: dict[str, int]
) -> None:
    association = _actor(registry, "sister_city_association")
    with registry.session() as session:
        before = session.get(Relationship, pair["rel"])
        assert before is not None
        version = before.version
        memory.link_actor(
            session, memory.LinkInput(pair["rel"], association, "manager", side="Peekskill")
        )
    with registry.session() as session:
        rel = session.get(Relationship, pair["rel"])
        assert rel is not None
        holder = rel.manager_a_actor_id if rel.side_of(pair["peekskill"]) == "a" else None
        holder = holder or rel.manager_b_actor_id
        assert holder == association
        assert rel.version == version + 1


@pytest.mark.parametrize(("end", "holds"), [(None, True), ("2027", True), ("2020", False)])
def test_a_manager_holds_its_side_until_its_period_ends(
    registry: Registry, pair: dict[str, int], end: str | None, holds: bool
) -> None:
    association = _actor(registry, "sister_city_association")
    with registry.session() as session:
        data = memory.LinkInput(pair["rel"], association, "manager", "Cuenca", "2019", end)
        memory.link_actor(session, data, today=TODAY)
    with registry.session() as session:
        rel = session.get(Relationship, pair["rel"])
        assert rel is not None
        holders = {rel.manager_a_actor_id, rel.manager_b_actor_id} - {None}
    assert holders == ({association} if holds else set())


@pytest.mark.parametrize(
    ("link", "field"),
    [
        ({"part": "carrier", "side": "Quito"}, "side"),
        ({"part": "carrier", "side": None}, "side"),
        ({"part": "godparent", "side": "Cuenca"}, "part"),
        ({"part": "contact", "side": "Cuenca", "start": "2022", "end": "2021"}, "end"),
        ({"part": "contact", "actor": 9999}, "actor"),
    ],
)
def test_bad_links_are_refused(
    registry: Registry, pair: dict[str, int], link: dict[str, Any], field: str
) -> None:
    actor, link = _actor(registry), dict(link)
    if link.get("side") == "Quito":
        link["side"] = pair["quito"]
    data = memory.LinkInput(pair["rel"], link.pop("actor", actor), **link)
    _refused(registry, lambda s: memory.link_actor(s, data), field, RelationshipActor)


# administrations


def test_an_administration_may_end_in_the_future(registry: Registry, pair: dict[str, int]) -> None:
    with registry.session() as session:
        admin = memory.add_administration(
            session,
            memory.AdministrationInput(pair["cuenca"], "mayor", "Cristian Zamora", "2023", "2027"),
        )
        assert admin.end_date == dt.date(2027, 1, 1)


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"start": "2023-05", "end": "2019"}, "end"),
        ({"start": "May 2023"}, "start"),
        ({"office": ""}, "office"),
        ({"holder": " "}, "holder"),
        ({"place_id": 9999}, "place"),
    ],
)
def test_bad_administrations_are_refused(
    registry: Registry, pair: dict[str, int], kw: dict[str, Any], field: str
) -> None:
    values = {"place_id": pair["quito"], "office": "mayor", "holder": "Pabel Muñoz", **kw}
    data = memory.AdministrationInput(**values)
    _refused(registry, lambda s: memory.add_administration(s, data), field, Administration)


# activities and flows


def _tournament(pair: dict[str, int], **kw: Any) -> memory.ActivityInput:
    values: dict[str, Any] = {
        "relationship_id": pair["rel"],
        "title": "Youth soccer tournament",
        "date": "2023-07",
        "layer": "decentralised_cooperation",
        "area": "sport",
        "participants": 40,
        "volunteers": 6,
        "flows": [memory.FlowInput("Peekskill", "Cuenca", "personnel", 24, "people")],
    }
    values.update(kw)
    return memory.ActivityInput(**values)


def test_an_activity_is_stored_with_its_actors_and_flows(
    registry: Registry, pair: dict[str, int]
) -> None:
    corp = _actor(registry, "sister_city_association")
    with registry.session() as session:
        activity = memory.add_activity(
            session, _tournament(pair, actors=[(corp, "organiser")]), today=TODAY
        )
        assert activity.date == dt.date(2023, 7, 1) and activity.date_precision == "month"
        assert [(f.from_place_id, f.to_place_id, f.amount) for f in activity.flows] == [
            (pair["peekskill"], pair["cuenca"], 24)
        ]
        assert [(link.actor_id, link.role) for link in activity.actor_links] == [
            (corp, "organiser")
        ]


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"date": "2030-01-01"}, "date"),
        ({"date": "2024-13"}, "date"),
        ({"title": ""}, "title"),
        ({"layer": "cultural"}, "layer"),
        ({"area": "karaoke"}, "area"),
        ({"initiated_by": "Quito"}, "initiated_by"),
        ({"participants": -3}, "participants"),
        ({"volunteers": -1}, "volunteers"),
        ({"flows": [memory.FlowInput("Quito", "Cuenca", "personnel")]}, "flows[0].from"),
        ({"flows": [memory.FlowInput("Cuenca", "Quito", "personnel")]}, "flows[0].to"),
        ({"flows": [memory.FlowInput("Cuenca", "Cuenca", "goods")]}, "flows[0].to"),
        ({"flows": [memory.FlowInput("Cuenca", "Peekskill", "love")]}, "flows[0].kind"),
        ({"flows": [memory.FlowInput("Cuenca", "Peekskill", "")]}, "flows[0].kind"),
        (
            {
                "flows": [
                    memory.FlowInput("Cuenca", "Peekskill", "goods"),
                    memory.FlowInput("Cuenca", "Peekskill", "capital", -500, "USD"),
                ]
            },
            "flows[1].amount",
        ),
        ({"actors": [(9999, "organiser")]}, "actors[0]"),
        ({"relationship_id": 9999}, "relationship"),
    ],
)
def test_bad_activities_are_refused(
    registry: Registry, pair: dict[str, int], kw: dict[str, Any], field: str
) -> None:
    data = _tournament(pair, **kw)
    _refused(registry, lambda s: memory.add_activity(s, data, today=TODAY), field, Activity)
    assert _count(registry, Flow) == 0


def test_an_open_commitment_may_be_due_in_the_future_and_is_fulfilled_later(
    registry: Registry, pair: dict[str, int]
) -> None:
    with registry.session() as session:
        planned = memory.add_activity(
            session,
            memory.ActivityInput(
                pair["rel"],
                "University exchange",
                date="2025",
                planned=True,
                area="education_and_youth",
            ),
            today=TODAY,
        )
        planned_id = planned.id
    _refused(
        registry,
        lambda s: memory.fulfil_commitment(s, planned_id, "2031", today=TODAY),
        "date",
        Activity,
    )
    with registry.session() as session:
        done = memory.fulfil_commitment(session, planned_id, "2024-05-20", today=TODAY)
        assert not done.planned and done.date == dt.date(2024, 5, 20)
    _refused(
        registry,
        lambda s: memory.fulfil_commitment(s, planned_id, "2024-05-21", today=TODAY),
        "activity",
        Activity,
    )


# crises


def test_a_crisis_between_two_countries(registry: Registry) -> None:
    with registry.session() as session:
        crisis = memory.add_crisis(
            session, memory.CrisisInput("EP-3 incident", ["us", "CN"], "2001-04-01", "2001-04-11")
        )
        assert (crisis.country_a, crisis.country_b) == ("CN", "US")


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"end": "2000"}, "end"),
        ({"start": None}, "start"),
        ({"countries": ["XX"]}, "countries"),
        ({"countries": ["US", "CN", "EC"]}, "countries"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_crises_are_refused(registry: Registry, kw: dict[str, Any], field: str) -> None:
    values: dict[str, Any] = {"name": "EP-3", "countries": ["US", "CN"], "start": "2001"}
    values.update(kw)
    data = memory.CrisisInput(**values)
    _refused(registry, lambda s: memory.add_crisis(s, data), field, CrisisEvent)


# status


def _set(
    registry: Registry, pair: dict[str, int], status: str, date: str, **kw: Any
) -> StatusChange:
    with registry.session(user=kw.pop("user", "tester")) as session:
        data = memory.StatusInput(pair["rel"], status, date, kw.pop("reason", "noted"), **kw)
        return memory.set_status(session, data, today=TODAY)


def test_status_changes_keep_the_whole_history(registry: Registry, pair: dict[str, int]) -> None:
    _set(registry, pair, "dormant", "2022-06", reason="no contact since the elections")
    _set(registry, pair, "active", "2023-07", reason="revived by the youth tournament")
    with registry.session() as session:
        rel = session.get(Relationship, pair["rel"])
        assert rel is not None and rel.status == "active"
        steps = [(c.from_status, c.to_status, c.reason) for c in rel.status_changes]
    assert steps == [
        (None, "active", "recorded as active"),
        ("active", "dormant", "no contact since the elections"),
        ("dormant", "active", "revived by the youth tournament"),
    ]


@pytest.mark.parametrize(
    ("steps", "wanted", "field"),
    [
        ([("ended", "2023")], ("active", "2024"), "status"),
        ([], ("proposed", "2024"), "status"),
        ([], ("active", "2024"), "status"),
        ([("dormant", "2023-05")], ("active", "2022"), "date"),
        ([], ("dormant", "2099"), "date"),
        ([], ("dormant", "yesterday"), "date"),
        ([], ("asleep", "2023"), "status"),
    ],
)
def test_status_changes_out_of_order_are_refused(
    registry: Registry,
    pair: dict[str, int],
    steps: list[tuple[str, str]],
    wanted: tuple[str, str],
    field: str,
) -> None:
    for status, date in steps:
        _set(registry, pair, status, date)
    data = memory.StatusInput(pair["rel"], wanted[0], wanted[1], "because")
    _refused(registry, lambda s: memory.set_status(s, data, today=TODAY), field, StatusChange)


def test_a_status_change_needs_a_reason(registry: Registry, pair: dict[str, int]) -> None:
    data = memory.StatusInput(pair["rel"], "dormant", "2023", "  ")
    _refused(registry, lambda s: memory.set_status(s, data, today=TODAY), "reason", StatusChange)


def test_two_writers_changing_the_status_the_second_is_told(
    registry: Registry, pair: dict[str, int]
) -> None:
    with pytest.raises(ConflictError), registry.session(user="first") as first:
        mine = first.get(Relationship, pair["rel"])
        assert mine is not None
        _set(registry, pair, "dormant", "2023", user="second", reason="no reply")
        data = memory.StatusInput(pair["rel"], "suspended", "2023", "council vote")
        memory.set_status(first, data, today=TODAY)
    with registry.session() as session:
        rel = session.get(Relationship, pair["rel"])
        assert rel is not None and rel.status == "dormant"
        assert [c.to_status for c in rel.status_changes] == ["active", "dormant"]


def test_a_writer_holding_an_old_version_is_told(registry: Registry, pair: dict[str, int]) -> None:
    change = _set(registry, pair, "dormant", "2023", expected_version=1)
    assert change.to_status == "dormant"
    with pytest.raises(ConflictError, match="version"):
        _set(registry, pair, "active", "2024", expected_version=1)


# access and history


def test_only_officers_grant_roles_and_see_personal_data_in_history(
    registry: Registry, pair: dict[str, int]
) -> None:
    _actor(registry, "council_member", contact={"email": "ledesma@example.org"})
    with registry.session(user="ana") as session:
        memory.grant(session, "ana", "officer")
    with pytest.raises(memory.AccessDeniedError), registry.session(user="bob") as session:
        memory.grant(session, "bob", "officer")
    with pytest.raises(memory.AccessDeniedError), registry.session(user="bob") as session:
        memory.history(session, entity="actors", show_personal=True)
    with registry.session(user="bob") as session:
        shown = memory.history(session, entity="actors")
    assert "ledesma@example.org" not in str(shown)
    assert shown[0]["after"]["contact"] == "(personal data hidden)"
    with registry.session(user="ana") as session:
        assert "ledesma@example.org" in str(memory.history(session, show_personal=True))
        memory.grant(session, "bob", "staff")
        assert memory.is_officer(session, "ana") and not memory.is_officer(session, "bob")


def test_history_attributes_every_change(registry: Registry, pair: dict[str, int]) -> None:
    _set(registry, pair, "dormant", "2023", user="maria", reason="no reply since 2022")
    with registry.session() as session:
        entries = memory.history(session, entity="relationships", entity_id=pair["rel"])
    latest = entries[0]
    assert latest["user"] == "maria" and latest["action"] == "update"
    assert latest["before"]["status"] == "active" and latest["after"]["status"] == "dormant"


def test_history_of_one_record_starts_with_its_creation(
    registry: Registry, pair: dict[str, int]
) -> None:
    _set(registry, pair, "dormant", "2023", user="maria", reason="no reply since 2022")
    actor = _actor(registry)
    with registry.session() as session:
        entries = memory.history(session, entity="relationships", entity_id=pair["rel"])
        created = memory.history(session, entity="actors", entity_id=actor)
    steps = [(e["action"], e["user"]) for e in entries]
    assert steps == [("update", "maria"), ("create", "tester")]
    assert entries[-1]["after"]["id"] == pair["rel"]
    assert [e["action"] for e in created] == ["create"]


def test_history_times_are_utc_on_every_backend(registry: Registry, pair: dict[str, int]) -> None:
    # PostgreSQL reads them back aware, SQLite naive: JSON must not depend on the backend
    with registry.session() as session:
        entries = memory.history(session, entity="relationships", entity_id=pair["rel"])
    assert entries and all(e["at"].utcoffset() == dt.timedelta(0) for e in entries)
    assert abs(dt.datetime.now(dt.UTC) - entries[0]["at"]) < dt.timedelta(minutes=5)
