"""Every command, group or not, has ``--help``; every command has an example in it."""

from __future__ import annotations

import click
import pytest

from sistercities.cli import cli
from tests.cli.conftest import Cli


def _all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for name, command in group.commands.items():
        path = (*prefix, name)
        found.append(path)
        if isinstance(command, click.Group):
            found.extend(_all_commands(command, path))
    return found


@pytest.mark.parametrize("path", _all_commands(cli), ids=" ".join)
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    help_text = Cli("unused.sqlite").out(*path, "--help")  # --help never opens the registry
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    if not isinstance(command, click.Group):
        assert "Example" in help_text, f"{' '.join(path)} --help has no example"
    if any("--json" in param.opts for param in command.params):
        assert "--json" in help_text
