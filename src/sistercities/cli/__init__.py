"""The ``sistercities`` command line: a thin layer over the library.

Each command module lists its commands in ``commands``; ``COMMAND_MODULES``
below is the one place they are registered (they are imported when needed,
``COMMAND_HOMES`` says which module holds which command so that only that one
is imported).

Examples
--------
    sistercities demo
    sistercities --db registry.sqlite import pairs pairs.csv --json
    SISTERCITIES_DB=postgresql://user@host/db sistercities stats --json
"""

from __future__ import annotations

import gc
import importlib
from typing import Any

import click

from sistercities.cli.common import AppContext, setting_option
from sistercities.errors import SisterCitiesError

COMMAND_MODULES = [
    "sistercities.cli.registry_cmds",
    "sistercities.cli.importexport",
    "sistercities.cli.survey",
    "sistercities.cli.analysis",
    "sistercities.cli.memory",
    "sistercities.cli.memory_reports",
    "sistercities.cli.council",
    "sistercities.cli.portal",
    "sistercities.cli.web",
    "sistercities.cli.research",
]

#: Which module of :data:`COMMAND_MODULES` defines each top-level command, so
#: that a command imports its own module only (``research`` need not import the
#: analyses, ``stats`` not the web app). A command missing here is still found:
#: the modules are then imported in order until one has it.
#: ``tests/cli/test_lazy_commands.py`` checks this table against the modules.
COMMAND_HOMES = {
    **dict.fromkeys(
        ("demo", "relationships", "places", "show", "stats", "add"),
        "sistercities.cli.registry_cmds",
    ),
    **dict.fromkeys(("import", "export"), "sistercities.cli.importexport"),
    "survey": "sistercities.cli.survey",
    **dict.fromkeys(
        ("asymmetry", "phases", "resilience", "network", "match", "migration"),
        "sistercities.cli.analysis",
    ),
    **dict.fromkeys(("status", "commitment", "history", "access"), "sistercities.cli.memory"),
    **dict.fromkeys(("health", "dossier", "report"), "sistercities.cli.memory_reports"),
    "council": "sistercities.cli.council",
    "portal": "sistercities.cli.portal",
    **dict.fromkeys(("user", "token", "serve"), "sistercities.cli.web"),
    "research": "sistercities.cli.research",
}


class SisterCitiesGroup(click.Group):
    """A group that turns library errors into one line and a non-zero exit.

    A file that cannot be read or written (a missing folder, no permission)
    is the user's to fix, not a bug: it gets one line naming the file too.

    Command modules are imported as they are needed: the one
    :data:`COMMAND_HOMES` names for the command asked for, else each of
    :data:`COMMAND_MODULES` in turn until one has it. ``import pairs`` does
    not load the analyses (numpy, Jinja), nor ``research`` the registry's
    commands. ``--help`` loads them all.
    """

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        home = COMMAND_HOMES.get(cmd_name)
        if cmd_name not in self.commands and home is not None:
            _load(home)
        while cmd_name not in self.commands and _load_next():
            pass
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        while _load_next():
            pass
        return super().list_commands(ctx)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SisterCitiesError as exc:
            raise click.ClickException(str(exc)) from exc
        except OSError as exc:
            reason = exc.strerror or exc.__class__.__name__
            if exc.filename is None:  # a write that failed midway: a full disk (ENOSPC)
                raise click.ClickException(f"cannot write the output: {reason}") from exc
            raise click.ClickException(f"{exc.filename}: {reason}") from exc


@click.group(cls=SisterCitiesGroup, context_settings={"help_option_names": ["-h", "--help"]})
@setting_option("db", show_default=True)
@setting_option("user")
@click.version_option(package_name="sistercities")
@click.pass_context
def cli(ctx: click.Context, db: str, user: str | None) -> None:
    """sistercities: the registry and analysis workbench for sister-city relationships.

    \b
    Example:
      sistercities --db registry.sqlite demo
    """
    app = ctx.ensure_object(AppContext)
    app.db = db
    app.user = user
    ctx.call_on_close(app.close)


_loaded: list[str] = []


def _load(name: str) -> None:
    """Register the commands of module ``name`` (once)."""
    if name not in _loaded:
        _loaded.append(name)
        for command in importlib.import_module(name).commands:
            cli.add_command(command)


def _load_next() -> bool:
    """Register the commands of the next module not yet loaded; ``False`` when none is left."""
    for name in COMMAND_MODULES:
        if name not in _loaded:
            _load(name)
            return True
    return False


#: Net allocations between two passes of Python's cycle collector in a
#: command (Python's default: 700). A command's imports (SQLAlchemy, numba,
#: SciPy) and its bulk work make millions of objects that form no cycles, and
#: the collector walked them again and again: a sixth of ``network``'s CPU
#: time. Every 50,000 allocations instead, the same cycles are still freed,
#: in fewer passes; at most that many objects wait for a pass.
GC_THRESHOLD = 50_000


def main() -> None:
    """Console entry point."""
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    cli(prog_name="sistercities", obj=AppContext(console=True))


if __name__ == "__main__":  # pragma: no cover
    main()
