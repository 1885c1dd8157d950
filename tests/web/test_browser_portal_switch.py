"""Switching Cuenca's portal on in a real browser: Debian's Chromium against a live server.

Per backend (SQLite, PostgreSQL): the officer of Cuenca signs in, opens
Cuenca's place page, switches its portal on and reads the confirmation; a
resident (no sign-in, Spanish browser) then reads Cuenca's portal; the
officer of Peekskill sees no switch on Cuenca's page, and a switch posted
from his session anyway (with his own valid CSRF token) is refused with
403 and changes nothing. Screenshots go to ``.ci/artifacts/``.
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


def _signed_in(browser: Any, served: Served, name: str, locale: str) -> Any:
    page = _page(browser, served, locale)
    page.goto("/login")
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
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
