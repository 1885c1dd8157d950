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
