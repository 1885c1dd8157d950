"""A demo registry with Cuenca's and Peekskill's portals on, and contact details stored."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from sistercities.interchange.demo import load_demo
from sistercities.operations import portal as ops
from sistercities.registry import access
from sistercities.registry.memory.actors import ActorInput, LinkInput, add_actor, link_actor
from sistercities.registry.models import Actor, Place
from sistercities.registry.records import find_relationship
from sistercities.registry.store import Registry

#: Personal contact details stored on actors: no portal page may show any of them.
PERSONAL = {
    "Ramon Fernandez": {"email": "ramon.fernandez@example.org", "phone": "+1 914 555 0142"},
    "Fabián Ledesma": {"email": "fledesma@example.ec", "phone": "+593 7 555 0199"},
    "Peekskill & Cuenca Sister City Corporation": {"email": "board-chair@example.org"},
}


def stored_contact_details(registry: Registry) -> list[str]:
    """Every contact detail stored on any actor (person or organisation), read back."""
    with registry.session() as session:
        values = [
            str(value)
            for contact in session.scalars(select(Actor.contact).where(Actor.contact.is_not(None)))
            for value in (contact or {}).values()
            if value
        ]
    assert values, "the fixture stores contact details"
    return values


@dataclass
class Portals:
    registry: Registry
    rel: int
    corp: int
    person: int


@pytest.fixture
def portals(registry: Registry) -> Portals:
    with registry.session(user="lucia") as session:
        load_demo(session)
        access.grant(session, "lucia", "officer")
        for name, contact in PERSONAL.items():
            actor = session.scalar(select(Actor).where(Actor.name == name))
            actor.contact = contact
        cuenca = session.scalar(select(Place).where(Place.name == "Cuenca"))
        peekskill = session.scalar(select(Place).where(Place.name == "Peekskill"))
        rel = find_relationship(session, cuenca, peekskill)
        volunteer = add_actor(
            session,
            ActorInput(
                name="Maria Quizhpe",
                role="individual",
                kind="person",
                place_id=peekskill.id,
                contact={"email": "maria.q@example.com", "phone": "+1 914 555 0177"},
            ),
        )
        link_actor(
            session,
            LinkInput(
                relationship_id=rel.id, actor_id=volunteer.id, part="contact", side=peekskill.id
            ),
        )
        corp = session.scalar(
            select(Actor.id).where(Actor.name == "Peekskill & Cuenca Sister City Corporation")
        )
        rel_id, person = rel.id, volunteer.id
    ops.portal_enable(registry, place="Cuenca, EC", user="lucia")
    ops.portal_enable(registry, place="Peekskill, US", user="lucia")
    ops.portal_add_contact(
        registry,
        actor_id=corp,
        kind="website",
        value="https://peekskill-cuenca.example.org",
        user="lucia",
    )
    return Portals(registry, rel_id, corp, person)
