"""Web commands: accounts, API tokens, and ``serve``.

An officer account may be tied to the cities whose office it works for
(``user add NAME --role officer --place PLACE``, repeated for each city, or
``user places NAME --add PLACE``): it is then an officer of those cities
only, on the CLI (``--user NAME``) as in the web app. A place is written as
everywhere, an id or ``'name, country'``, so places are given one per
``--place`` (a comma belongs to the name).
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from sistercities.cli.common import AppContext, emit, json_option, pass_app
from sistercities.operations import accounts, serving


@click.group()
def user() -> None:
    """Accounts of the web app and the API."""


def _password(from_stdin: bool) -> str | None:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return None


@user.command("add")
@click.argument("name")
@click.option(
    "--role", required=True, type=click.Choice(["admin", "officer", "partner", "researcher"])
)
@click.option("--organisation", type=int, help="Actor id of a partner account's organisation.")
@click.option(
    "--place",
    "places",
    multiple=True,
    metavar="PLACE",
    help="A city an officer account is an officer of (id or 'name, country'); repeat for "
    "more. None: the registry's officer, of every place.",
)
@click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the password from the first line of "
    "stdin (else: no password, API tokens only; or prompted on a terminal).",
)
@click.option(
    "--one-time-password",
    is_flag=True,
    help="Make a random password and print it once, to hand to the person.",
)
@json_option
@pass_app
def user_add(
    app: AppContext,
    name: str,
    role: str,
    organisation: int | None,
    places: tuple[str, ...],
    password_stdin: bool,
    one_time_password: bool,
    as_json: bool,
) -> None:
    """Add an account.

    \b
    Example:
      echo 'a long passphrase' | sistercities user add ana --role officer --password-stdin
      sistercities user add lucia --role officer --place "Cuenca, EC" --password-stdin
      sistercities user add cuenca-assoc --role partner --organisation 12 --password-stdin
      sistercities user add pete --role officer --place "Peekskill, US" --one-time-password
    """
    password = _password(password_stdin)
    if password is None and not (password_stdin or one_time_password) and sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    made = accounts.add_user(
        app.registry(),
        name=name,
        role=role,
        password=password,
        organisation=organisation,
        places=list(places),
        one_time_password=one_time_password,
    )
    handed = (
        f"\nIts password (shown once; hand it over safely): {made['password']}"
        if one_time_password
        else ""
    )
    emit(
        made,
        as_json,
        lambda out: out.print(
            f"Added {made['role']} account {made['name']}{_officer_of(made)}.{handed}"
        ),
    )


def _officer_of(account: dict[str, Any]) -> str:
    return f", officer of {account['officer_of']}" if account["officer_of"] else ""


@user.command("places")
@click.argument("name")
@click.option("--add", "add", multiple=True, metavar="PLACE", help="A city to add (repeat).")
@click.option(
    "--remove", "remove", multiple=True, metavar="PLACE", help="A city to take away (repeat)."
)
@json_option
@pass_app
def user_places(
    app: AppContext, name: str, add: tuple[str, ...], remove: tuple[str, ...], as_json: bool
) -> None:
    """Show or change the cities an officer account is an officer of.

    An officer tied to no city is the registry's officer, of every place.

    \b
    Example:
      sistercities user places lucia --add "Cuenca, EC"
      sistercities user places lucia --remove Loja --json
    """
    done = accounts.set_user_places(app.registry(), name=name, add=list(add), remove=list(remove))
    emit(
        done,
        as_json,
        lambda out: out.print(
            f"{done['name']} ({done['role']}): officer of {done['officer_of']}."
            if done["officer_of"]
            else f"{done['name']} ({done['role']}) is no officer."
        ),
    )


def _accounts_table(rows: list[dict[str, Any]]) -> Any:
    def render(out: Console) -> None:
        table = Table(title=f"{len(rows)} accounts", title_justify="left")
        for column in ("name", "role", "organisation", "officer of", "disabled", "created"):
            table.add_column(column)
        for row in rows:
            table.add_row(
                row["name"],
                row["role"],
                str(row["organisation"] or ""),
                row["officer_of"] or "",
                "yes" if row["disabled"] else "",
                row["created_at"] or "",
            )
        out.print(table)

    return render


@user.command("list")
@json_option
@pass_app
def user_list(app: AppContext, as_json: bool) -> None:
    """List the accounts.

    \b
    Example:
      sistercities user list --json
    """
    rows = accounts.list_users(app.registry())
    emit(rows, as_json, _accounts_table(rows))


@user.command("disable")
@click.argument("name")
@json_option
@pass_app
def user_disable(app: AppContext, name: str, as_json: bool) -> None:
    """Disable an account: its sessions end and its tokens stop working.

    \b
    Example:
      sistercities user disable ana
    """
    done = accounts.disable_user(app.registry(), name=name)
    emit(done, as_json, lambda out: out.print(f"Disabled {done['name']}."))


@user.command("enable")
@click.argument("name")
@json_option
@pass_app
def user_enable(app: AppContext, name: str, as_json: bool) -> None:
    """Enable a disabled account: it signs in again, and its tokens not revoked work again.

    \b
    Example:
      sistercities user enable ana
    """
    done = accounts.enable_user(app.registry(), name=name)
    emit(done, as_json, lambda out: out.print(f"Enabled {done['name']}."))


@click.group()
def token() -> None:
    """API tokens (bearer tokens for scripts)."""


@token.command("create")
@click.argument("name")
@click.option("--label", help="What the token is for.")
@json_option
@pass_app
def token_create(app: AppContext, name: str, label: str | None, as_json: bool) -> None:
    """Make an API token for an account; it is shown once, and stored only hashed.

    \b
    Example:
      sistercities token create ana --label nightly-export
    """
    made = accounts.create_token(app.registry(), name=name, label=label)
    emit(
        made,
        as_json,
        lambda out: out.print(
            f"Token for {made['account']} (shown once, keep it safe):\n{made['token']}"
        ),
    )


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes (PostgreSQL or SQLite: on SQLite, writers wait for each other).",
)
@pass_app
def serve(app: AppContext, host: str, port: int, workers: int) -> None:
    """Start the web app. An empty SQLite registry gets the demo registry first.

    \b
    Examples:
      sistercities serve --workers 2
      sistercities --db postgresql://sc@db/sc serve --host 0.0.0.0 --workers 4
    """
    import uvicorn

    registry = app.registry()
    done = serving.prepare_to_serve(registry, load_demo=registry.is_sqlite)
    if done["demo"]:
        click.echo("Loaded the demo registry into the empty registry.")
    click.echo(f"sistercities is serving {registry.display_url} at http://{host}:{port}/")
    if done["admin"]:
        click.echo(
            f"Sign in as {done['admin']['name']} with the password "
            f"{done['admin']['password']} (shown once; add accounts with "
            "'sistercities user add')."
        )
    else:
        click.echo("Sign in with your account ('sistercities user list' shows them).")
    os.environ["SISTERCITIES_DB"] = app.db
    uvicorn.run(
        "sistercities.web.asgi:build",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        access_log=False,
    )


commands: list[click.Command] = [user, token, serve]
