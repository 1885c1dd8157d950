"""Bad input found by trying (issue 9): each is one line naming the field, or stored right.

Through Click's runner on SQLite and PostgreSQL; after every refusal the
stored data is checked to be as it was.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sistercities.cli import cli

LONG = "a" * 100_000


@pytest.fixture
def demo_db(db_target: str) -> str:
    result = CliRunner().invoke(cli, ["--db", db_target, "demo"])
    assert result.exit_code == 0, result.output
    return db_target


def run(db: str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", db, *args])


def one_line_error(result: Result, code: int = 1) -> str:
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines and lines[-1].startswith("Error: "), result.output
    assert "Traceback" not in result.output
    return lines[-1]


def _stats(db: str) -> dict[str, int]:
    return dict(json.loads(run(db, "stats", "--json").output))


def test_a_start_in_the_future_is_refused(demo_db: str) -> None:
    before = _stats(demo_db)
    result = run(demo_db, "add", "relationship", "Quito", "Tempe", "--start", "2099-01-01")
    assert "start: 2099-01-01 is in the future" in one_line_error(result)
    assert _stats(demo_db) == before


@pytest.mark.parametrize("amount", ["nan", "inf", "1e400", "-inf"])
def test_flow_amounts_that_are_not_numbers_are_refused(demo_db: str, amount: str) -> None:
    before = _stats(demo_db)
    flow = f"Quito>Louisville:capital:{amount}:USD"
    result = run(demo_db, "add", "activity", "15", "Visit", "--date", "2020", "--flow", flow)
    assert "flows[0].amount: must be a number" in one_line_error(result)
    assert _stats(demo_db) == before
    exported = run(demo_db, "export", "--format", "json")
    assert exported.exit_code == 0 and json.loads(exported.output)  # valid JSON still


def test_percent_and_underscore_are_characters_not_wildcards(demo_db: str) -> None:
    for pattern in ("%", "Q_ito"):
        listed = run(demo_db, "relationships", "list", "--place", pattern, "--json")
        assert json.loads(listed.output) == []
    added = run(demo_db, "add", "relationship", "100% Town", "Quito", "--country-a", "US")
    assert added.exit_code == 0, added.output
    found = json.loads(run(demo_db, "relationships", "list", "--place", "100%", "--json").output)
    assert [r["a"]["name"] if r["a"]["name"] == "100% Town" else r["b"]["name"] for r in found] == [
        "100% Town"
    ]
    assert "no place named '_uito'" in one_line_error(run(demo_db, "dossier", "_uito"))


@pytest.mark.parametrize(
    "args",
    [
        ("relationships", "list", "--place", LONG),
        ("dossier", LONG),
        ("health", "--place", LONG),
        ("places", "search", LONG),
        ("show", "place", "9" * 100_000),
    ],
    ids=["list", "dossier", "health", "search", "show-id"],
)
def test_a_100000_character_place_is_one_line(demo_db: str, args: tuple[str, ...]) -> None:
    message = one_line_error(run(demo_db, *args))
    assert "place: is 100,000 characters long (at most 600)" in message


@pytest.mark.parametrize(
    "args",
    [
        ("relationships", "list", "--limit", "99999999999999999999"),
        ("places", "search", "Quito", "--limit", "99999999999999999999"),
        ("history", "--limit", "99999999999999999999"),
    ],
    ids=["list", "search", "history"],
)
def test_a_limit_beyond_any_integer_is_one_line(demo_db: str, args: tuple[str, ...]) -> None:
    assert "'--limit'" in one_line_error(run(demo_db, *args), code=2)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs Linux's /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ("export", "--format", "json", "-o", "/dev/full"),
        ("dossier", "Quito", "--output", "/dev/full"),
    ],
    ids=["export", "dossier"],
)
def test_a_full_disk_is_one_line(demo_db: str, args: tuple[str, ...]) -> None:
    message = one_line_error(run(demo_db, *args))
    assert "No space left on device" in message


def test_a_binary_survey_file_is_one_line(demo_db: str, tmp_path: Path) -> None:
    path = tmp_path / "survey.xlsx.csv"
    path.write_bytes(bytes(range(256)) * 10)
    message = one_line_error(run(demo_db, "survey", "import", str(path), "--name", "s"))
    assert "not a text file" in message
