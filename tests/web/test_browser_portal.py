"""The portal and the council in a real browser: Debian's Chromium against a live server.

Per backend (SQLite, PostgreSQL), issue 14's stories: a resident opens
Cuenca's portal in Spanish and finds Peekskill and what the relationship
does; a Peekskill partner organisation proposes a youth exchange, the
officer confirms it in Spanish, it is carried out and appears on the
timeline and in the annual report; an organisation cannot open another
relationship's council; no portal page shows a contact detail; no portal
page has a serious or critical accessibility violation (axe-core, vendored
under ``tests/vendor``, injected into the page; never served to users).
Screenshots go to ``.ci/artifacts/``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from sistercities.interchange import demo
from sistercities.operations import accounts
from sistercities.operations import portal as portal_ops
from sistercities.registry import access
from sistercities.registry.memory.actors import ActorInput, LinkInput, add_actor, link_actor
from sistercities.registry.models import Actor, Place
from sistercities.registry.records import find_relationship
from sistercities.registry.store import Registry
from tests.portal.conftest import stored_contact_details
from tests.web.conftest import PASSWORD
from tests.web.live import live_server, screenshot

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe-core" / "axe.min.js"
CONTACTS = [
    "ramon.fernandez@example.org",
    "+1 914 555 0142",
    "board-chair@example.org",
    "maria.q@example.com",
    "+1 914 555 0177",
]
LAST_YEAR = dt.date.today().year - 1


@dataclass
class Served:
    base: str
    backend: str
    rel: int
    other: int
    db: str


def _actor(session: Any, name: str) -> Actor:
    return session.scalar(select(Actor).where(Actor.name == name))


@pytest.fixture(scope="module")
def served(module_db: str) -> Iterator[Served]:
    registry = Registry.open(module_db, user="setup")
    with registry.session() as session:
        demo.load_demo(session)
        access.grant(session, "setup", "officer")
        cuenca = session.scalar(select(Place).where(Place.name == "Cuenca"))
        peekskill = session.scalar(select(Place).where(Place.name == "Peekskill"))
        rel = find_relationship(session, cuenca, peekskill)
        _actor(session, "Ramon Fernandez").contact = {"email": CONTACTS[0], "phone": CONTACTS[1]}
        corp = _actor(session, "Peekskill & Cuenca Sister City Corporation")
        corp.contact = {"email": CONTACTS[2]}
        person = add_actor(
            session,
            ActorInput(
                name="Maria Quizhpe",
                role="individual",
                kind="person",
                place_id=peekskill.id,
                contact={"email": CONTACTS[3], "phone": CONTACTS[4]},
            ),
        )
        link_actor(
            session,
            LinkInput(
                relationship_id=rel.id, actor_id=person.id, part="contact", side=peekskill.id
            ),
        )
        boulder = _actor(session, "Boulder-Lhasa Sister City Project")
        ids = (rel.id, corp.id, boulder.id)
        other = boulder.place_id
    rel_id, corp_id, boulder_id = ids
    for name, role, organisation in (
        ("ana", "partner", corp_id),
        ("lucia", "officer", None),
        ("bo", "partner", boulder_id),
    ):
        accounts.add_user(
            registry, name=name, role=role, password=PASSWORD, organisation=organisation
        )
    for place in ("Cuenca, EC", "Peekskill, US"):
        portal_ops.portal_enable(registry, place=place)
    portal_ops.portal_add_contact(
        registry, actor_id=corp_id, kind="website", value="https://peekskill-cuenca.example.org"
    )
    assert other is not None
    backend = "sqlite" if registry.is_sqlite else "postgresql"
    with live_server(module_db) as base:
        yield Served(base, backend, rel_id, _boulders_relationship(registry, boulder_id), module_db)
    registry.close()


def _boulders_relationship(registry: Registry, actor_id: int) -> int:
    from sistercities.registry.models import RelationshipActor

    with registry.session() as session:
        return int(
            session.scalar(
                select(RelationshipActor.relationship_id).where(
                    RelationshipActor.actor_id == actor_id
                )
            )
        )


def _context(browser: Any, served: Served, locale: str, **options: Any) -> Any:
    return browser.new_context(
        base_url=served.base,
        locale=locale,
        extra_http_headers={"accept-language": locale},
        **options,
    )


def signed_in(browser: Any, served: Served, name: str, locale: str) -> Any:
    page = _context(browser, served, locale).new_page()
    page.goto("/login")
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{served.base}/")
    return page


def test_a_resident_opens_cuencas_portal_in_spanish_and_finds_peekskill(
    browser: Any, served: Served
) -> None:
    page = _context(browser, served, "es-EC").new_page()
    page.goto("/portal/cuenca")
    assert page.inner_text("h1") == "Ciudades hermanas de Cuenca"
    assert page.get_attribute("html", "lang") == "es"
    screenshot(page, f"portal-cuenca-es-{served.backend}")
    page.click("table.rels >> text=Peekskill")
    page.wait_for_url("**/portal/cuenca/peekskill")
    text = page.inner_text("main")
    assert "Qué hace la relación" in text
    assert "Youth soccer tournament" in text and "Cooperación descentralizada" in text
    assert "Peekskill & Cuenca Sister City Corporation" in text
    assert "Cómo participar" in text
    screenshot(page, f"portal-cuenca-peekskill-es-{served.backend}")
    phone = browser.new_context(
        base_url=served.base, locale="es-EC", viewport={"width": 375, "height": 740}
    ).new_page()
    phone.goto("/portal/cuenca")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375 + 1, "the page scrolls sideways on a phone"
    screenshot(phone, f"portal-cuenca-phone-{served.backend}")


def test_a_youth_exchange_proposed_confirmed_in_spanish_and_carried_out(
    browser: Any, served: Served
) -> None:
    ana = signed_in(browser, served, "ana", "en-US")
    ana.goto(f"/council/{served.rel}")
    title = f"Youth exchange {served.backend}"
    ana.fill("#p-title", title)
    ana.select_option("#p-layer", "decentralised_cooperation")
    ana.select_option("#p-area", "education_and_youth")
    ana.fill("#p-date", f"{LAST_YEAR}-07")
    side = "a" if "Peekskill" in ana.inner_text("label[for=p-part_a_task]") else "b"
    ana.fill(f"#p-part_{side}_task", "Send twelve players and two coaches")
    ana.select_option("#p-flow_kind", "personnel")
    ana.fill("#p-flow_amount", "12")
    ana.fill("#p-flow_unit", "people")
    direction = ana.locator("#p-flow_direction option", has_text="Peekskill →").get_attribute(
        "value"
    )
    ana.select_option("#p-flow_direction", direction)
    ana.click("form[action$='/proposals'] button[type=submit]")
    card = ana.locator("article.proposal", has_text=title)
    card.locator("button[value=committed]").click()
    assert "Committed" in ana.locator("article.proposal", has_text=title).inner_text()
    screenshot(ana, f"council-proposal-en-{served.backend}")

    lucia = signed_in(browser, served, "lucia", "es-EC")
    lucia.goto(f"/council/{served.rel}")
    assert lucia.get_attribute("html", "lang") == "es"
    lucia.locator("article.proposal", has_text=title).locator("text=Confirmar la propuesta").click()
    assert "Confirmada" in lucia.locator("article.proposal", has_text=title).inner_text()
    screenshot(lucia, f"council-confirmed-es-{served.backend}")

    ana.goto(f"/council/{served.rel}")
    card = ana.locator("article.proposal", has_text=title)
    card.locator("input[name=date]").fill(f"{LAST_YEAR}-07-20")
    card.locator("input[name=participants]").fill("14")
    card.locator("text=Record it carried out").click()
    ana.wait_for_load_state()
    ana.goto(f"/relationships/{served.rel}")
    assert title in ana.inner_text("main")
    screenshot(ana, f"timeline-after-council-{served.backend}")
    lucia.goto(f"/report?year={LAST_YEAR}")
    report = lucia.inner_text("main")
    assert "Cuenca" in report and "Peekskill" in report and "12" in report
    screenshot(lucia, f"report-after-council-es-{served.backend}")
    portal = _context(browser, served, "en-US").new_page()
    portal.goto("/portal/peekskill/cuenca")
    assert title in portal.inner_text("main")


def test_an_organisation_cannot_open_another_relationships_council(
    browser: Any, served: Served
) -> None:
    bo = signed_in(browser, served, "bo", "en-US")
    response = bo.goto(f"/council/{served.rel}")
    assert response.status == 403
    assert "not linked to relationship" in bo.inner_text("main")
    screenshot(bo, f"council-refused-{served.backend}")
    assert bo.goto(f"/council/{served.other}").status == 200


def _portal_addresses(page: Any) -> list[str]:
    page.goto("/portal/")
    places = [a.get_attribute("href") for a in page.locator("ul.portal-list a").all()]
    addresses = [
        "/portal/",
        "/portal/overview",
        "/portal/search?q=peekskill",
        "/portal/search?q=maria",
    ]
    for place in places:
        addresses.append(place)
        page.goto(place)
        addresses += [a.get_attribute("href") for a in page.locator("table.rels a").all()]
    return addresses


def test_no_portal_page_shows_a_contact_detail_or_fails_accessibility(
    browser: Any, served: Served
) -> None:
    with Registry.open(served.db) as registry:
        stored = stored_contact_details(registry)
    assert set(CONTACTS) <= set(stored)
    page = _context(browser, served, "es-EC", bypass_csp=True).new_page()
    axe = AXE.read_text(encoding="utf-8")
    problems = {}
    for address in _portal_addresses(page):
        page.goto(address)
        html = page.content()
        shown = [value for value in stored if value in html]
        assert shown == [], f"{address} shows {shown}"
        assert "Maria Quizhpe" not in html
        page.evaluate(axe)
        result = json.loads(
            page.evaluate(
                "axe.run(document).then(r => JSON.stringify({v: r.violations, n: r.passes.length}))"
            )
        )
        assert result["n"] > 0, "axe-core did not run"
        serious = [v["id"] for v in result["v"] if v["impact"] in ("serious", "critical")]
        if serious:
            problems[address] = serious
    assert problems == {}
