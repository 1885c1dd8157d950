"""The portal switch in the web app and the API, in process, on SQLite and PostgreSQL.

The officer of Cuenca switches Cuenca's portal on from the place page and
a resident reads it; the officer of Peekskill cannot (403, nothing
changes); forged CSRF tokens, unknown places and bad values are refused and
change nothing; the same through ``PUT /api/v1/places/{place}/portal``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from sistercities.operations import accounts
from sistercities.operations import portal as portal_ops
from sistercities.registry.models import AuditEntry, Place
from tests.web.conftest import PASSWORD, Site, csrf_of, sign_in


@dataclass
class Office:
    site: Site
    cuenca: int
    tokens: dict[str, str]


@pytest.fixture
def office(site: Site) -> Iterator[Office]:
    for name, place in (("lucia", "Cuenca, EC"), ("pete", "Peekskill, US")):
        accounts.add_user(
            site.registry, name=name, role="officer", password=PASSWORD, places=[place]
        )
    tokens = {n: accounts.create_token(site.registry, name=n)["token"] for n in ("lucia", "pete")}
    with site.registry.session() as session:
        query = select(Place.id).where(Place.name == "Cuenca", Place.country_code == "EC")
        cuenca = int(session.scalar(query))
    yield Office(site, cuenca, tokens)


def _enabled(office: Office) -> bool:
    return bool(
        portal_ops.portal_state(office.site.registry, place=str(office.cuenca))["enabled"]
    )


def _resident(office: Office) -> TestClient:
    client = office.site.client
    client.cookies.clear()
    return client


def test_the_cuenca_officer_switches_it_on_and_a_resident_reads_it(office: Office) -> None:
    client = office.site.client
    assert _resident(office).get("/portal/cuenca").status_code == 404
    token = sign_in(client, "lucia")
    page = client.get(f"/places/{office.cuenca}", headers={"accept-language": "es"})
    assert "Encender el portal" in page.text and "Apagado" in page.text
    sent = client.post(
        f"/places/{office.cuenca}/portal",
        data={"csrf_token": token, "switch": "on"},
        follow_redirects=False,
    )
    assert sent.status_code == 303
    assert sent.headers["location"] == f"/places/{office.cuenca}?portal=on"
    done = client.get(sent.headers["location"])
    assert "The portal of Cuenca (EC) is on" in done.text and "/portal/cuenca" in done.text
    assert "Switch the portal off" in done.text
    resident = _resident(office).get("/portal/cuenca", headers={"accept-language": "es"})
    assert resident.status_code == 200 and "Ciudades hermanas de Cuenca" in resident.text
    with office.site.registry.session() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "portals").order_by(AuditEntry.id.desc())
        ).first()
    assert entry is not None and entry.user == "lucia" and entry.action == "create"


def test_an_officer_of_another_city_cannot_switch_it(office: Office) -> None:
    client = office.site.client
    token = sign_in(client, "pete")
    page = client.get(f"/places/{office.cuenca}")
    assert page.status_code == 200 and "Switch the portal on" not in page.text
    refused = client.post(
        f"/places/{office.cuenca}/portal", data={"csrf_token": token, "switch": "on"}
    )
    assert refused.status_code == 403
    assert "officer of Peekskill (US), not of Cuenca (EC)" in refused.text
    assert not _enabled(office)
    portal_ops.portal_enable(office.site.registry, place=str(office.cuenca), user="lucia")
    refused = client.post(
        f"/places/{office.cuenca}/portal", data={"csrf_token": token, "switch": "off"}
    )
    assert refused.status_code == 403 and _enabled(office)
    listed = client.get("/portals").text
    assert "Peekskill (US)" in listed and "Cuenca (EC)" not in listed


def test_forged_tokens_unknown_places_and_bad_values_change_nothing(office: Office) -> None:
    client = office.site.client
    token = sign_in(client, "lucia")
    for data in ({"switch": "on"}, {"switch": "on", "csrf_token": "forged"}):
        answer = client.post(f"/places/{office.cuenca}/portal", data=data)
        assert answer.status_code == 403 and "security token" in answer.text
    assert not _enabled(office)
    answer = client.post("/places/Atlantis/portal", data={"csrf_token": token, "switch": "on"})
    assert answer.status_code == 404 and "no place named" in answer.text
    answer = client.post(
        f"/places/{office.cuenca}/portal", data={"csrf_token": token, "switch": "yes"}
    )
    assert answer.status_code == 422 and "say on or off" in answer.text
    answer = client.post(
        f"/places/{office.cuenca}/portal", data={"csrf_token": token, "switch": "off"}
    )
    assert answer.status_code == 422 and "has no portal switched on" in answer.text
    assert not _enabled(office)


def test_the_registry_officer_switches_on_a_place_by_name(office: Office) -> None:
    client = office.site.client
    token = sign_in(client, "officer")
    refused = client.post("/portals", data={"csrf_token": token, "place": "Atlantis"})
    assert refused.status_code == 422
    assert "no place named" in refused.text and 'value="Atlantis"' in refused.text
    sent = client.post(
        "/portals", data={"csrf_token": token, "place": "Cuenca, EC"}, follow_redirects=False
    )
    assert sent.status_code == 303
    assert "The portal of Cuenca (EC) is on" in client.get(sent.headers["location"]).text
    assert _enabled(office)


def test_the_api_switch(office: Office) -> None:
    client = office.site.client
    client.cookies.clear()
    url = "/api/v1/places/Cuenca, EC/portal"

    def bearer(name: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {office.tokens[name]}"}

    me = client.get("/api/v1/me", headers=bearer("pete")).json()
    assert me["officer_of"] == "Peekskill (US)" and [p["label"] for p in me["places"]] == [
        "Peekskill (US)"]
    state = client.get(url, headers=bearer("pete")).json()
    assert state["enabled"] is False and state["may_switch"] is False
    refused = client.put(url, json={"enabled": True}, headers=bearer("pete"))
    assert refused.status_code == 403 and refused.json()["error"]["status"] == 403
    assert not _enabled(office)
    partner = {"Authorization": f"Bearer {office.site.tokens['partner']}"}
    assert client.put(url, json={"enabled": True}, headers=partner).status_code == 403
    bad = client.put(url, json={"enabled": "maybe"}, headers=bearer("lucia"))
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "enabled"
    bad = client.put(url, json={"enabled": True, "language": "fr"}, headers=bearer("lucia"))
    assert bad.status_code == 422 and not _enabled(office)
    unknown = client.put(
        "/api/v1/places/Atlantis/portal", json={"enabled": True}, headers=bearer("lucia")
    )
    assert unknown.status_code == 404
    done = client.put(url, json={"enabled": True, "slug": "cuenca-ec"}, headers=bearer("lucia"))
    assert done.status_code == 200, done.text
    assert done.json() | {"changed_by": "lucia"} == done.json()
    assert done.json()["enabled"] and done.json()["slug"] == "cuenca-ec"
    assert client.get("/portal/cuenca-ec").status_code == 200
    off = client.put(url, json={"enabled": False}, headers=bearer("lucia"))
    assert off.json()["enabled"] is False and client.get("/portal/cuenca-ec").status_code == 404


def test_an_api_write_from_a_browser_session_needs_the_csrf_header(office: Office) -> None:
    client = office.site.client
    token = sign_in(client, "lucia")
    url = f"/api/v1/places/{office.cuenca}/portal"
    assert client.put(url, json={"enabled": True}).status_code == 403
    assert not _enabled(office)
    sent = client.put(url, json={"enabled": True}, headers={"x-csrf-token": token})
    assert sent.status_code == 200 and _enabled(office)


def test_the_portals_page_in_spanish(office: Office) -> None:
    client = office.site.client
    sign_in(client, "lucia")
    page = client.get("/portals", headers={"accept-language": "es-EC,es;q=0.9"})
    assert page.headers["content-language"] == "es"
    assert "Portales públicos" in page.text and "Encender el portal" in page.text
    assert csrf_of(page.text)
