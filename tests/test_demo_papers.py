"""The demo registry holds what the papers state, no more (issue 9).

- `004` §4.2: Cuenca–Newark was "promoted by the Ecuadorian diaspora", without
  a side named, so no initiating side is recorded; the same for the 1984
  Burlington and 2023 Hoboken agreements, which the mayors "signed".
- `004` §4.2: Fabián Ledesma is "the former city council member" in 2024, so
  his part as carrier is over; "the city advisor for sister cities in Cuenca
  served in three administrations" and is on the dossier of every Cuenca pair.
- `004` §4.1: the administration before Pabel Muñoz ended in May 2023; Krakow
  approached a Quito professor in 2022.
- `001` (Human Rights Protection): New York suspended Beijing in 1989 and the
  exchanges were "not suspended indefinitely": two changes, each once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from sistercities.analysis.office import dossier
from sistercities.interchange.demo import load_demo
from sistercities.registry.models import Activity, Actor, Place
from sistercities.registry.queries import find_place
from sistercities.registry.records import find_relationship
from sistercities.registry.store import Registry


@pytest.fixture
def demo(registry: Registry) -> Iterator[Session]:
    with registry.session() as session:
        load_demo(session)
    with registry.session() as session:
        yield session


def _people(session: Session, place: str, partner: str) -> list[dict[str, object]]:
    found = dossier.build_dossier(session, find_place(session, place), as_of=dt.date(2025, 1, 1))
    (rel,) = [r for r in found["relationships"] if r["partner"]["name"] == partner]
    return list(rel["people"])


def test_no_initiating_side_the_paper_does_not_name(demo: Session) -> None:
    newark = find_relationship(demo, find_place(demo, "Cuenca"), find_place(demo, "Newark"))
    assert newark is not None and newark.initiated_by is None
    assert "promoted by the Ecuadorian diaspora" in (newark.initiated_by_note or "")
    signed = demo.scalars(select(Activity).where(Activity.title.contains("Agreement"))).all()
    assert signed and all(a.initiated_by_place_id is None for a in signed)


def test_ledesma_is_a_former_carrier_and_the_advisor_carries_continuity(demo: Session) -> None:
    people = _people(demo, "Cuenca", "Peekskill")
    (ledesma,) = [p for p in people if p["name"] == "Fabián Ledesma"]
    assert (ledesma["part"], ledesma["until"]) == ("carrier", "2024")
    for partner in ("Peekskill", "Newark", "Tempe"):
        names = [p["name"] for p in _people(demo, "Cuenca", partner)]
        assert any(name.startswith("City advisor for sister cities") for name in names)
    staff = set(demo.scalars(select(Actor.name).where(Actor.role == "foreign_affairs_office")))
    assert {"Felipe Ochoa Mogrovejo", "Sofía Arce Bojorque", "Daniela Célleri"} <= staff


def test_quito_administrations_as_far_as_dated(demo: Session) -> None:
    found = dossier.build_dossier(demo, find_place(demo, "Quito"), as_of=dt.date(2024, 4, 30))
    ends = {a["holder"]: a["end"] for a in found["administrations"]}
    assert ends["Pabel Muñoz"] is None
    assert "2023-05" in ends.values()
    assert len(found["administrations"]) == 3


def test_krakow_approach_is_a_dated_contact(demo: Session) -> None:
    rel = find_relationship(demo, find_place(demo, "Quito"), find_place(demo, "Krakow"))
    assert rel is not None
    assert [(a.date.year if a.date else None, a.planned) for a in rel.activities] == [(2022, False)]


def test_status_history_each_change_once_with_its_from_status(demo: Session) -> None:
    rel = find_relationship(demo, find_place(demo, "New York City"), find_place(demo, "Beijing"))
    assert rel is not None
    steps = [(c.from_status, c.to_status) for c in rel.status_changes]
    assert steps == [(None, "suspended"), ("suspended", "active")]
    assert not any((c.reason or "").startswith("recorded as") for c in rel.status_changes)


def test_the_places_and_actors_001_names(demo: Session) -> None:
    columbus = demo.scalar(select(Place).where(Place.name == "Columbus"))
    assert columbus is not None and columbus.admin1 == "Ohio"
    actors = {a.name: a for a in demo.scalars(select(Actor))}
    assert actors["Columbus Sister Cities International"].place_id == columbus.id
    # the paper does not describe these organisations: no tier is made up
    assert actors["Columbus Sister Cities International"].tier == "unknown"
    assert {"New Zealand-China Friendship Society", "Patrick Madden", "CPAFFC"} <= set(actors)


def test_no_kind_or_role_the_paper_does_not_give(demo: Session) -> None:
    kyoto = demo.scalar(select(Place).where(Place.name == "Kyoto"))
    assert kyoto is not None and kyoto.kind == "unknown"  # city or prefecture: not said
    cabinet = demo.scalar(select(Actor).where(Actor.name == "Charlotte International Cabinet"))
    assert cabinet is not None and (cabinet.role, cabinet.tier) == ("undescribed", "unknown")
