"""Fixtures: a fresh registry per test, on SQLite and on a real PostgreSQL.

PostgreSQL runs when ``SISTERCITIES_TEST_PG`` holds an admin URL (``.ci/run``
installs and starts a server and sets it). Each test gets its own database,
copied from a template that the migrations built once per worker, so no test
sees another's data. Without the setting the PostgreSQL cases are skipped,
except under CI (``CI=true``), where a missing server is an error.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from sistercities.registry.store import Registry, to_url
from sistercities.settings import read as read_setting

PG_ADMIN_URL = read_setting("test_pg")
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DATA = SHARED / "data"
BACKENDS = ["sqlite", "postgresql"]


def _admin_engine():  # type: ignore[no-untyped-def]
    assert PG_ADMIN_URL
    return create_engine(to_url(PG_ADMIN_URL), isolation_level="AUTOCOMMIT")


def _pg_url(database: str) -> str:
    assert PG_ADMIN_URL
    return (
        make_url(to_url(PG_ADMIN_URL)).set(database=database).render_as_string(hide_password=False)
    )


@pytest.fixture(scope="session")
def pg_template(worker_id: str) -> Iterator[str]:
    """A migrated PostgreSQL database that each test's database is copied from."""
    if not PG_ADMIN_URL:
        if os.environ.get("CI") == "true":
            pytest.fail("CI needs SISTERCITIES_TEST_PG: PostgreSQL tests must run")
        pytest.skip("PostgreSQL not configured (set SISTERCITIES_TEST_PG)")
    name = f"sc_template_{worker_id}_{os.getpid()}"
    admin = _admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    Registry.open(_pg_url(name)).close()
    yield name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def worker_id(request: pytest.FixtureRequest) -> str:
    """The xdist worker name, or ``main`` without xdist."""
    workerinput = getattr(request.config, "workerinput", None)
    return workerinput["workerid"] if workerinput else "main"


@pytest.fixture(params=BACKENDS)
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A path or URL of a fresh, empty (migrated) registry, once per backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "registry.sqlite")
        return
    template = request.getfixturevalue("pg_template")
    name = f"sc_test_{uuid.uuid4().hex[:12]}"
    admin = _admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    yield _pg_url(name)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def registry(db_target: str) -> Iterator[Registry]:
    """An open, empty registry (SQLite file or PostgreSQL database)."""
    reg = Registry.open(db_target, user="tester")
    yield reg
    reg.close()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The folder of real data beside the project (``../shared/data``)."""
    if not DATA.exists():
        pytest.skip("../shared/data is not beside the project")
    return DATA
