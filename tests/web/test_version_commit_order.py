"""The registry's version moves on with every commit, in commit order: no kept page outlives one.

The case the newest audit entry got wrong on PostgreSQL: writer A (a process
of its own) writes audit entry *n* and stays open; writer B writes *n + 1*
and commits; a reader keeps a page at that version; A commits. The newest
entry is still B's, so a version read from it stayed the same and the kept
page, without A's change, went on being served. The version is now moved on
by the database as each transaction commits (migration 0012).

On SQLite the case cannot arise: A holds the database's only write lock, so
B cannot even begin to write until A is done (checked here too); the
version must still move on when A commits.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from sistercities.operations import callers
from sistercities.registry.models import AuditEntry, Relationship
from tests.held_writer import HeldWriter
from tests.web.conftest import Site

LIST = "/api/v1/relationships?country=EC&limit=5"


@pytest.fixture
def held() -> Iterator[list[HeldWriter]]:
    writers: list[HeldWriter] = []
    yield writers
    for writer in writers:
        writer.stop()


def listing(client: TestClient, token: str) -> dict[int, str | None]:
    """``initiated_by`` of each listed relationship, asked twice (the second from the kept copy)."""
    answers = [client.get(LIST, headers={"Authorization": f"Bearer {token}"}) for _ in range(2)]
    assert [a.status_code for a in answers] == [200, 200] and answers[0].text == answers[1].text
    return {item["id"]: item["initiated_by"] for item in answers[1].json()["items"]}


def other_than(value: str | None) -> str:
    return "b" if value == "a" else "a"


def write_and_commit(site: Site, relationship_id: int, initiated_by: str) -> int:
    """Writer B: an audited change, committed; the newest audit entry's id after it."""
    with site.registry.session(user="writer-b") as session:
        rel = session.get(Relationship, relationship_id)
        assert rel is not None
        rel.initiated_by = initiated_by
    with site.registry.session() as session:
        return int(session.scalar(select(func.max(AuditEntry.id))) or 0)


def refused_at_once(site: Site) -> None:
    """SQLite: while A is open, another writer cannot even begin (no wait, no sleep)."""
    database = make_url(site.registry.url).database
    assert database
    connection = sqlite3.connect(database, timeout=0, isolation_level=None)
    try:
        with pytest.raises(sqlite3.OperationalError, match="database is locked"):
            connection.execute("BEGIN IMMEDIATE")
    finally:
        connection.close()


def test_a_write_committed_after_a_later_one_still_moves_the_version_on(
    site: Site, held: list[HeldWriter]
) -> None:
    token = site.tokens["researcher"]
    before = listing(site.client, token)
    first, second = list(before)[:2]
    a_value, b_value = other_than(before[first]), other_than(before[second])

    a = HeldWriter(site.registry.url, "Relationship", first, "initiated_by", a_value)
    held.append(a)
    if site.registry.is_sqlite:
        refused_at_once(site)
        expected_meanwhile = before
    else:
        assert write_and_commit(site, second, b_value) > a.audit_id  # B's entry is the newest
        expected_meanwhile = {**before, second: b_value}
    assert listing(site.client, token) == expected_meanwhile  # kept, without A's change
    version = callers.registry_version(site.registry)

    a.commit()
    assert callers.registry_version(site.registry) > version
    assert listing(site.client, token) == {**expected_meanwhile, first: a_value}
