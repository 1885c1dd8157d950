"""The handover dossier: agreements, history, people, activities, commitments, dormancy;
and personal data only for officers who ask for it."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from sistercities.analysis import load
from sistercities.analysis.office import dossier
from sistercities.errors import InputError
from sistercities.registry import memory
from sistercities.registry.models import Place
from sistercities.registry.records import PlaceInput, add_relationship, get_or_add_place
from sistercities.registry.store import Registry

AS_OF = dt.date(2024, 6, 30)
EMAIL, PHONE = "ledesma@example.org", "+593 7 555 0101"


@pytest.fixture
def cuenca(registry: Registry) -> int:
    """Cuenca with an active agreement (Peekskill) and a dormant one (Tempe)."""
    with registry.session() as session:
        cuenca = get_or_add_place(session, PlaceInput("Cuenca", "EC"))
        peekskill = get_or_add_place(session, PlaceInput("Peekskill", "US"))
        tempe = get_or_add_place(session, PlaceInput("Tempe", "US"))
        active = add_relationship(
            session, cuenca, peekskill, status="active", start="2021", initiated_by="b"
        )
        dormant = add_relationship(session, cuenca, tempe, status="active", start="2008")
        ledesma = memory.add_actor(
            session,
            memory.ActorInput(
                "Fabián Ledesma", "council_member", contact={"email": EMAIL, "phone": PHONE}
            ),
        )
        memory.link_actor(session, memory.LinkInput(active.id, ledesma.id, "carrier", "Cuenca"))
        memory.add_activity(
            session,
            memory.ActivityInput(active.id, "Youth soccer tournament", "2023-07", area="sport"),
            today=AS_OF,
        )
        memory.add_activity(
            session,
            memory.ActivityInput(active.id, "University exchange", "2025", planned=True),
            today=AS_OF,
        )
        memory.add_administration(
            session, memory.AdministrationInput(cuenca.id, "mayor", "Cristian Zamora", "2023")
        )
    with registry.session() as session:
        memory.set_status(
            session,
            memory.StatusInput(dormant.id, "dormant", "2020-03", "inactive after the pandemic"),
            today=AS_OF,
        )
    return cuenca.id


def _build(registry: Registry, place_id: int, user: str = "tester", **kw: bool) -> dict:
    with registry.session(user=user) as session:
        place = session.get(Place, place_id)
        assert place is not None
        return dossier.build_dossier(load.dossier_record(session, place, **kw), as_of=AS_OF)


def test_the_dossier_holds_what_an_incoming_team_needs(registry: Registry, cuenca: int) -> None:
    data = _build(registry, cuenca)
    assert data["summary"] == {
        "relationships": 2,
        "by_status": {"active": 1, "dormant": 1},
        "open_commitments": 1,
    }
    peekskill, tempe = data["relationships"]
    assert peekskill["initiated_by"] == "Peekskill"
    assert peekskill["last_activities"][0]["title"] == "Youth soccer tournament"
    assert peekskill["open_commitments"] == [
        {"title": "University exchange", "date": "2025", "layer": None, "area": None}
    ]
    assert [p["name"] for p in peekskill["people"]] == ["Fabián Ledesma"]
    assert tempe["dormant_since"] == "2020-03"
    assert [(s["from"], s["to"], s["date"]) for s in tempe["status_history"]] == [
        (None, "active", "2008"),
        ("active", "dormant", "2020-03"),
    ]
    assert data["went_dormant"][0]["partner"] == "Tempe"
    assert data["administrations"] == [
        {"office": "mayor", "holder": "Cristian Zamora", "start": "2023", "end": None}
    ]


def test_markdown_and_html_show_every_section(registry: Registry, cuenca: int) -> None:
    data = _build(registry, cuenca)
    markdown = dossier.render_markdown(data)
    html = dossier.render_html(data)
    for text in (markdown, html):
        for needle in (
            "Handover dossier: Cuenca (EC)",
            "What went dormant, and when",
            "dormant since 2020-03",
            "inactive after the pandemic",
            "Youth soccer tournament",
            "due 2025: University exchange",
            "Fabián Ledesma",
            "Cristian Zamora",
        ):
            assert needle in text, needle
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html and "@media print" in html
    assert not re.search(r"(src|href)=|@import|url\(", html)  # nothing fetched from anywhere


def test_contact_details_never_appear_without_an_officer_asking(
    registry: Registry, cuenca: int
) -> None:
    data = _build(registry, cuenca)
    outputs = [json.dumps(data), dossier.render_markdown(data), dossier.render_html(data)]
    for text in outputs:
        assert EMAIL not in text and PHONE not in text
    assert EMAIL.encode() not in dossier.render_pdf(data)
    with pytest.raises(memory.AccessDeniedError):
        _build(registry, cuenca, include_contacts=True)
    with registry.session(user="ana") as session:
        memory.grant(session, "ana", "officer")
    assert EMAIL not in json.dumps(_build(registry, cuenca, user="ana"))  # not asked for
    shown = _build(registry, cuenca, user="ana", include_contacts=True)
    assert EMAIL in dossier.render_markdown(shown) and PHONE in dossier.render_html(shown)


def test_the_pdf_is_a_pdf(registry: Registry, cuenca: int) -> None:
    pdf = dossier.render(_build(registry, cuenca), "pdf")
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000


def test_an_unknown_format_names_the_field(registry: Registry, cuenca: int) -> None:
    with pytest.raises(InputError) as info:
        dossier.render(_build(registry, cuenca), "docx")
    assert info.value.field == "format"


def test_administrations_are_listed_oldest_first_the_undated_last(
    registry: Registry, cuenca: int
) -> None:
    with registry.session() as session:
        for holder, start in (("Unknown term", None), ("Marcelo Cabrera", "2014")):
            memory.add_administration(
                session, memory.AdministrationInput(cuenca, "mayor", holder, start)
            )
    holders = [a["holder"] for a in _build(registry, cuenca)["administrations"]]
    assert holders == ["Marcelo Cabrera", "Cristian Zamora", "Unknown term"]
