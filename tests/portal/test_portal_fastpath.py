"""Portal pages kept per process (the web app's fast path): current in every worker, per language.

Two apps over one registry stand for two workers, each with its own kept pages.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from sistercities.operations import portal as ops
from sistercities.web import WebConfig, create_app

from .conftest import Portals


@pytest.fixture
def workers(portals: Portals) -> Iterator[tuple[TestClient, TestClient]]:
    one = create_app(WebConfig(db=portals.registry.url), registry=portals.registry)
    two = create_app(WebConfig(db=portals.registry.url))
    with TestClient(one) as first, TestClient(two) as second:
        yield first, second
    two.state.registry.close()


def _done_activity(portals: Portals) -> int:
    page = ops.portal_relationship_page(portals.registry, slug="cuenca", relationship="peekskill")
    return int(page["done"][0]["id"])


def test_a_change_made_through_one_worker_is_on_the_next_page_of_another(
    portals: Portals, workers: tuple[TestClient, TestClient]
) -> None:
    first, second = workers
    address = "/portal/cuenca/peekskill"
    title = ops.portal_relationship_page(
        portals.registry, slug="cuenca", relationship="peekskill")["done"][0]["title"]
    pages = [second.get(address), second.get(address)]
    assert pages[0].text == pages[1].text and title in pages[1].text
    etag = pages[1].headers["etag"]
    assert second.get(address, headers={"if-none-match": etag}).status_code == 304
    ops.portal_hide_activity(portals.registry, activity_id=_done_activity(portals), user="lucia")
    assert first.get(address).status_code == 200  # the first worker's own copy, at the new version
    after = second.get(address, headers={"if-none-match": etag})
    assert after.status_code == 200 and after.headers["etag"] != etag
    assert title not in after.text


def test_the_kept_page_is_kept_per_language(workers: tuple[TestClient, TestClient]) -> None:
    client, _ = workers
    for _ in range(2):
        spanish = client.get("/portal/peekskill", headers={"Accept-Language": "es"})
        english = client.get("/portal/peekskill", headers={"Accept-Language": "en-US"})
        assert spanish.headers["content-language"] == "es" and 'lang="es"' in spanish.text
        assert english.headers["content-language"] == "en" and 'lang="en"' in english.text
    client.cookies.set("sc_lang", "es")
    switched = client.get("/portal/peekskill", headers={"Accept-Language": "en-US"})
    assert switched.headers["content-language"] == "es"
