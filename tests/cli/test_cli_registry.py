"""The registry commands, through Click's runner and as a real subprocess."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from sistercities.places.countries import country_name
from sistercities.registry.models import Country
from sistercities.registry.store import Registry
from tests.cli.conftest import Cli

ROOT = Path(__file__).resolve().parents[2]


def run(db: str, *args: str, expect: int = 0) -> str:
    """Invoke the CLI on a registry; the exit code must be ``expect``."""
    return Cli(db).out(*args, expect=expect)


def test_demo_loads_the_papers_and_prints_the_overview(db_target: str) -> None:
    out = run(db_target, "demo", "--json")
    data = json.loads(out)
    assert data["totals"]["relationships"] >= 20
    statuses = {"proposed", "active", "dormant", "suspended", "ended", "unknown"}
    assert set(data["by_status"]) <= statuses
    assert data["by_status"].get("dormant", 0) >= 2
    assert data["by_status"]["unknown"] == 7  # the pairs the papers give no status signal for
    # the health verdicts: silence is never read as dormancy
    assert data["by_verdict"]["not_enough_on_record"] >= 7
    assert data["top"] and data["top"][0]["activities"] >= data["top"][-1]["activities"]
    # Running it again shows the overview and loads nothing twice.
    again = run(db_target, "demo", "--json")
    assert json.loads(again)["totals"] == data["totals"]


def test_demo_overview_tables_name_their_columns(db_target: str) -> None:
    """Each table's first header cell names what its rows are, never a word of its title."""
    out = run(db_target, "demo")
    today = dt.date.today().isoformat()
    assert f"By health verdict (as of {today})" in out
    headers = [line for line in out.splitlines() if "relationships" in line and "┃" in line]
    first_cells = [line.split("┃")[1].strip() for line in headers]
    assert first_cells[:4] == ["status", "verdict", "kind", "country"]
    assert "today)" not in out


def test_a_relationship_no_source_describes_is_unknown_until_set(db_target: str) -> None:
    """Without --status: unknown, and the output says how to set it; with it: as given."""
    out = run(db_target, "add", "relationship", "Quito", "Louisville",
              "--country-a", "EC", "--country-b", "US")  # fmt: skip
    assert "status unknown" in out and "status set 1 active" in out
    shown = json.loads(run(db_target, "show", "relationship", "1", "--json"))
    assert shown["status"] == "unknown"
    assert [s["to"] for s in shown["status_history"]] == ["unknown"]
    added = json.loads(run(db_target, "add", "relationship", "Quito", "Boston",
                           "--country-b", "US", "--status", "active", "--start", "2001",
                           "--json"))  # fmt: skip
    assert added["status"] == "active"
    assert "No --status" not in run(db_target, "add", "relationship", "Quito", "Lima",
                                    "--country-b", "PE", "--status", "proposed")  # fmt: skip
    run(db_target, "status", "set", "1", "active", "--date", "1962", "--reason", "signed")
    assert json.loads(run(db_target, "show", "relationship", "1", "--json"))["status"] == "active"


def test_demo_refuses_a_registry_that_holds_other_data(db_target: str) -> None:
    out = run(
        db_target,
        "add",
        "relationship",
        "Quito",
        "Louisville",
        "--country-a",
        "EC",
        "--country-b",
        "US",
    )
    out = run(db_target, "demo", expect=1)
    assert "already holds data" in out


def test_list_filters_by_country_name_or_code_and_status(db_target: str) -> None:
    run(db_target, "demo")
    out = run(db_target, "relationships", "list", "--country", "Ecuador", "--json")
    by_name = json.loads(out)
    out = run(db_target, "relationships", "list", "--country", "ec", "--json")
    assert json.loads(out) == by_name
    assert by_name and all("EC" in (r["a"]["country"], r["b"]["country"]) for r in by_name)
    out = run(
        db_target, "relationships", "list", "--place", "Quito", "--status", "dormant", "--json"
    )
    rows = json.loads(out)
    assert rows and all(r["status"] == "dormant" for r in rows)
    assert all("Quito" in (r["a"]["name"], r["b"]["name"]) for r in rows)


def test_list_since_keeps_only_later_starts(db_target: str) -> None:
    run(db_target, "demo")
    out = run(db_target, "relationships", "list", "--since", "2000", "--json")
    rows = json.loads(out)
    assert rows and all(r["start"] and r["start"] >= "2000" for r in rows)


def test_unknown_country_filter_is_a_one_line_error(db_target: str) -> None:
    out = run(db_target, "relationships", "list", "--country", "Atlantis", expect=1)
    assert out.strip() == "Error: country: unknown country 'Atlantis'"


def test_a_blank_since_is_a_one_line_error(db_target: str) -> None:
    out = run(db_target, "relationships", "list", "--since", " ", expect=1)
    assert out.startswith("Error: since:") and len(out.splitlines()) == 1


def test_an_unknown_country_of_a_new_place_names_which_side(db_target: str) -> None:
    args = ("add", "relationship", "Cair Paravel", "Lima", "--country-b", "PE")
    out = run(db_target, *args, "--country-a", "Narnia", expect=1)
    assert out.strip() == "Error: country_a: unknown country 'Narnia'"
    assert json.loads(run(db_target, "stats", "--json"))["places"] == 0


def test_places_search_show_and_stats(db_target: str) -> None:
    run(db_target, "demo")
    out = run(db_target, "places", "search", "cuenca", "--json")
    hits = json.loads(out)
    assert hits[0]["name"] == "Cuenca" and hits[0]["country"] == "EC"
    out = run(db_target, "show", "place", "Cuenca, Ecuador", "--json")
    place = json.loads(out)
    partners = {
        r["b"]["name"] if r["a"]["name"] == "Cuenca" else r["a"]["name"]
        for r in place["relationships"]
    }
    assert "Peekskill" in partners
    assert place["sources"]
    rel_id = next(
        r["id"] for r in place["relationships"] if "Peekskill" in (r["a"]["name"], r["b"]["name"])
    )
    out = run(db_target, "show", "relationship", str(rel_id), "--json")
    detail = json.loads(out)
    assert detail["status_history"] and detail["sources"]
    out = run(db_target, "stats", "--json")
    stats = json.loads(out)
    assert stats["relationships"] >= 20 and stats["places"] >= 30


def test_show_missing_relationship_is_a_clear_error(db_target: str) -> None:
    out = run(db_target, "show", "relationship", "999", expect=1)
    assert "no relationship with id 999" in out


def test_add_relationship_with_bad_date_names_the_field(db_target: str) -> None:
    out = run(
        db_target,
        "add",
        "relationship",
        "Quito",
        "Louisville",
        "--country-a",
        "EC",
        "--country-b",
        "US",
        "--start",
        "someday",
        expect=1,
    )
    assert "start:" in out
    out = run(db_target, "stats", "--json")
    assert json.loads(out)["places"] == 0


def test_names_with_square_brackets_are_printed_as_they_are(db_target: str) -> None:
    # Rich would read "[centro]" as a style (and drop it) and "[/x]" as a closing tag (and crash)
    run(db_target, "add", "relationship", "Villa [centro]", "Lima [/x]",
        "--country-a", "AR", "--country-b", "PE")  # fmt: skip
    out = run(db_target, "relationships", "list")
    assert "Villa [centro]" in out and "Lima [/x]" in out
    out = run(db_target, "show", "place", "Villa [centro]")
    assert "name: Villa [centro]" in out


def test_the_installed_command_runs_as_a_subprocess(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "SISTERCITIES_DB": str(tmp_path / "sub.sqlite"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "sistercities", "demo", "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["totals"]["relationships"] >= 20
    bad = subprocess.run(
        [sys.executable, "-m", "sistercities", "--db", "nope://x", "stats"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert bad.returncode == 1
    assert bad.stderr.strip().startswith("Error:") and "Traceback" not in bad.stderr
    # `add activity` lives in another command module than `add`: a fresh process finds it
    added = subprocess.run(
        [sys.executable, "-m", "sistercities", "add", "activity", "15", "Visit", "--date", "2020"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert added.returncode == 0, added.stderr
    assert "Added activity" in added.stdout


def test_a_relationship_added_by_hand_stores_the_country_an_import_would(cli_run: Cli) -> None:
    """``--country-a Kosovo`` stores XK, as the pairs import does, with the same country name."""
    added = cli_run.json(
        "add", "relationship", "Prizren", "Tirana", "--country-a", "Kosovo", "--country-b",
        "Albania",
    )  # fmt: skip
    assert (added["a"]["country"], added["b"]["country"]) == ("XK", "AL")
    stats = cli_run.json("stats")
    assert stats["countries"] == 2
    with Registry.open(cli_run.db) as registry, registry.session() as session:
        names = {code: name for code, name in session.execute(select(Country.code, Country.name))}
    assert names == {"XK": country_name("XK"), "AL": country_name("AL")}
    assert names["XK"] == "Kosovo"


def test_every_relationship_argument_takes_an_id_or_two_places(demo_cli: Cli) -> None:
    by_id = demo_cli.json("show", "relationship", "20")
    assert demo_cli.json("show", "relationship", "Cuenca/Peekskill")["id"] == by_id["id"]
    assert demo_cli.json("show", "relationship", "Peekskill, US / Cuenca, EC")["id"] == 20
    assert demo_cli.json("phases", "Cuenca/Peekskill")["relationship_id"] == 20
    assert demo_cli.json("asymmetry", "Quito/Krakow")["relationship_id"] == 17
    assert "no place named 'Atlantis'" in demo_cli.out("asymmetry", "Quito/Atlantis", expect=1)
    assert "no relationship between" in demo_cli.out("phases", "Quito/Cuenca", expect=1)
    assert "its two places" in demo_cli.out("resilience", "Quito", expect=1)


def test_an_ambiguous_pair_lists_the_relationships_it_found(demo_cli: Cli) -> None:
    demo_cli("add", "relationship", "Cuenca, EC", "Peekskill, US", "--kind", "friendship_city")
    out = demo_cli.out("show", "relationship", "Cuenca/Peekskill", expect=1)
    assert "ambiguous, it names 2 relationships" in out
    assert "20: " in out and "(sister_city)" in out and "(friendship_city)" in out
    out = demo_cli.out(
        "status", "set", "Cuenca/Peekskill", "dormant", "--date", "2024", "--reason", "x",
        expect=1,
    )  # fmt: skip
    assert "ambiguous" in out


def test_a_bad_date_exits_1_wherever_it_is_given(demo_cli: Cli) -> None:
    for args in (
        ("health", "--as-of", "30/04/2024"),
        ("dossier", "Cuenca, EC", "--as-of", "30/04/2024"),
        ("resilience", "8", "--as-of", "30/04/2024"),
        ("add", "relationship", "A", "B", "--country-a", "EC", "--country-b", "US",
         "--start", "2024-13"),
        ("relationships", "list", "--since", "someday"),
    ):  # fmt: skip
        out = demo_cli.out(*args, expect=1)
        assert out.startswith("Error: ") and len(out.strip().splitlines()) == 1, out
