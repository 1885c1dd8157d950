"""Officers of the two cities sit on a council; an officer of a third city does not.

The officers are web accounts tied to places (``officer_places``): the
council operations read those places from the registry by name, whoever
calls (the CLI passes ``--user``, the web the account signed in), so the
same account is an officer of Cuenca everywhere. On SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

import pytest

from sistercities.errors import NotAMemberError
from sistercities.operations import accounts
from sistercities.operations import council as ops

from .conftest import Council
from .test_council import corp, youth_exchange


@pytest.fixture
def officers(council: Council) -> Council:
    accounts.use_low_cost_hashing()
    for name, places in (("lucia", ["Cuenca, EC"]), ("pete", ["Peekskill, US"]),
                         ("bea", ["Boulder"]), ("hq", [])):
        accounts.add_user(council.registry, name=name, role="officer", places=places)
    return council


def officer(name: str, organisation_id: int | None = None) -> dict[str, Any]:
    return {"user": name, "role": "officer", "organisation_id": organisation_id}


def _committed(c: Council) -> dict[str, Any]:
    proposal = ops.council_propose(c.registry, **corp(c), **youth_exchange(c))
    peek_part, cuenca_part = (p["id"] for p in proposal["parts"])
    ops.council_answer(c.registry, **corp(c), proposal_id=proposal["id"], part_id=peek_part)
    ops.council_answer(
        c.registry,
        **officer("lucia", c.cuenca_office),
        proposal_id=proposal["id"],
        part_id=cuenca_part,
    )
    return proposal


def test_an_officer_of_either_city_sits_for_its_side_and_confirms(officers: Council) -> None:
    c = officers
    for name, side in (("lucia", c.cuenca), ("pete", c.peekskill)):
        page = ops.council_page(c.registry, **officer(name), relationship_id=c.rel)
        assert page["member"]["side_place_id"] == side, name
    proposal = _committed(c)
    confirmed = ops.council_confirm(c.registry, **officer("pete"), proposal_id=proposal["id"])
    assert confirmed["status"] == "confirmed" and confirmed["confirmed_by"] == "pete"
    assert confirmed["confirmed_side_place_id"] == c.peekskill


def test_an_officer_of_a_third_city_is_not_a_member(officers: Council) -> None:
    c = officers
    with pytest.raises(NotAMemberError, match=r"officer of Boulder \(US\), not of either city"):
        ops.council_page(c.registry, **officer("bea"), relationship_id=c.rel)
    proposal = _committed(c)
    for step in (
        lambda: ops.council_confirm(c.registry, **officer("bea"), proposal_id=proposal["id"]),
        lambda: ops.council_comment(
            c.registry, **officer("bea"), proposal_id=proposal["id"], body="Hello"
        ),
        lambda: ops.council_propose(c.registry, **officer("bea"), **youth_exchange(c)),
    ):
        with pytest.raises(NotAMemberError):
            step()
    assert (
        ops.council_proposal(c.registry, **corp(c), proposal_id=proposal["id"])["status"]
        == "open"
    )
    assert c.rel not in [x["relationship_id"] for x in ops.my_councils(
        c.registry, **officer("bea"))]
    assert c.other_rel in [x["relationship_id"] for x in ops.my_councils(
        c.registry, **officer("bea"))]


def test_an_officer_cannot_act_for_the_other_citys_office(officers: Council) -> None:
    c = officers
    with pytest.raises(NotAMemberError, match="an officer acts for its own city"):
        ops.council_page(
            c.registry, **officer("pete", c.cuenca_office), relationship_id=c.rel
        )


def test_my_councils_are_the_relationships_of_my_cities(officers: Council) -> None:
    c = officers
    mine = ops.my_councils(c.registry, **officer("lucia"))
    assert c.rel in [x["relationship_id"] for x in mine]
    assert all("Cuenca" in x["label"] for x in mine)
    everything = ops.my_councils(c.registry, **officer("hq"))
    assert len(everything) > len(mine)  # an officer tied to no place: every council


def test_the_cli_identity_is_the_account(officers: Council) -> None:
    """``council_member`` (the CLI's ``--user``) finds the same officer as the web."""
    c = officers
    who = ops.council_member(c.registry, user="bea")
    assert who["role"] == "officer"
    with pytest.raises(NotAMemberError):
        ops.council_page(c.registry, **who, relationship_id=c.rel)
    accounts.disable_user(c.registry, name="lucia")
    assert ops.council_member(c.registry, user="lucia")["role"] == "partner"
