"""Every command, group or not, has ``--help``; every command has an example in it."""

from __future__ import annotations

import click
import pytest

from sistercities.cli import cli
from tests.cli.conftest import Cli


def _all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    context = click.Context(group)
    for name in group.list_commands(context):  # loads every command module
        command = group.get_command(context, name)
        path = (*prefix, name)
        found.append(path)
        if isinstance(command, click.Group):
            found.extend(_all_commands(command, path))
    return found


@pytest.mark.parametrize("path", _all_commands(cli), ids=" ".join)
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    help_text = Cli("unused.sqlite").out(*path, "--help")  # --help never opens the registry
    command: click.Command | None = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.get_command(click.Context(command), name)
    assert command is not None
    if not isinstance(command, click.Group):
        assert "Example" in help_text, f"{' '.join(path)} --help has no example"
    if any("--json" in param.opts for param in command.params):
        assert "--json" in help_text


def _options(command: click.Command, path: tuple[str, ...] = ()) -> list[tuple[str, click.Option]]:
    if isinstance(command, click.Group):
        return [
            found
            for name, sub in command.commands.items()
            for found in _options(sub, (*path, name))
        ]
    return [(" ".join(path), p) for p in command.params if isinstance(p, click.Option)]


def test_shared_options_have_one_spelling() -> None:
    """``--output`` is always ``-o/--output``; ``--place`` and ``--as-of`` take the same metavar."""
    for where, option in _options(cli):
        if "--output" in option.opts or "--out" in option.opts:
            assert option.opts == ["-o", "--output"], where
        if "--place" in option.opts:
            assert option.metavar == "PLACE", where
        if "--as-of" in option.opts:
            assert option.metavar == "YYYY-MM-DD", where
