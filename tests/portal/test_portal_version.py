"""A portal page kept (and its ETag held by a browser) is never served once a later commit
changed it, even when that commit's audit entry is older than the newest one.

Writer A (a process of its own) renames an activity shown on the page and
stays open; on PostgreSQL writer B makes another audited change and commits
first, so the newest audit entry is B's; the browser fetches the page and
keeps its ETag. When A commits, the browser's ``If-None-Match`` must get the
page with A's title, not ``304``. (On SQLite B cannot begin while A is open.)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from sistercities.operations import portal as ops
from sistercities.registry.models import Country
from sistercities.web import WebConfig, create_app
from tests.held_writer import HeldWriter

from .conftest import Portals

ADDRESS = "/portal/cuenca/peekskill"


@pytest.fixture
def client(portals: Portals) -> Iterator[TestClient]:
    with TestClient(create_app(WebConfig(db=portals.registry.url), registry=portals.registry)) as c:
        yield c


@pytest.fixture
def held() -> Iterator[list[HeldWriter]]:
    writers: list[HeldWriter] = []
    yield writers
    for writer in writers:
        writer.stop()


def test_a_browsers_etag_from_before_a_late_commit_gets_the_new_page(
    portals: Portals, client: TestClient, held: list[HeldWriter]
) -> None:
    done = ops.portal_relationship_page(portals.registry, slug="cuenca",
                                        relationship="peekskill")["done"][0]
    renamed = f"{done['title']} (renamed by A)"
    a = HeldWriter(portals.registry.url, "Activity", done["id"], "title", renamed)
    held.append(a)
    if portals.registry.is_sqlite:
        database = make_url(portals.registry.url).database
        assert database
        other = sqlite3.connect(database, timeout=0, isolation_level=None)
        with pytest.raises(sqlite3.OperationalError, match="database is locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()
    else:
        with portals.registry.session(user="writer-b") as session:
            session.add(Country(code="PE", name="Peru"))
    kept = [client.get(ADDRESS), client.get(ADDRESS)]
    assert kept[0].text == kept[1].text and done["title"] in kept[1].text
    assert renamed not in kept[1].text
    etag = kept[1].headers["etag"]
    assert client.get(ADDRESS, headers={"if-none-match": etag}).status_code == 304

    a.commit()
    after = client.get(ADDRESS, headers={"if-none-match": etag})
    assert after.status_code == 200 and after.headers["etag"] != etag
    assert renamed in after.text
