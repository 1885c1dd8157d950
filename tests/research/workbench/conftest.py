"""Fixtures for the research workbench: a project owned by the registry's user, text files."""

from __future__ import annotations

from pathlib import Path

import pytest

from sistercities.operations import research as ops
from sistercities.registry.store import Registry
from tests.conftest import SHARED

SEEDS = SHARED / "seeds"
DOCUMENTS = SHARED / "data" / "documents"


@pytest.fixture
def project(registry: Registry) -> str:
    """An empty project ``study`` owned by ``tester`` (the registry fixture's user)."""
    ops.create_project(registry, name="study", title="A study")
    return "study"


@pytest.fixture
def seeds() -> dict[str, Path]:
    """The three seed papers by their number: ``000``, ``001``, ``004``."""
    if not SEEDS.exists():
        pytest.skip("../shared/seeds is not beside the project")
    return {p.name[:3]: p for p in sorted(SEEDS.glob("*.txt"))}


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def as_user(registry: Registry, user: str) -> Registry:
    """The same database, acting as another person."""
    return Registry.open(registry.url.replace("postgresql+psycopg", "postgresql"), user=user)
