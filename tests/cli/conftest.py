"""One way to run the command line in the CLI tests: Click's runner on a fresh registry.

``cli_run`` runs ``sistercities --db <the test's registry> ...`` (SQLite and
PostgreSQL, through ``db_target``) and checks the exit code; ``demo_cli`` is
the same on a registry holding the demo. Every CLI test goes through these.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from click.testing import CliRunner, Result

from sistercities.cli import cli


@dataclass
class Cli:
    """The command line on one registry."""

    db: str

    def __call__(self, *args: str, expect: int | None = 0, user: str | None = None) -> Result:
        """Run ``sistercities --db DB [--user USER] ARGS``; the exit code must be ``expect``."""
        who = ["--user", user] if user else []
        result = CliRunner().invoke(cli, ["--db", self.db, *who, *args], catch_exceptions=False)
        if expect is not None:
            assert result.exit_code == expect, result.output
        return result

    def out(self, *args: str, expect: int | None = 0, user: str | None = None) -> str:
        """Run; what it printed (standard output and errors)."""
        return self(*args, expect=expect, user=user).output

    def json(self, *args: str, user: str | None = None) -> Any:
        """Run with ``--json`` and return the document it printed."""
        return json.loads(self(*args, "--json", user=user).stdout)


@pytest.fixture
def cli_run(db_target: str) -> Cli:
    """The command line on a fresh, empty registry (once per backend)."""
    return Cli(db_target)


@pytest.fixture
def demo_cli(cli_run: Cli) -> Cli:
    """The command line on a registry holding the demo (the seed papers' cases)."""
    cli_run("demo", user="tester")
    return cli_run


@pytest.fixture
def demo_db(demo_cli: Cli) -> str:
    """The path or URL of a registry holding the demo, for tests that also open it."""
    return demo_cli.db
