"""No state in a process: two apps over one registry answer for the same session and limits.

(What several uvicorn workers over one PostgreSQL registry do; here two app
instances, each with its own connection pool, stand for two workers.)
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from sistercities.web import WebConfig, create_app
from tests.web.conftest import Site, csrf_of, sign_in


def test_a_session_made_by_one_worker_is_honoured_by_another(site: Site) -> None:
    token = sign_in(site.client, "officer")
    other = TestClient(create_app(WebConfig(db=site.registry.url), registry=None))
    other.cookies.update(dict(site.client.cookies))
    page = other.get(f"/relationships/{site.partner_relationship}/status")
    assert page.status_code == 200 and csrf_of(page.text) == token
    answer = other.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert answer.status_code == 303
    assert site.client.get("/", follow_redirects=False).status_code == 303
    other.app.state.registry.close()  # type: ignore[attr-defined]


def test_the_language_follows_the_browser_and_the_switch(site: Site) -> None:
    sign_in(site.client, "researcher")
    spanish = site.client.get("/", headers={"Accept-Language": "es-EC,es;q=0.9,en;q=0.5"})
    assert spanish.headers["content-language"] == "es" and 'lang="es"' in spanish.text
    assert "Relaciones" in spanish.text
    site.client.get("/language/en?next=/relationships", follow_redirects=False)
    english = site.client.get("/", headers={"Accept-Language": "es"})
    assert english.headers["content-language"] == "en" and "Relationships" in english.text
    assert 'href="/language/es?next=/"' in english.text
    away = site.client.get("/language/es?next=https://elsewhere.example/",
                           follow_redirects=False)
    assert away.headers["location"] == "/"
