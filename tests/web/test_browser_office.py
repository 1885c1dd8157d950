"""The office's work in a real browser: Debian's Chromium against a live server.

Per backend (SQLite, PostgreSQL): sign in; add a relationship; record an
activity with a flow and find it on the timeline and the dashboard; a refused
form that keeps what was typed and names the field; two people editing one
relationship; a partner organisation kept to its own relationships; a
researcher who sees no contact details; the Cuenca officer, whose browser
asks for Spanish, reads the analyses' health reasons and formulas in Spanish.
Screenshots go to ``.ci/artifacts/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from sistercities import operations as ops
from sistercities.registry.store import Registry
from tests.web.conftest import PASSWORD, seed
from tests.web.live import live_server, screenshot

pytestmark = pytest.mark.browser


@dataclass
class Served:
    base: str
    backend: str
    registry: Registry
    partner_relationship: int
    other_relationship: int
    contact_relationship: int


@pytest.fixture(scope="module")
def served(module_db: str) -> Iterator[Served]:
    registry = Registry.open(module_db, user="setup")
    _actor, mine, other = seed(registry)
    person = ops.add_actor(registry, name="Rosa Quispe", role="sister_city_association",
                           kind="person", email="rosa@example.org", phone="+593 7 000 000")
    ops.link_actor(registry, relationship_id=other, actor_id=person["id"], part="contact")
    backend = "sqlite" if registry.is_sqlite else "postgresql"
    with live_server(module_db) as base:
        yield Served(base, backend, registry, mine, other, other)
    registry.close()


def signed_in(browser: Any, served: Served, name: str, locale: str = "en-GB") -> Any:
    context = browser.new_context(base_url=served.base, locale=locale)
    page = context.new_page()
    page.goto("/login")
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{served.base}/")
    return page


def test_officer_adds_a_relationship_and_records_an_activity_with_a_flow(
    browser: Any, served: Served
) -> None:
    page = signed_in(browser, served, "officer")
    screenshot(page, f"dashboard-{served.backend}")
    page.goto("/relationships/new")
    page.fill("#f-place_a", "Loja")
    page.fill("#f-country_a", "Ecuador")
    page.fill("#f-place_b", "Ossining")
    page.fill("#f-country_b", "US")
    page.fill("#f-start", "2015")
    page.click("main button[type=submit]")
    page.wait_for_url("**/relationships/*")
    assert "Loja" in page.inner_text("h1") and "Ossining" in page.inner_text("h1")
    page.click("text=Record an activity")
    page.fill("#f-title", "Youth orchestra visit")
    page.fill("#f-date", "2024-05-10")
    page.select_option("#f-layer", "decentralised_cooperation")
    page.select_option("#f-flow_kind", "personnel")
    page.select_option("#f-flow_direction", "b>a")
    page.fill("#f-flow_amount", "24")
    page.fill("#f-flow_unit", "musicians")
    screenshot(page, f"activity-form-{served.backend}")
    page.click("main button[type=submit]")
    page.wait_for_url("**/relationships/*")
    timeline = page.inner_text("#timeline")
    assert "Youth orchestra visit" in timeline
    assert "Ossining → Loja" in timeline and "24" in timeline
    screenshot(page, f"relationship-{served.backend}")
    page.goto("/")
    assert "Youth orchestra visit" in page.inner_text("#recent-activity")
    page.goto("/places/Loja")
    assert page.locator("svg.map path.partner").count() >= 1  # the partner country, shaded
    screenshot(page, f"place-{served.backend}")
    page.context.close()


def test_a_refused_form_keeps_what_was_typed_and_names_the_field(
    browser: Any, served: Served
) -> None:
    page = signed_in(browser, served, "officer")
    page.goto(f"/relationships/{served.partner_relationship}/activities/new")
    page.fill("#f-title", "Trade <b>mission</b> & fair")
    page.fill("#f-date", "2023-02-30")
    page.fill("#f-participants", "12")
    page.click("main button[type=submit]")
    message = page.inner_text("#e-date")
    assert message  # the message sits next to the date field
    assert page.get_attribute("#f-date", "aria-invalid") == "true"
    assert page.input_value("#f-title") == "Trade <b>mission</b> & fair"
    assert page.input_value("#f-date") == "2023-02-30"
    assert page.input_value("#f-participants") == "12"
    screenshot(page, f"refused-form-{served.backend}")
    page.goto(f"/relationships/{served.partner_relationship}")
    assert "Trade" not in page.inner_text("main")
    page.context.close()


def test_two_people_edit_one_relationship_and_nothing_is_lost(
    browser: Any, served: Served
) -> None:
    first = signed_in(browser, served, "officer")
    second = signed_in(browser, served, "admin")
    edit = f"/relationships/{served.other_relationship}/edit"
    first.goto(edit)
    second.goto(edit)
    first.fill("#f-notes", "Notes by the officer")
    first.click("main button[type=submit]")
    first.wait_for_url(f"**/relationships/{served.other_relationship}")
    second.fill("#f-notes", "Notes by the admin, written at the same time")
    second.click("main button[type=submit]")
    assert "changed by someone else" in second.inner_text("#conflict")
    assert "Notes by the officer" in second.inner_text("table")
    assert "Notes by the admin, written at the same time" in second.inner_text("td.yours >> nth=-1")
    screenshot(second, f"conflict-{served.backend}")
    first.reload()
    assert "Notes by the officer" in first.inner_text("#notes")  # the first save stands
    second.click("text=Save my version over the stored one")
    second.wait_for_url(f"**/relationships/{served.other_relationship}")
    assert "Notes by the admin, written at the same time" in second.inner_text("#notes")
    second.goto(f"/history?entity=relationships&id={served.other_relationship}")
    trail = second.inner_text("main")
    assert "Notes by the officer" in trail and "Notes by the admin" in trail
    first.context.close()
    second.context.close()


def test_a_partner_organisation_writes_only_its_own_relationships(
    browser: Any, served: Served
) -> None:
    page = signed_in(browser, served, "partner")
    page.goto(f"/relationships/{served.other_relationship}")
    assert page.locator("text=Record an activity").count() == 0
    assert page.locator("text=Edit").count() == 0
    answer = page.goto(f"/relationships/{served.other_relationship}/activities/new")
    assert answer is not None and answer.status == 403
    page.goto(f"/relationships/{served.partner_relationship}")
    page.click("text=Record an activity")
    page.fill("#f-title", "Partner workshop")
    page.fill("#f-date", "2024-01-15")
    page.click("main button[type=submit]")
    page.wait_for_url(f"**/relationships/{served.partner_relationship}")
    assert "Partner workshop" in page.inner_text("#timeline")
    page.context.close()


def test_a_researcher_sees_no_contact_details(browser: Any, served: Served) -> None:
    officer = signed_in(browser, served, "officer")
    officer.goto(f"/relationships/{served.contact_relationship}")
    assert "rosa@example.org" in officer.inner_text("main")
    researcher = signed_in(browser, served, "researcher")
    researcher.goto(f"/relationships/{served.contact_relationship}")
    text = researcher.inner_text("main")
    assert "Rosa Quispe" in text
    assert "rosa@example.org" not in researcher.content() and "+593" not in researcher.content()
    assert "shown to officers only" in text
    officer.context.close()
    researcher.context.close()


def test_the_cuenca_officer_reads_the_health_of_peekskill_in_spanish(
    browser: Any, served: Served
) -> None:
    """The browser asks for es-EC: the analysis' own sentences come in Spanish too."""
    with served.registry.session() as session:
        from sqlalchemy import select

        from sistercities.registry.models import Relationship

        rel = next(
            r.id
            for r in session.scalars(select(Relationship))
            if {r.place_a.name, r.place_b.name} == {"Cuenca", "Peekskill"}
        )
    page = signed_in(browser, served, "officer", locale="es-EC")
    page.goto(f"/relationships/{rel}")
    text = page.inner_text("main")
    assert "Salud" in text and "Estado sugerido" in text
    assert "sin contacto registrado desde la firma de 2021" in text
    assert "pueden ser más recientes: no se interpreta como inactiva" in text
    assert "meses completos desde el último día posible de la última actividad" in text
    assert "no recorded contact" not in text and "whole months from" not in text
    screenshot(page, f"office-health-in-spanish-{served.backend}")
    page.context.close()
