"""The registry's version (migration 0012): moved on by the database, in commit order.

Explicit transactions on both backends: a write moves the version on when it
commits, not before, and not at all when it is rolled back; two writers that
commit at the same moment on PostgreSQL take turns on the version's row, the
second adding to what the first committed (READ COMMITTED re-reads the row
after the wait), so no commit is lost. The migration starts the version at
the newest audit entry (never backwards for a cache that holds one) and its
downgrade leaves a registry the older code writes to.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import inspect, text

from sistercities.operations import callers
from sistercities.registry import audit
from sistercities.registry.models import Country
from sistercities.registry.store import Registry, _alembic_config
from tests.held_writer import HeldWriter

BEFORE = "0011_clean_amounts"


def version(registry: Registry) -> int:
    return callers.registry_version(registry)


def add_country(registry: Registry, code: str) -> None:
    with registry.session() as session:
        session.add(Country(code=code, name=f"Country {code}"))


@pytest.fixture
def held() -> Iterator[list[HeldWriter]]:
    writers: list[HeldWriter] = []
    yield writers
    for writer in writers:
        writer.stop()


def test_a_new_registry_is_at_version_0_and_each_write_moves_it_on(registry: Registry) -> None:
    assert version(registry) == 0
    add_country(registry, "EC")
    first = version(registry)
    add_country(registry, "PE")
    assert 0 < first < version(registry)
    with registry.session() as session:  # the same number through a session (the portal's)
        assert session.scalar(audit.VERSION) == version(registry)


def test_the_version_moves_when_the_write_commits_and_not_when_it_is_rolled_back(
    registry: Registry,
) -> None:
    start = version(registry)
    with pytest.raises(RuntimeError), registry.session() as session:
        session.add(Country(code="EC", name="Ecuador"))
        session.flush()  # the audit entry is written ...
        raise RuntimeError("... and rolled back")
    assert version(registry) == start
    with registry.session() as session:
        session.add(Country(code="EC", name="Ecuador"))
        session.flush()
        session.add(Country(code="PE", name="Peru"))
        session.flush()
        assert version(registry) == start  # another connection: nothing committed yet
    moved = version(registry) - start
    assert moved == (2 if registry.is_sqlite else 1)  # per entry on SQLite, per commit on PG


def _waiting_on_a_lock(registry: Registry, sessions: int) -> None:
    """Until ``sessions`` sessions of this database wait for a lock (a handshake, not a sleep)."""
    deadline = time.monotonic() + 60
    with registry.engine.connect() as connection:
        while time.monotonic() < deadline:
            waiting = connection.execute(text(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )).scalar_one()
            connection.rollback()
            if waiting >= sessions:
                return
            time.sleep(0.05)
    raise AssertionError("the second writer never waited for the first")


def test_two_writers_committing_together_each_move_the_version_on(
    registry: Registry, held: list[HeldWriter]
) -> None:
    if registry.is_sqlite:
        pytest.skip("SQLite has one writer at a time: two cannot commit together")
    add_country(registry, "EC")
    start = version(registry)
    b = HeldWriter(registry.url, "Country", "EC", "name", "Ecuador")  # B, a process: open
    held.append(b)
    with registry.session() as session:  # A, here: its version bump runs now, not at commit,
        session.add(Country(code="PE", name="Peru"))
        session.flush()
        session.execute(text("SET CONSTRAINTS ALL IMMEDIATE"))
        assert session.scalar(audit.VERSION) == start + 1  # and it holds the version's row
        b.release()  # B commits: its bump waits for A's
        _waiting_on_a_lock(registry, 1)
        assert version(registry) == start  # neither is visible yet
    b.committed()  # A committed, then B, adding to A's number
    assert version(registry) == start + 2


def _downgraded(db_target: str) -> Registry:
    registry = Registry.open(db_target)
    with registry.engine.begin() as connection:
        command.downgrade(_alembic_config(connection), BEFORE)
    return registry


def test_the_version_starts_at_the_newest_audit_entry_and_goes_on_from_there(
    db_target: str,
) -> None:
    registry = _downgraded(db_target)
    with registry.engine.begin() as c:
        assert "registry_version" not in inspect(c).get_table_names()
        for entity in ("places", "relationships", "actors"):
            c.execute(text("INSERT INTO audit_trail (at, \"user\", action, entity) "
                           "VALUES (CURRENT_TIMESTAMP, 'old', 'create', :e)"), {"e": entity})
        newest = c.execute(text("SELECT max(id) FROM audit_trail")).scalar_one()
    registry.upgrade()
    assert version(registry) == newest
    add_country(registry, "EC")
    assert version(registry) > newest
    registry.close()


def test_downgrade_leaves_a_registry_the_older_code_writes_to(db_target: str) -> None:
    registry = Registry.open(db_target)
    add_country(registry, "EC")
    with registry.engine.begin() as connection:
        command.downgrade(_alembic_config(connection), BEFORE)
    with registry.engine.begin() as c:
        assert "registry_version" not in inspect(c).get_table_names()
        c.execute(text("INSERT INTO audit_trail (at, \"user\", action, entity) "
                       "VALUES (CURRENT_TIMESTAMP, 'old', 'create', 'places')"))
        newest = c.execute(text("SELECT max(id) FROM audit_trail")).scalar_one()
    registry.upgrade()
    assert version(registry) == newest
    registry.close()
