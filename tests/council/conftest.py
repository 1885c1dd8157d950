"""A demo registry with the Peekskill–Cuenca council's people, on both backends."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from sistercities.interchange.demo import load_demo
from sistercities.registry.models import Actor, Place, Relationship
from sistercities.registry.records import find_relationship
from sistercities.registry.store import Registry


@dataclass
class Council:
    """Ids of the records the council tests act on."""

    registry: Registry
    rel: int
    other_rel: int
    cuenca: int
    peekskill: int
    cuenca_office: int
    peekskill_corp: int
    peekskill_diaspora: int
    boulder_project: int


def _actor(session, name: str) -> int:  # type: ignore[no-untyped-def]
    return session.scalar(select(Actor.id).where(Actor.name == name))


@pytest.fixture
def council(registry: Registry) -> Council:
    with registry.session() as session:
        load_demo(session)
        cuenca = session.scalar(select(Place).where(Place.name == "Cuenca"))
        peekskill = session.scalar(select(Place).where(Place.name == "Peekskill"))
        rel = find_relationship(session, cuenca, peekskill)
        other = session.scalar(
            select(Relationship)
            .join(Place, Place.id == Relationship.place_a_id)
            .where(Place.name == "Boulder")
        ) or session.scalar(
            select(Relationship)
            .join(Place, Place.id == Relationship.place_b_id)
            .where(Place.name == "Boulder")
        )
        return Council(
            registry=registry,
            rel=rel.id,
            other_rel=other.id,
            cuenca=cuenca.id,
            peekskill=peekskill.id,
            cuenca_office=_actor(
                session, "Office of International Relations and Cooperation of Cuenca"
            ),
            peekskill_corp=_actor(session, "Peekskill & Cuenca Sister City Corporation"),
            peekskill_diaspora=_actor(session, "Ecuadorian community organisations in Peekskill"),
            boulder_project=_actor(session, "Boulder-Lhasa Sister City Project"),
        )
