"""Two writers at once, as two processes: both end well, nothing is stored twice.

Each test holds the registry's writer lock itself while it starts two
``sistercities`` processes, so that both have resolved their files and are
waiting for the lock when it is released (on PostgreSQL the test sees them
wait; on SQLite it gives them a few seconds). Then each must store its rows,
the later one merging with what the earlier one stored: one ``DE``, one
Berlin, every relationship once.
"""

from __future__ import annotations

import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from sistercities.places.gazetteer import Gazetteer
from sistercities.registry.models import Country, Place, Relationship
from sistercities.registry.store import _SCHEMA_LOCK, Registry
from tests.conftest import _admin_engine, _pg_url

FIRST = "city1,country1,city2,country2\nBerlin,Germany,Paris,France\nBerlin,Germany,Kraków,Poland\n"
SECOND = (
    "city1,country1,city2,country2\n"
    "Kraków,Poland,Berlin,Germany\n"  # the first file's pair, from the other side
    "Nienburg,Germany,Bratislava,Slovakia\n"
    "Frankfurt am Main,Germany,Kraków,Poland\n"
)


def start(db: str, *args: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "sistercities", "--db", db, *args]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_until_blocked(registry: Registry, processes: int) -> None:
    """PostgreSQL: until ``processes`` sessions wait on a lock; SQLite: a few seconds."""
    if registry.is_sqlite:
        time.sleep(4)
        return
    deadline = time.monotonic() + 60
    with registry.engine.connect() as connection:
        while time.monotonic() < deadline:
            waiting = connection.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
            ).scalar_one()
            connection.rollback()
            if waiting >= processes:
                return
            time.sleep(0.2)


def finish(process: subprocess.Popen[str]) -> str:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    return out


def count(registry: Registry, model: type, **where: object) -> int:
    with registry.session() as session:
        statement = select(func.count()).select_from(model).filter_by(**where)
        return int(session.scalar(statement) or 0)


def test_two_imports_at_once_both_store_and_merge(
    db_target: str, dump_file: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    Gazetteer.open(cache, dump=dump_file).close()  # built once, not raced for
    files = []
    for name, content in (("first.csv", FIRST), ("second.csv", SECOND)):
        files.append(tmp_path / name)
        files[-1].write_text(content, encoding="utf-8")
    registry = Registry.open(db_target)
    options = ["--gazetteer", str(dump_file), "--cache-dir", str(cache), "--json"]
    with registry.session(exclusive=True):  # both imports must wait for this
        processes = [start(db_target, "import", "pairs", str(f), *options) for f in files]
        wait_until_blocked(registry, 2)
    outputs = [finish(p) for p in processes]
    assert all('"rejected": 0' in out for out in outputs)
    assert count(registry, Country, code="DE") == 1
    assert count(registry, Place, name="Berlin") == 1
    assert count(registry, Place, name="Kraków") == 1
    # Berlin-Paris, Berlin-Kraków (listed by both files), Nienburg-Bratislava, Frankfurt-Kraków
    assert count(registry, Relationship) == 4
    registry.close()


def test_two_people_add_relationships_at_once(db_target: str) -> None:
    registry = Registry.open(db_target)
    with registry.session(exclusive=True):
        add = ["add", "relationship", "Quito"]
        countries = ["--country-a", "EC", "--country-b", "EC", "--json"]
        processes = [
            start(db_target, *add, partner, *countries) for partner in ("Cuenca", "Guayaquil")
        ]
        wait_until_blocked(registry, 2)
    for process in processes:
        finish(process)
    assert count(registry, Country, code="EC") == 1
    assert count(registry, Place, name="Quito") == 1
    assert count(registry, Relationship) == 2
    registry.close()


@pytest.fixture
def new_target(db_target: str, tmp_path: Path) -> Iterator[str]:
    """A registry that does not exist yet: a new SQLite file, an empty PostgreSQL database."""
    if db_target.endswith(".sqlite"):
        yield str(tmp_path / "new.sqlite")
        return
    name = f"sc_new_{uuid.uuid4().hex[:12]}"
    admin = _admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield _pg_url(name)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_two_processes_creating_a_new_registry_at_once_both_end_well(new_target: str) -> None:
    """The first command on a new registry creates its tables; a second at once waits."""
    registry = Registry(new_target)  # not opened: no table yet
    with registry.engine.connect() as held:
        if registry.is_sqlite:
            held.exec_driver_sql("BEGIN IMMEDIATE")  # the lock a migrating process takes
        else:
            held.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _SCHEMA_LOCK})
        both = [start(new_target, "stats", "--json") for _ in range(2)]
        wait_until_blocked(registry, 2)
        held.rollback()  # as if the first migrating process had finished
        outs = [finish(p) for p in both]
    assert all('"relationships": 0' in out for out in outs)
    assert registry.schema_revisions() == registry.latest_revisions()
    registry.close()
