"""``sistercities research import-qdpx | import-qdc | export`` through Click's runner."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable

import pytest
from click.testing import CliRunner, Result
from lxml import etree

from sistercities.cli import cli
from tests.research.refi.conftest import NVIVO12, REFI, TAGUETTE

Invoke = Callable[..., Result]
needs_samples = pytest.mark.skipif(not NVIVO12.exists(), reason="../shared/refi-qda is not here")


@pytest.fixture
def run(db_target: str) -> Invoke:
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(cli, ["--db", db_target, "--user", "tester", "research", *args],
                             env={"COLUMNS": "200"})  # tables not wrapped, whatever runs them

    return invoke


@needs_samples
def test_import_export_and_codebook(run, tmp_path):
    result = run("import-qdpx", str(NVIVO12), "--name", "oltas", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {k: data[k] for k in ("project", "sources", "codes", "codings", "cases", "notes")} == {
        "project": "oltas", "sources": 2, "codes": 152, "codings": 330, "cases": 0, "notes": 0}
    assert data["not_carried"] == [{"what": "formatting of styled (DOCX) sources", "count": 2,
                                    "reason": "the workbench keeps the plain text that the "
                                    "file's positions count in"}]
    out = tmp_path / "oltas.qdpx"
    result = run("export", "oltas", "--qdpx", str(out))
    assert result.exit_code == 0, result.output
    assert "Wrote" in result.output and "330 codings" in result.output
    result = run("export", "oltas", "--qdc", str(tmp_path / "oltas.qdc"), "--json")
    assert json.loads(result.output)["codes"] == 152
    etree.XMLSchema(etree.parse(str(REFI / "Codebook.xsd"))).assertValid(
        etree.parse(str(tmp_path / "oltas.qdc")))
    result = run("import-qdc", str(TAGUETTE), "oltas")
    assert result.exit_code == 0, result.output
    assert "3 codes added, 0 already there" in result.output


@needs_samples
def test_text_output_lists_what_is_not_carried(run):
    result = run("import-qdpx", str(NVIVO12))
    assert result.exit_code == 0, result.output
    assert "Project Untitled: 2 sources, 152 codes, 330 codings" in result.output
    assert "UTF-16 code units" in result.output
    assert "formatting of styled (DOCX) sources" in result.output
    assert result.output.count("span mid-word") == 3


def test_errors_are_one_line(run, tmp_path):
    bad = tmp_path / "bad.qdpx"
    bad.write_text("not a zip")
    result = run("import-qdpx", str(bad))
    assert result.exit_code == 1
    assert result.output.strip() == "Error: bad.qdpx: not a REFI-QDA project (not a zip archive)"
    result = run("export", "nothing", "--qdpx", str(tmp_path / "a.qdpx"),
                 "--qdc", str(tmp_path / "a.qdc"))
    assert result.exit_code == 1 and "exactly one of --qdpx FILE and --qdc FILE" in result.output
    result = run("export", "nothing", "--qdpx", str(tmp_path / "a.qdpx"))
    assert result.exit_code == 1 and "no research project 'nothing'" in result.output
    result = run("import-qdc", str(TAGUETTE), "nothing")
    assert result.exit_code == 1 and "no research project 'nothing'" in result.output


@pytest.mark.parametrize("command", ["import-qdpx", "import-qdc", "export"])
def test_help_has_an_example(command):
    result = CliRunner().invoke(cli, ["research", command, "--help"])
    assert result.exit_code == 0 and "Example:" in result.output


@pytest.mark.parametrize("command", ["import-qdpx", "import-qdc", "export"])
def test_the_commands_are_found_in_a_fresh_process(command: str) -> None:
    """Command modules load on demand: a new process must still find them under ``research``."""
    done = subprocess.run(
        [sys.executable, "-m", "sistercities", "research", command, "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Example" in done.stdout

