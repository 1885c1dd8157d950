"""Fixtures of the web tests: the app over a demo registry, an account of every role.

In-process tests use Starlette's client over the real app and the real
registry (SQLite and PostgreSQL through ``db_target``); the browser tests
(``test_browser_*``) start a real uvicorn server and drive Chromium.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text

from sistercities.interchange import demo
from sistercities.operations import accounts
from sistercities.registry.models import Actor, RelationshipActor
from sistercities.registry.store import Registry
from sistercities.web import WebConfig, create_app

PASSWORD = "correct horse battery staple"
ROLES = ("admin", "officer", "partner", "researcher")


@dataclass
class Site:
    """The app, its registry, and facts the tests need about the demo data."""

    registry: Registry
    client: TestClient
    partner_actor: int
    partner_relationship: int
    other_relationship: int
    tokens: dict[str, str]


def partner_of(registry: Registry) -> tuple[int, int, int]:
    """An organisation with a part in a relationship: (actor, its relationship, another one)."""
    with registry.session() as session:
        link = session.scalars(
            select(RelationshipActor)
            .join(Actor, Actor.id == RelationshipActor.actor_id)
            .where(Actor.kind == "organisation")
            .order_by(RelationshipActor.id)
        ).first()
        assert link is not None
        mine = {
            r
            for r in session.scalars(
                select(RelationshipActor.relationship_id).where(
                    RelationshipActor.actor_id == link.actor_id
                )
            )
        }
        from sistercities.registry.models import Relationship

        other = session.scalars(
            select(Relationship.id).where(Relationship.id.not_in(mine)).order_by(Relationship.id)
        ).first()
        assert other is not None
        return link.actor_id, link.relationship_id, other


def seed(registry: Registry) -> tuple[int, int, int]:
    """The demo registry and one account of every role (password :data:`PASSWORD`)."""
    with registry.session() as session:
        demo.load_demo(session)
    actor, mine, other = partner_of(registry)
    for role in ROLES:
        accounts.add_user(
            registry,
            name=role,
            role=role,
            password=PASSWORD,
            organisation=actor if role == "partner" else None,
        )
    return actor, mine, other


@pytest.fixture(scope="session", autouse=True)
def low_cost_hashing() -> Iterator[None]:
    """Argon2id with cheap parameters, here and in the live servers the tests start."""
    accounts.use_low_cost_hashing()
    os.environ["SISTERCITIES_LOW_COST_HASHING"] = "1"
    yield
    os.environ.pop("SISTERCITIES_LOW_COST_HASHING", None)


@pytest.fixture(scope="session")
def seeded_sqlite(tmp_path_factory: pytest.TempPathFactory, low_cost_hashing: None) -> Path:
    """A SQLite registry seeded once per run; each test gets a copy."""
    path = tmp_path_factory.mktemp("seeded") / "registry.sqlite"
    registry = Registry.open(str(path), user="tester")
    seed(registry)
    registry.close()
    return path


@pytest.fixture(scope="session")
def seeded_pg(pg_template: str, worker_id: str, low_cost_hashing: None) -> Iterator[str]:
    """A PostgreSQL database seeded once per run, the template of each test's database."""
    from tests.conftest import _admin_engine, _pg_url

    name = f"sc_seeded_{worker_id}_{os.getpid()}"
    admin = _admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"'))
    registry = Registry.open(_pg_url(name), user="tester")
    seed(registry)
    registry.close()
    yield name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def seeded_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh copy of the seeded registry (demo and accounts), once per backend."""
    if request.param == "sqlite":
        target = tmp_path / "registry.sqlite"
        shutil.copy(request.getfixturevalue("seeded_sqlite"), target)
        yield str(target)
        return
    from tests.conftest import _admin_engine, _pg_url

    template = request.getfixturevalue("seeded_pg")
    name = f"sc_test_{uuid.uuid4().hex[:12]}"
    admin = _admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    yield _pg_url(name)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def site(seeded_target: str) -> Iterator[Site]:
    registry = Registry.open(seeded_target, user="tester")
    actor, mine, other = partner_of(registry)
    tokens = {role: accounts.create_token(registry, name=role)["token"] for role in ROLES}
    app = create_app(WebConfig(db=seeded_target), registry=registry)
    with TestClient(app, base_url="http://testserver") as client:
        yield Site(registry, client, actor, mine, other, tokens)
    registry.close()


CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def sign_in(client: TestClient, name: str, password: str = PASSWORD) -> str:
    """Sign in through the form; the session's CSRF token (from the dashboard)."""
    page = client.get("/login")
    response = client.post(
        "/login",
        data={"name": name, "password": password, "csrf_token": csrf_of(page.text), "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return csrf_of(client.get("/").text)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
              ) -> Iterator[str]:
    """A fresh registry shared by one test module (the live server's), per backend."""
    if request.param == "sqlite":
        yield str(tmp_path_factory.mktemp("web") / "registry.sqlite")
        return
    from tests.conftest import _admin_engine, _pg_url

    template = request.getfixturevalue("pg_template")
    name = f"sc_web_{uuid.uuid4().hex[:12]}"
    admin = _admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    yield _pg_url(name)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the whole run."""
    from tests.web.live import chromium

    with chromium() as found:
        yield found
