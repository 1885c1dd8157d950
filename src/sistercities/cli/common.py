"""What every command shares: the registry option, ``--json``, output and errors.

Commands stay thin: parse, make one library call, print. Library errors
(:class:`~sistercities.errors.SisterCitiesError`) become a one-line message
and exit code 1 (usage errors keep click's code 2).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from sistercities.settings import setting

if TYPE_CHECKING:  # imported when used: ``--help`` and ``--version`` need neither
    from rich.console import Console

    from sistercities.registry.store import Registry

F = TypeVar("F", bound=Callable[..., Any])

PIPE_WIDTH = 160


@dataclass
class AppContext:
    """The state a command reaches through ``click.pass_obj``."""

    db: str = str(setting("db").default)
    user: str | None = None
    #: True in the ``sistercities`` program itself, False under a test runner
    #: or another caller: only the program may fork (the network's kernel).
    console: bool = False
    _registry: Registry | None = field(default=None, repr=False)

    def registry(self) -> Registry:
        """Open the registry on first use (commands like ``--help`` never touch it)."""
        if self._registry is None:
            from sistercities.registry.store import Registry

            self._registry = Registry.open(self.db, user=self.user)
        return self._registry

    def close(self) -> None:
        if self._registry is not None:
            self._registry.close()
            self._registry = None


pass_app = click.make_pass_decorator(AppContext, ensure=True)


def json_option(func: F) -> F:
    """``--json``: one JSON document on stdout instead of tables."""
    return click.option(
        "--json", "as_json", is_flag=True, help="Print one JSON document (stable keys)."
    )(func)


def explain_option(func: F) -> F:
    """``--explain``: print how each figure was computed and the records behind it."""
    return click.option(
        "--explain", is_flag=True, help="Explain each figure: its formula and the data behind it."
    )(func)


def setting_option(name: str, **options: Any) -> Callable[[F], F]:
    """The option of a setting of :data:`sistercities.settings.SETTINGS`: its flag,
    variable, default and help come from the table (read here, at the edge)."""
    item = setting(name)
    if item.option is None:
        raise ValueError(f"setting {name!r} has no command-line option")
    return click.option(
        item.option,
        name,
        envvar=item.env,
        default=os.path.expanduser(item.default) if item.default else None,
        help=f"{item.help.rstrip('.')} (or set {item.env}).",
        **options,
    )


def output_option(
    help: str = "File to write.", *, required: bool = False, folder: bool = False
) -> Callable[[F], F]:
    """``-o/--output FILE``: the one spelling of "where to write" (a folder with ``folder``)."""
    return click.option(
        "-o",
        "--output",
        "output",
        required=required,
        metavar="DIR" if folder else "FILE",
        type=click.Path(file_okay=not folder, dir_okay=folder, path_type=Path),
        help=help,
    )


def as_of_option(help: str = "Reference date YYYY-MM-DD (default: today).") -> Callable[[F], F]:
    """``--as-of YYYY-MM-DD``: read by the operation, so a bad date is exit 1 everywhere."""
    return click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help=help)


def place_option(help: str = "A place: its id or 'name, country'.") -> Callable[[F], F]:
    """``--place PLACE``: one spelling wherever a command takes a place."""
    return click.option("--place", metavar="PLACE", help=help)


def _default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def dump_json(data: Any) -> str:
    """The JSON the CLI prints: UTF-8, indented, keys in insertion order."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=_default)


def emit(data: Any, as_json: bool, render: Callable[[Console], None]) -> None:
    """Print ``data`` as JSON, or let ``render`` draw it for a person."""
    if as_json:
        click.echo(dump_json(data))
    else:
        render(console())


def console() -> Console:
    """A Rich console on stdout (plain when not a terminal, so output stays greppable).

    Markup is off: names, labels and question texts come from users and files,
    and Rich would read ``[centro]`` in "Villa [centro]" as a style (dropping it)
    or ``[/x]`` as a closing tag (and fail). What is printed is what is stored.
    """
    from rich.console import Console

    out = Console(soft_wrap=True, highlight=False, markup=False)
    if not out.is_terminal and "COLUMNS" not in os.environ:
        out.width = PIPE_WIDTH  # a file or a pipe has no width: don't squeeze tables to 80
    return out
