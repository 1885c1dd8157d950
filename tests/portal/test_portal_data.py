"""The portal's data: switched on and off, slugs, languages, public data only."""

from __future__ import annotations

import json

import pytest

from sistercities.errors import InputError, NotFoundError
from sistercities.operations import council as council_ops
from sistercities.operations import portal as ops
from sistercities.registry.access import AccessDeniedError

from .conftest import Portals, stored_contact_details


def _every_page(p: Portals) -> list[object]:
    pages: list[object] = [
        ops.portal_list(p.registry),
        ops.portal_overview(p.registry),
        ops.portal_overview(p.registry, country="EC"),
    ]
    for slug in ("cuenca", "peekskill"):
        page = ops.portal_place_page(p.registry, slug=slug)
        pages.append(page)
        for rel in page["relationships"]:
            pages.append(
                ops.portal_relationship_page(p.registry, slug=slug, relationship=rel["slug"])
            )
    pages += [
        ops.portal_search(p.registry, query=q) for q in ("peek", "maria", "corporation", "ec")
    ]
    return pages


def test_no_portal_page_holds_a_stored_contact_detail_or_a_person(portals: Portals) -> None:
    text = json.dumps(_every_page(portals), ensure_ascii=False)
    stored = stored_contact_details(portals.registry)
    assert [value for value in stored if value in text] == []
    for person in ("Maria Quizhpe", "Ramon Fernandez", "Fabián Ledesma", "Cristian Zamora"):
        assert person not in text
    assert "https://peekskill-cuenca.example.org" in text  # the organisation's public point


def test_a_place_page_lists_its_sister_cities_with_readable_slugs(portals: Portals) -> None:
    page = ops.portal_place_page(portals.registry, slug="cuenca")
    assert page["portal"]["language"] == "es"
    assert ops.portal_place_page(portals.registry, slug="peekskill")["portal"]["language"] == "en"
    assert [r["slug"] for r in page["relationships"]] == ["newark", "peekskill", "tempe"]
    peekskill = next(r for r in page["relationships"] if r["slug"] == "peekskill")
    assert peekskill["partner_portal"] == "peekskill"
    assert peekskill["layers"] == ["economic", "decentralised_cooperation", "political"]
    assert [u["title"] for u in page["upcoming"]] == ["University exchanges (planned)"]


def test_a_relationship_page_shows_what_it_does_and_who_takes_part(portals: Portals) -> None:
    page = ops.portal_relationship_page(portals.registry, slug="cuenca", relationship="peekskill")
    assert {a["title"] for a in page["done"]} >= {"Youth soccer tournament"}
    assert [a["title"] for a in page["planned"]] == ["University exchanges (planned)"]
    there = {o["name"]: o for o in page["organisations"]["there"]}
    assert set(there) == {
        "Ecuadorian community organisations in Peekskill",
        "Peekskill & Cuenca Sister City Corporation",
    }
    corp = there["Peekskill & Cuenca Sister City Corporation"]
    assert corp["contact_points"] == [
        {"kind": "website", "value": "https://peekskill-cuenca.example.org"}
    ]
    assert [o["name"] for o in page["organisations"]["here"]] == [
        "Office of International Relations and Cooperation of Cuenca"
    ]


def test_a_council_project_appears_planned_then_done(portals: Portals) -> None:
    p = portals
    corp = {"user": "ana", "role": "partner", "organisation_id": p.corp}
    office = {"user": "lucia", "role": "officer"}
    proposal = council_ops.council_propose(
        p.registry,
        **corp,
        relationship_id=p.rel,
        title="Youth exchange",
        date="2025-07",
        layer="decentralised_cooperation",
        area="education_and_youth",
        parts=[{"side": "Peekskill", "task": "Send players"}],
    )
    council_ops.council_answer(p.registry, **corp, proposal_id=proposal["id"])
    council_ops.council_confirm(p.registry, **office, proposal_id=proposal["id"])
    page = ops.portal_relationship_page(p.registry, slug="peekskill", relationship="cuenca")
    assert "Youth exchange" in [a["title"] for a in page["planned"]]
    assert "Youth exchange" not in [a["title"] for a in page["done"]]
    council_ops.council_carry_out(
        p.registry, **office, proposal_id=proposal["id"], date="2025-07-12"
    )
    page = ops.portal_relationship_page(p.registry, slug="peekskill", relationship="cuenca")
    assert page["done"][0]["title"] == "Youth exchange"
    assert page["done"][0]["date"] == "2025-07-12"


def test_a_hidden_activity_and_a_disabled_portal_are_not_public(portals: Portals) -> None:
    p = portals
    page = ops.portal_relationship_page(p.registry, slug="cuenca", relationship="peekskill")
    soccer = next(a for a in page["done"] if a["title"] == "Youth soccer tournament")
    before = ops.portal_version(p.registry)
    ops.portal_hide_activity(p.registry, activity_id=soccer["id"], user="lucia")
    assert ops.portal_version(p.registry) > before
    page = ops.portal_relationship_page(p.registry, slug="cuenca", relationship="peekskill")
    assert "Youth soccer tournament" not in [a["title"] for a in page["done"]]
    ops.portal_disable(p.registry, place="Cuenca, EC", user="lucia")
    with pytest.raises(NotFoundError):
        ops.portal_place_page(p.registry, slug="cuenca")
    assert [x["slug"] for x in ops.portal_list(p.registry)["portals"]] == ["peekskill"]
    again = ops.portal_enable(p.registry, place="Cuenca, EC", user="lucia")
    assert again["slug"] == "cuenca"


def test_publishing_needs_an_officer_and_a_person_has_no_public_contact(portals: Portals) -> None:
    p = portals
    with pytest.raises(AccessDeniedError, match="only an officer"):
        ops.portal_enable(p.registry, place="Newark, US", user="ana")
    with pytest.raises(InputError, match="is a person") as caught:
        ops.portal_add_contact(
            p.registry, actor_id=p.person, kind="email", value="maria.q@example.com", user="lucia"
        )
    assert caught.value.field == "actor"
    bad = [
        ("kind", {"kind": "fax", "value": "x"}),
        ("value", {"kind": "website", "value": "javascript:alert(1)"}),
        ("value", {"kind": "email", "value": "nobody"}),
    ]
    for field, values in bad:
        with pytest.raises(InputError) as caught:
            ops.portal_add_contact(p.registry, actor_id=p.corp, user="lucia", **values)
        assert caught.value.field == field
    for field, kwargs in [
        ("slug", {"slug": "Not A Slug"}),
        ("slug", {"slug": "peekskill"}),
        ("language", {"language": "fr"}),
    ]:
        with pytest.raises(InputError) as caught:
            ops.portal_enable(p.registry, place="Newark, US", user="lucia", **kwargs)
        assert caught.value.field == field


def test_search_and_overview(portals: Portals) -> None:
    hits = ops.portal_search(portals.registry, query="peekskill")
    assert {
        "type": "sister_city",
        "title": "Peekskill",
        "portal": "cuenca",
        "relationship": "peekskill",
        "context": "Cuenca – Peekskill",
    } in hits
    assert ops.portal_search(portals.registry, query="x") == []
    overview = ops.portal_overview(portals.registry, country="Ecuador")
    assert overview["country"] == "EC"
    names = {row["name"]: row for row in overview["places"]}
    assert names["Cuenca"]["relationships"] == 3 and names["Cuenca"]["portal"] == "cuenca"
    assert overview["layers_covered"]["economic"] >= 1
