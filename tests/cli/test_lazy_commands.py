"""Commands load on demand: each one imports its own module, not every command's.

``COMMAND_HOMES`` (``cli/__init__.py``) says which module defines each
top-level command; a wrong or missing entry would load the wrong module (or,
missing, every module before the right one). Checked here against what the
modules define, and in a fresh process, what a command really imports.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

from sistercities.cli import COMMAND_HOMES, COMMAND_MODULES
from sistercities.registry.store import Registry


def test_every_command_has_its_home() -> None:
    defined = {
        command.name: module
        for module in COMMAND_MODULES
        for command in importlib.import_module(module).commands
    }
    assert defined == COMMAND_HOMES


def _imported_after(argv: list[str]) -> set[str]:
    """The modules a fresh ``python -m sistercities ARGV`` process has imported at exit."""
    code = (
        "import atexit, json, sys\n"
        "atexit.register(lambda: print(json.dumps(sorted(sys.modules)), file=sys.stderr))\n"
        f"sys.argv = ['sistercities', *{argv!r}]\n"
        "import runpy; runpy.run_module('sistercities', run_name='__main__')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_version_needs_no_database_library() -> None:
    modules = _imported_after(["--version"])
    assert "sqlalchemy" not in modules
    assert "rich" not in modules


def test_a_registry_command_loads_only_its_module(tmp_path) -> None:
    db = tmp_path / "r.sqlite"
    Registry.open(db).close()  # at the current schema: no migration to run
    modules = _imported_after(["--db", str(db), "stats", "--json"])
    assert "sistercities.cli.registry_cmds" in modules
    others = {m for m in COMMAND_MODULES if m != "sistercities.cli.registry_cmds"}
    assert not others & modules
    assert not {"numpy", "alembic.config", "rapidfuzz", "pycountry"} & modules


def test_research_does_not_load_the_other_commands() -> None:
    modules = _imported_after(["research", "--help"])
    assert "sistercities.cli.research" in modules
    assert "sistercities.cli.analysis" not in modules
    assert "sistercities.cli.registry_cmds" not in modules
