"""Docs as tests: every command of the CLI is documented in the README."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import click
import pytest

from sistercities.cli import cli
from sistercities.settings import SETTINGS

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
    """Each row of the settings table: its variable, option and default are documented."""
    assert len(SETTINGS) >= 4
    for item in SETTINGS:
        assert f"`{item.env}`" in README, item.env
        if item.option:
            assert f"`{item.option}" in README, item.option
        if item.default:
            assert item.default in README, (item.name, item.default)


def test_every_setting_option_is_the_one_the_cli_has() -> None:
    """The command line takes each setting's option from the table: same variable, same default."""
    options = {
        opt: param
        for command in (cli, cli.get_command(click.Context(cli), "import").commands["pairs"])  # type: ignore[union-attr]
        for param in command.params
        for opt in param.opts
    }
    for item in SETTINGS:
        if item.option:
            param = options[item.option]
            assert param.envvar == item.env
            assert item.help.rstrip(".") in (param.help or "")


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


def test_readme_paths_stay_inside_the_repository() -> None:
    """Only ``../shared/data/`` (the developers' test data) points outside the checkout."""
    outside = set(re.findall(r"\.\./[\w./-]*", README))
    assert outside <= {"../shared/data/"}, outside
