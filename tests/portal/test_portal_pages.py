"""The portal's pages in process: public, cacheable, in the place's language, no personal data."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from sistercities.operations import portal as ops
from sistercities.web import WebConfig, create_app

from .conftest import Portals, stored_contact_details


@pytest.fixture
def client(portals: Portals) -> Iterator[TestClient]:
    app = create_app(WebConfig(db=portals.registry.url), registry=portals.registry)
    with TestClient(app, base_url="http://testserver") as test_client:
        yield test_client


def portal_addresses(portals: Portals) -> list[str]:
    """Every portal page: index, search, overview, each place, each relationship."""
    addresses = [
        "/portal/",
        "/portal/search?q=peek",
        "/portal/search?q=maria",
        "/portal/overview",
        "/portal/overview?country=EC",
    ]
    for row in ops.portal_list(portals.registry)["portals"]:
        addresses.append(f"/portal/{row['slug']}")
        for rel in ops.portal_place_page(portals.registry, slug=row["slug"])["relationships"]:
            addresses.append(f"/portal/{row['slug']}/{rel['slug']}")
    return addresses


def test_every_portal_page_is_public_and_shows_no_contact_detail(
    portals: Portals, client: TestClient
) -> None:
    stored = stored_contact_details(portals.registry)
    assert len(stored) == 7
    for address in portal_addresses(portals):
        response = client.get(address)
        assert response.status_code == 200, address
        shown = [value for value in stored if value in response.text]
        assert shown == [], f"{address} shows {shown}"
        assert "Maria Quizhpe" not in response.text, address
        assert "csrf_token" not in response.text


def test_cuencas_portal_reads_in_spanish_and_peekskills_in_english(client: TestClient) -> None:
    cuenca = client.get("/portal/cuenca", headers={"accept-language": "es-EC,es;q=0.9"})
    assert cuenca.headers["content-language"] == "es"
    assert '<html lang="es">' in cuenca.text
    assert "Ciudades hermanas de Cuenca" in cuenca.text
    assert "Cooperación descentralizada" in cuenca.text
    bilingual = client.get("/portal/cuenca", headers={"accept-language": "en-US,en;q=0.9,es;q=0.5"})
    assert bilingual.headers["content-language"] == "es"  # the reader accepts the city's language
    english_only = client.get("/portal/cuenca", headers={"accept-language": "en-US,en"})
    assert english_only.headers["content-language"] == "en"
    peekskill = client.get("/portal/peekskill", headers={"accept-language": "en-US,es;q=0.8"})
    assert peekskill.headers["content-language"] == "en"
    assert "Sister cities of Peekskill" in peekskill.text
    client.cookies.set("sc_lang", "en")
    switched = client.get("/portal/cuenca", headers={"accept-language": "es"})
    assert switched.headers["content-language"] == "en"


def test_a_relationship_page_tells_what_it_does_in_spanish(client: TestClient) -> None:
    page = client.get("/portal/cuenca/peekskill", headers={"accept-language": "es"}).text
    assert "Torneo" not in page  # titles are shown as recorded, not translated
    assert "Youth soccer tournament" in page
    assert "Qué hace la relación" in page
    assert "Peekskill &amp; Cuenca Sister City Corporation" in page
    assert 'href="https://peekskill-cuenca.example.org"' in page


def test_pages_carry_an_etag_and_answer_304_until_the_registry_changes(
    portals: Portals, client: TestClient
) -> None:
    first = client.get("/portal/cuenca")
    etag = first.headers["etag"]
    assert first.headers["cache-control"].startswith("public")
    again = client.get("/portal/cuenca", headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b""
    ops.portal_hide_activity(
        portals.registry, activity_id=_an_activity(first.text, portals), user="lucia"
    )
    changed = client.get("/portal/cuenca", headers={"if-none-match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag


def _an_activity(_html: str, portals: Portals) -> int:
    page = ops.portal_relationship_page(portals.registry, slug="cuenca", relationship="peekskill")
    return int(page["done"][0]["id"])


def test_unknown_portal_and_relationship_are_404(client: TestClient) -> None:
    assert client.get("/portal/atlantis").status_code == 404
    assert client.get("/portal/cuenca/atlantis").status_code == 404
    assert client.get("/portal/search?q=" + "x" * 500).status_code == 422


def test_portal_pages_need_no_script(client: TestClient) -> None:
    page = client.get("/portal/cuenca").text
    assert "<script" not in page
    assert re.search(r'<meta name="viewport" content="width=device-width', page)


def test_the_map_draws_on_a_shipped_drawing_of_the_land(client: TestClient) -> None:
    page = client.get("/portal/cuenca").text
    assert '<image href="/portal/world.svg"' in page
    land = client.get("/portal/world.svg")
    assert land.status_code == 200 and land.headers["content-type"].startswith("image/svg+xml")
    assert land.text.count("<path") > 100  # the countries of world-atlas' 110m shapes
