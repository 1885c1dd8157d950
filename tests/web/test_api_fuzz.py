"""The OpenAPI document fuzzed with schemathesis: whatever it sends, no server error.

Every operation of ``/api/v1/openapi.json`` gets a few generated requests
(valid and invalid against the schema), sent in process to the real app over
a copy of the seeded SQLite registry, as an officer (who may write). Bounded:
a handful of examples per operation, so the run stays short.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from sistercities.operations import accounts
from sistercities.registry.store import Registry
from sistercities.web import WebConfig, create_app


@pytest.fixture
def fuzzed(seeded_sqlite: Path, tmp_path: Path) -> Iterator[tuple[Any, str]]:
    target = tmp_path / "registry.sqlite"
    shutil.copy(seeded_sqlite, target)
    registry = Registry.open(str(target), user="fuzz")
    app = create_app(WebConfig(db=str(target)), registry=registry)
    token = accounts.create_token(registry, name="officer")["token"]
    yield app, token
    registry.close()


def test_no_request_makes_a_server_error(fuzzed: tuple[Any, str]) -> None:
    app, token = fuzzed
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    headers = {"Authorization": f"Bearer {token}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 20
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=6, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def no_server_error(case: Any) -> None:
            response = case.call(headers=headers, timeout=120)
            assert response.status_code < 500, (
                case.method, case.formatted_path, case.query, response.text[:300])

        no_server_error()
