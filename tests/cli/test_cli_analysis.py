"""The analysis commands through Click's runner, on the demo registry (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import Cli


def _rel_id(cli: Cli, place: str) -> int:
    rows = cli.json("relationships", "list", "--place", place)
    return int(rows[0]["id"])


def test_asymmetry_charlotte_baoding(demo_cli: Cli) -> None:
    rel = _rel_id(demo_cli, "Charlotte")
    data = json.loads(demo_cli.out("asymmetry", str(rel), "--json"))
    flows = {f["kind"]: f for f in data["flows"]}
    assert flows["knowledge"]["supplier"] == "a"  # training flows from the US side
    assert data["capability"]["government_a"] == "federal"
    assert "World Bank" in data["source"]
    assert "interdependence" in demo_cli.out("asymmetry", str(rel), "--explain")
    assert "Charlotte" in demo_cli.out("asymmetry", str(rel))


def test_asymmetry_peekskill_leaves_the_planned_exchanges_out(demo_cli: Cli) -> None:
    """`004`'s planned university exchanges are a commitment: listed, never counted."""
    rel = str(_rel_id(demo_cli, "Peekskill"))
    data = demo_cli.json("asymmetry", rel)
    on_record = demo_cli.json("show", "relationship", rel)["activities"]
    planned = [a["id"] for a in on_record if a["planned"]]
    assert len(planned) == 1 and data["commitments"] == planned
    assert data["activities"] == len(on_record) - 1  # what was carried out
    assert planned[0] not in data["co_produced_ids"]
    assert "1 planned, not counted" in demo_cli.out("asymmetry", rel)
    assert "commitments (planned activities" in demo_cli.out("asymmetry", rel, "--explain")


def test_phases_peekskill_and_quito(demo_cli: Cli) -> None:
    data = json.loads(demo_cli.out("phases", str(_rel_id(demo_cli, "Peekskill")), "--json"))
    # `004`: "largely focused on cultural and political aims without the essential economic
    # base"; the planned university exchanges are a commitment, counted nowhere
    assert "economic" not in data["covered"] and data["phase"] != "commercial"
    assert any("without the essential economic base" in w for w in data["warnings"])
    assert len(data["commitments"]) == 1
    out = demo_cli.out("phases", str(_rel_id(demo_cli, "Louisville")))
    assert "phase none" in out and "no economic layer" in out
    assert "rule" in demo_cli.out("phases", str(_rel_id(demo_cli, "Peekskill")), "--explain")


def test_resilience_tiananmen_and_ep3(demo_cli: Cli) -> None:
    ny = json.loads(demo_cli.out("resilience", str(_rel_id(demo_cli, "New York")), "--json"))
    tian = next(c for c in ny["crises"] if "Tiananmen" in c["name"])
    assert tian["suspended"] and tian["suspended_on"] == "1989"
    bham = json.loads(demo_cli.out("resilience", str(_rel_id(demo_cli, "Birmingham")), "--json"))
    ep3 = next(c for c in bham["crises"] if "EP-3" in c["name"])
    assert ep3["observed"] >= 1 and "went on" in ep3["verdict"]
    assert "O/E" in demo_cli.out("resilience", str(_rel_id(demo_cli, "Birmingham")), "--explain")


def test_network_and_export(demo_cli: Cli, tmp_path: Path) -> None:
    data = json.loads(demo_cli.out("network", "--json"))
    assert data["edges"] == 22 and data["konect_twin"]["nodes"] == 14274
    out = demo_cli.out("network", "--export", "gexf", "-o", str(tmp_path / "n.gexf"))
    assert "wrote gexf" in out and (tmp_path / "n.gexf").exists()
    explained = demo_cli.out("network", "--explain")
    assert "formulas" in explained and "every figure is exact" in explained
    demo_cli.out("network", "--export", "graphml", expect=2)


def test_network_of_an_empty_registry(db_target: str) -> None:
    out = Cli(db_target).out("network", expect=1)
    assert "empty" in out and "Traceback" not in out


def test_match_with_migration_table(demo_cli: Cli, tmp_path: Path) -> None:
    table = tmp_path / "ties.csv"
    table.write_text(
        "origin_place,origin_country,destination_place,people\n"
        '"Cuenca, EC",,"Peekskill, US",5000\n'
        '"Atlantis, XX",,"Peekskill, US",10\n'
        ',EC,"Peekskill, US",-4\n',
        encoding="utf-8",
    )
    data = json.loads(demo_cli.out("migration", "import", str(table), "--json"))
    assert data["rows"] == 3 and data["accepted"] == 1 and len(data["rejected"]) == 2
    assert data["stored"] == {"created": 1, "updated": 0, "unchanged": 0}
    again = json.loads(demo_cli.out("migration", "import", str(table), "--json"))
    assert again["stored"] == {"created": 0, "updated": 0, "unchanged": 1}
    out = demo_cli.out("migration", "import", str(table), "--explain")
    assert "Atlantis" in out and "people" in out
    # Peekskill already has Cuenca: the diaspora points at the other places of Ecuador? no:
    # the tie names Cuenca, an existing partner, so Cuenca is not a candidate
    res = json.loads(demo_cli.out("match", "Peekskill, US", "--json"))
    assert all(c["place"]["name"] != "Cuenca" for c in res["candidates"])
    assert "score" in demo_cli.out("match", "Newark, US", "--explain")


def test_bad_inputs_are_one_line(demo_cli: Cli, tmp_path: Path) -> None:
    assert "no relationship with id 999" in demo_cli.out("asymmetry", "999", expect=1)
    assert "no place named" in demo_cli.out("match", "Atlantis", expect=1)
    assert "cannot read" in demo_cli.out("migration", "import", str(tmp_path / "x.csv"), expect=1)
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n", encoding="utf-8")
    assert "missing columns" in demo_cli.out("migration", "import", str(bad), expect=1)


def test_network_from_pairs_csv(tmp_path: Path) -> None:
    pairs = tmp_path / "p.csv"
    pairs.write_text("city1,country1,city2,country2\nA,France,B,Germany\nB,Germany,C,Poland\n")
    data = json.loads(
        Cli(str(tmp_path / "unused.sqlite")).out("network", "--pairs", str(pairs), "--json")
    )
    assert data["nodes"] == 3 and data["mean_distance"] == pytest.approx(4 / 3)
