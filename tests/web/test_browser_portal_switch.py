"""Switching Cuenca's portal on in a real browser: Debian's Chromium against a live server.

Per backend (SQLite, PostgreSQL): the officer of Cuenca signs in, opens
Cuenca's place page, switches its portal on and reads the confirmation; a
resident (no sign-in, Spanish browser) then reads Cuenca's portal; the
officer of Peekskill sees no switch on Cuenca's page, and a switch posted
from his session anyway (with his own valid CSRF token) is refused with
403 and changes nothing. Then the officer of Cuenca moves the portal to an
address and language she chooses, in Spanish, and a resident opens it
there; an admin adds an officer for Peekskill on the accounts page, who
signs in with the one-time password shown once and switches Peekskill's
portal on, but not Cuenca's. Screenshots go to ``.ci/artifacts/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from sistercities.interchange import demo
from sistercities.operations import accounts
from sistercities.operations import portal as portal_ops
from sistercities.registry.models import Place
from sistercities.registry.store import Registry
from tests.web.conftest import PASSWORD
from tests.web.live import live_server, screenshot

pytestmark = pytest.mark.browser


@dataclass
class Served:
    base: str
    backend: str
    db: str
    cuenca: int


@pytest.fixture(scope="module")
def served(module_db: str) -> Iterator[Served]:
    registry = Registry.open(module_db, user="setup")
    with registry.session() as session:
        demo.load_demo(session)
        cuenca = int(session.scalar(select(Place.id).where(Place.name == "Cuenca")))
    for name, place in (("lucia", "Cuenca, EC"), ("pete", "Peekskill, US")):
        accounts.add_user(registry, name=name, role="officer", password=PASSWORD, places=[place])
    accounts.add_user(registry, name="ana", role="admin", password=PASSWORD)
    backend = "sqlite" if registry.is_sqlite else "postgresql"
    with live_server(module_db) as base:
        yield Served(base, backend, module_db, cuenca)
    registry.close()


def _enabled(served: Served) -> bool:
    with Registry.open(served.db) as registry:
        return bool(portal_ops.portal_state(registry, place=str(served.cuenca))["enabled"])


def _page(browser: Any, served: Served, locale: str) -> Any:
    context = browser.new_context(
        base_url=served.base, locale=locale, extra_http_headers={"accept-language": locale}
    )
    return context.new_page()


def _signed_in(
    browser: Any, served: Served, name: str, locale: str, password: str = PASSWORD
) -> Any:
    page = _page(browser, served, locale)
    page.goto("/login")
    page.fill("#name", name)
    page.fill("#password", password)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{served.base}/")
    return page


def test_the_cuenca_officer_switches_the_portal_on_and_a_resident_reads_it(
    browser: Any, served: Served
) -> None:
    resident = _page(browser, served, "es-EC")
    assert resident.goto("/portal/cuenca").status == 404

    lucia = _signed_in(browser, served, "lucia", "es-EC")
    lucia.click("header nav >> text=Portales públicos")
    lucia.click("main a >> text=Cuenca (EC)")
    assert "Apagado" in lucia.inner_text("#portal-state")
    lucia.click("#portal-state >> text=Encender el portal")
    lucia.wait_for_url(f"**/places/{served.cuenca}?portal=on")
    assert "El portal de Cuenca (EC) está encendido" in lucia.inner_text("#portal-done")
    assert "/portal/cuenca" in lucia.inner_text("#portal-state")
    screenshot(lucia, f"portal-switched-on-es-{served.backend}")

    assert resident.goto("/portal/cuenca").status == 200
    assert resident.inner_text("h1") == "Ciudades hermanas de Cuenca"
    assert "Peekskill" in resident.inner_text("main")
    screenshot(resident, f"portal-cuenca-after-switch-es-{served.backend}")


def test_an_officer_of_another_city_cannot_switch_it_off(browser: Any, served: Served) -> None:
    if not _enabled(served):
        with Registry.open(served.db) as registry:
            portal_ops.portal_enable(registry, place=str(served.cuenca), user="lucia")
    pete = _signed_in(browser, served, "pete", "en-US")
    pete.goto(f"/places/{served.cuenca}")
    assert pete.locator("#portal-state button").count() == 0
    token = pete.get_attribute("header form input[name=csrf_token]", "value")
    answer = pete.request.post(
        f"/places/{served.cuenca}/portal", form={"csrf_token": token, "switch": "off"}
    )
    assert answer.status == 403
    assert "officer of Peekskill (US), not of Cuenca (EC)" in answer.text()
    assert _enabled(served)
    pete.goto("/portals")
    assert "Cuenca" not in pete.inner_text("main table")
    screenshot(pete, f"portals-of-peekskills-officer-{served.backend}")


def test_the_cuenca_officer_chooses_the_address_and_language_in_spanish(
    browser: Any, served: Served
) -> None:
    lucia = _signed_in(browser, served, "lucia", "es-EC")
    lucia.goto(f"/places/{served.cuenca}")
    lucia.click("#portal-settings-link")
    assert lucia.inner_text("h1") == "Portal público de Cuenca (EC)"
    lucia.fill("#f-slug", "Cuenca Ecuador")
    lucia.select_option("#f-language", "es")
    lucia.click("#portal-settings button[type=submit] >> nth=0")
    assert lucia.inner_text("#e-slug") == (
        "'cuenca ecuador': use letras minúsculas, cifras y guiones (sin espacios ni tildes, "
        "como mucho 120, sin guion al principio ni al final)"
    )
    screenshot(lucia, f"portal-address-refused-es-{served.backend}")
    lucia.fill("#f-slug", "cuenca-ecuador")
    lucia.click("#portal-settings button[type=submit] >> nth=0")
    lucia.wait_for_url(f"**/places/{served.cuenca}/portal?done=*")
    assert "/portal/cuenca-ecuador" in lucia.inner_text("#portal-state")
    assert "(ES)" in lucia.inner_text("#portal-state")
    screenshot(lucia, f"portal-address-chosen-es-{served.backend}")

    # A browser that prefers English but reads Spanish too: the portal's language wins.
    context = browser.new_context(
        base_url=served.base,
        extra_http_headers={"accept-language": "en-US,en;q=0.9,es;q=0.5"},
    )
    resident = context.new_page()
    answer = resident.goto("/portal/cuenca-ecuador")
    assert answer.status == 200
    assert resident.inner_text("h1") == "Ciudades hermanas de Cuenca"
    assert resident.goto("/portal/cuenca").status == 404
    screenshot(resident, f"portal-cuenca-at-its-new-address-{served.backend}")


def test_an_admin_adds_an_officer_for_peekskill_who_switches_only_its_portal(
    browser: Any, served: Served
) -> None:
    ana = _signed_in(browser, served, "ana", "en-US")
    ana.click("header nav >> text=Accounts")
    ana.fill("#f-name", "peekskill-office")
    ana.select_option("#f-role", "officer")
    ana.fill("#f-places", "Peekskill, US")
    ana.click("#add-account button[type=submit]")
    assert "Officer of: Peekskill (US)." in ana.inner_text("#account-added")
    password = ana.inner_text("#one-time-password").strip()
    screenshot(ana, f"accounts-officer-added-{served.backend}")
    ana.goto("/accounts")
    assert password not in ana.content()
    assert "peekskill-office" in ana.inner_text("#accounts")

    office = _signed_in(browser, served, "peekskill-office", "en-US", password)
    office.click("header nav >> text=Public portals")
    office.click("main a >> text=Peekskill (US)")
    office.click("#portal-state >> text=Switch the portal on")
    assert "The portal of Peekskill (US) is on" in office.inner_text("#portal-done")
    office.goto(f"/places/{served.cuenca}")
    assert office.locator("#portal-state button").count() == 0
    token = office.get_attribute("header form input[name=csrf_token]", "value")
    answer = office.request.post(
        f"/places/{served.cuenca}/portal", form={"csrf_token": token, "switch": "off"}
    )
    assert answer.status == 403 and "not of Cuenca (EC)" in answer.text()
    assert _enabled(served)
    screenshot(office, f"peekskill-officer-on-cuencas-page-{served.backend}")
