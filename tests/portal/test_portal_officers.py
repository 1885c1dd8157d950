"""Who may switch a city's portal on: one rule for the CLI's names and the web's accounts.

On SQLite and PostgreSQL: an officer account tied to Cuenca switches
Cuenca's portal on and off; an officer of Peekskill cannot (and nothing
changes); an admin, an officer tied to no place and a name listed by
``access grant`` may switch any place's; partners, researchers and disabled
accounts may not. The places are stored with the account
(``officer_places``), every grant is audited, and the bad inputs name what
is wrong.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from sistercities.errors import AccessDeniedError, InputError, NotFoundError
from sistercities.interchange.demo import load_demo
from sistercities.operations import accounts
from sistercities.operations import portal as ops
from sistercities.registry import access
from sistercities.registry.models import Activity, Actor, AuditEntry, Place, Relationship
from sistercities.registry.portal.models import Portal
from sistercities.registry.store import Registry

PASSWORD = "correct horse battery staple"


@pytest.fixture
def office(registry: Registry) -> Registry:
    """The demo, an officer of Cuenca, one of Peekskill, an admin, and others."""
    accounts.use_low_cost_hashing()
    with registry.session() as session:
        load_demo(session)
    boulder_project = _actor(registry, "Boulder-Lhasa Sister City Project")
    people = [
        ("lucia", "officer", None, ["Cuenca, EC"]),
        ("pete", "officer", None, ["Peekskill, US"]),
        ("root", "admin", None, []),
        ("hq", "officer", None, []),
        ("bo", "partner", boulder_project, []),
        ("rita", "researcher", None, []),
    ]
    for name, role, organisation, places in people:
        accounts.add_user(
            registry,
            name=name,
            role=role,
            password=PASSWORD,
            organisation=organisation,
            places=places,
        )
    return registry


def _actor(registry: Registry, name: str) -> int:
    with registry.session() as session:
        return int(session.scalar(select(Actor.id).where(Actor.name == name)))


def _portal(registry: Registry, place: str) -> tuple[bool, str] | None:
    with registry.session() as session:
        row = session.scalar(
            select(Portal).join(Place, Place.id == Portal.place_id).where(Place.name == place)
        )
        return (row.enabled, row.changed_by) if row else None


def test_the_officer_of_cuenca_switches_cuencas_portal_on_and_off(office: Registry) -> None:
    done = ops.portal_enable(office, place="Cuenca, EC", user="lucia")
    assert done["enabled"] and done["slug"] == "cuenca" and done["language"] == "es"
    assert ops.portal_place_page(office, slug="cuenca")["portal"]["place"]["name"] == "Cuenca"
    assert ops.portal_state(office, place="Cuenca, EC", user="lucia")["may_switch"]
    ops.portal_disable(office, place="Cuenca, EC", user="lucia")
    assert _portal(office, "Cuenca") == (False, "lucia")
    with office.session() as session:
        trail = list(
            session.scalars(
                select(AuditEntry).where(AuditEntry.entity == "portals").order_by(AuditEntry.id)
            )
        )
    assert [(e.action, e.user) for e in trail] == [("create", "lucia"), ("update", "lucia")]


def test_an_officer_of_another_city_cannot_and_nothing_changes(office: Registry) -> None:
    with pytest.raises(AccessDeniedError, match=r"officer of Peekskill \(US\), not of Cuenca"):
        ops.portal_enable(office, place="Cuenca, EC", user="pete")
    assert _portal(office, "Cuenca") is None
    ops.portal_enable(office, place="Cuenca, EC", user="lucia")
    with pytest.raises(AccessDeniedError):
        ops.portal_disable(office, place="Cuenca, EC", user="pete")
    assert _portal(office, "Cuenca") == (True, "lucia")
    assert not ops.portal_state(office, place="Cuenca, EC", user="pete")["may_switch"]
    assert [p["place"] for p in ops.portal_switches(office, user="pete")["places"]] == [
        "Peekskill (US)"
    ]


def test_admins_unplaced_officers_and_granted_names_switch_any_place(office: Registry) -> None:
    with office.session(user="setup") as session:
        access.grant(session, "setup", "officer")
    for user, place in (("root", "Cuenca, EC"), ("hq", "Peekskill, US"), ("setup", "Boulder")):
        assert ops.portal_enable(office, place=place, user=user)["enabled"]
    everywhere = ops.portal_switches(office, user="hq")
    assert everywhere["everywhere"] and len(everywhere["places"]) == 3


@pytest.mark.parametrize("user", ["bo", "rita", "nobody"])
def test_partners_researchers_and_strangers_may_not(office: Registry, user: str) -> None:
    with pytest.raises(AccessDeniedError, match="only an officer may"):
        ops.portal_enable(office, place="Cuenca, EC", user=user)
    assert _portal(office, "Cuenca") is None
    assert ops.portal_switches(office, user=user) == {
        "everywhere": False,
        "officer": False,
        "places": [],
    }


def test_a_disabled_officer_is_nobodys_officer(office: Registry) -> None:
    accounts.disable_user(office, name="lucia")
    with office.session(user="lucia") as session:
        assert access.officer_scope(session) is None
    with pytest.raises(AccessDeniedError):
        ops.portal_enable(office, place="Cuenca, EC", user="lucia")


def test_unknown_and_ambiguous_places_are_named(office: Registry) -> None:
    with pytest.raises(NotFoundError, match="no place named 'Atlantis'"):
        ops.portal_enable(office, place="Atlantis", user="root")
    with pytest.raises(NotFoundError, match="no place with id 999999"):
        ops.portal_state(office, place="999999", user="root")


def test_contact_points_and_hidden_activities_follow_the_same_rule(office: Registry) -> None:
    corp = _actor(office, "Peekskill & Cuenca Sister City Corporation")
    boulder = _actor(office, "Boulder-Lhasa Sister City Project")
    point = ops.portal_add_contact(
        office, actor_id=corp, kind="website", value="https://pcsc.example.org", user="pete"
    )
    with pytest.raises(AccessDeniedError, match="not of Boulder-Lhasa Sister City Project"):
        ops.portal_add_contact(
            office, actor_id=boulder, kind="website", value="https://b.example.org", user="pete"
        )
    for other in ("rita", "lucia"):  # a researcher; an officer of the other side
        with pytest.raises(AccessDeniedError):
            ops.portal_remove_contact(office, point_id=point["id"], user=other)
    ops.portal_remove_contact(office, point_id=point["id"], user="pete")
    with pytest.raises(NotFoundError):
        ops.portal_remove_contact(office, point_id=point["id"], user="pete")
    with office.session() as session:
        boulders = session.scalar(
            select(Activity.id)
            .join(Relationship, Relationship.id == Activity.relationship_id)
            .join(Place, Place.id == Relationship.place_a_id)
            .where(Place.name == "Boulder")
        ) or session.scalar(
            select(Activity.id)
            .join(Relationship, Relationship.id == Activity.relationship_id)
            .join(Place, Place.id == Relationship.place_b_id)
            .where(Place.name == "Boulder")
        )
    assert boulders is not None
    with pytest.raises(AccessDeniedError, match="not of Boulder"):
        ops.portal_hide_activity(office, activity_id=boulders, user="pete")
    ops.portal_hide_activity(office, activity_id=boulders, user="root")
    ops.portal_show_activity(office, activity_id=boulders, user="hq")


def test_the_places_live_with_the_account(office: Registry) -> None:
    listed = {u["name"]: u for u in accounts.list_users(office)}
    assert [p["label"] for p in listed["lucia"]["places"]] == ["Cuenca (EC)"]
    assert listed["lucia"]["officer_of"] == "Cuenca (EC)"
    assert listed["hq"]["officer_of"] == listed["root"]["officer_of"] == "every place"
    assert listed["bo"]["officer_of"] is None
    more = accounts.set_user_places(office, name="lucia", add=["Peekskill, US"])
    assert more["officer_of"] == "Cuenca (EC); Peekskill (US)"
    assert ops.portal_enable(office, place="Peekskill, US", user="lucia")["enabled"]
    fewer = accounts.set_user_places(office, name="lucia", remove=["Cuenca, EC", "Peekskill"])
    assert fewer["places"] == [] and fewer["officer_of"] == "every place"
    with office.session() as session:
        trail = session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity == "officer_places")
        ).all()
    assert sorted(trail) == ["create", "create", "create", "delete", "delete"]


def test_bad_account_places_are_refused_and_nothing_is_stored(office: Registry) -> None:
    with pytest.raises(InputError, match="no place named 'Atlantis'") as refused:
        accounts.add_user(office, name="x", role="officer", places=["Atlantis"])
    assert refused.value.field == "place"
    with pytest.raises(InputError, match="only an officer account is tied to places"):
        accounts.add_user(office, name="y", role="researcher", places=["Cuenca, EC"])
    assert {"x", "y"}.isdisjoint(u["name"] for u in accounts.list_users(office))
    with pytest.raises(InputError, match="is not an officer of Boulder"):
        accounts.set_user_places(office, name="lucia", remove=["Boulder"])
    with pytest.raises(NotFoundError):
        accounts.set_user_places(office, name="nobody", add=["Cuenca, EC"])
    assert [p["label"] for p in accounts.list_users(office)[1]["places"]] == []  # bo


def test_a_grant_cannot_contradict_an_account(office: Registry) -> None:
    with (
        office.session(user="lucia") as session,
        pytest.raises(AccessDeniedError, match="has a web account"),
    ):
        access.grant(session, "pete", "officer")
    with office.session(user="pete") as session:
        scope = access.officer_scope(session)
        assert scope is not None and not scope.everywhere and access.is_officer(session)
