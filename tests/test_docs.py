"""Docs as tests: every command of the CLI is documented in the README."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import click
import pytest

from sistercities.cli import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _leaf_commands(group: click.Group, prefix: str = "") -> list[str]:
    paths: list[str] = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix}{name}"
        if isinstance(command, click.Group):
            paths.extend(_leaf_commands(command, f"{path} "))
        else:
            paths.append(path)
    return paths


def test_every_command_is_in_the_readme() -> None:
    missing = [path for path in _leaf_commands(cli) if f"`{path}" not in README]
    assert missing == [], f"commands missing from README.md: {missing}"


def test_every_setting_is_in_the_readme() -> None:
    for setting in (
        "SISTERCITIES_DB",
        "SISTERCITIES_USER",
        "SISTERCITIES_CACHE_DIR",
        "SISTERCITIES_TEST_PG",
    ):
        assert setting in README


def test_the_library_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's "Library" example runs as written and prints what it says."""
    blocks = re.findall(r"```python\n(.*?)```", README, flags=re.S)
    assert blocks, "README.md has no python example"
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for block in blocks:
            exec(compile(block, "README.md", "exec"), {"__name__": "readme"})
    lines = out.getvalue().splitlines()
    assert lines[0] == "22 relationships"
    assert lines[1] == "Peekskill – Loja"
    assert "Quito (EC) – Louisville (US) dormant" in lines
