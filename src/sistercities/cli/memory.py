"""Institutional-memory commands: add actor/link/administration/activity/crisis,
status set, commitment done, history, access.

Each command parses its options, calls one operation
(:mod:`sistercities.operations.memory`) and prints the stored record.
"""

from __future__ import annotations

from typing import Any

import click
from rich.console import Console
from rich.table import Table

from sistercities import operations, taxonomy
from sistercities.cli.common import AppContext, emit, json_option, pass_app, place_option
from sistercities.cli.registry_cmds import add
from sistercities.registry import memory
from sistercities.registry.memory.actors import RelationshipPart
from sistercities.registry.queries import MAX_LIMIT

DATE_HELP = "YYYY, YYYY-MM or YYYY-MM-DD."


def _said(message: str) -> Any:
    return lambda out: out.print(message)


@add.command("actor")
@click.argument("name")
@click.option(
    "--role",
    required=True,
    type=click.Choice(taxonomy.choices(taxonomy.ActorRole)),
    help="What the actor is; its tier (state, sub-state, non-state) follows.",
)
@click.option(
    "--kind",
    type=click.Choice(taxonomy.choices(taxonomy.ActorKind)),
    default="organisation",
    show_default=True,
)
@place_option("Its place: id or 'name, country'.")
@click.option("--country", help="Its country (ISO code or name), if no place.")
@click.option("--email", help="Personal data: shown to officers only.")
@click.option("--phone", help="Personal data: shown to officers only.")
@click.option("--notes")
@json_option
@pass_app
def add_actor(
    app: AppContext,
    name: str,
    place: str | None,
    country: str | None,
    email: str | None,
    phone: str | None,
    as_json: bool,
    **fields: Any,
) -> None:
    """Add a person or organisation around relationships.

    \b
    Example:
      sistercities add actor "Peekskill & Cuenca Sister City Corporation" \\
        --role sister_city_association --place "Peekskill, US"
    """
    result = operations.add_actor(
        app.registry(), name=name, place=place, country=country, email=email, phone=phone,
        **fields,
    )  # fmt: skip
    emit(result, as_json, _said(f"Added actor {result['id']} ({result['tier']})."))


@add.command("link")
@click.argument("relationship_id", metavar="REL")
@click.argument("actor_id", metavar="ACTOR", type=int)
@click.option("--part", required=True, type=click.Choice(taxonomy.choices(RelationshipPart)))
@click.option("--side", help="The place it acts for (id or name): one of the two places.")
@click.option("--start", help=DATE_HELP)
@click.option("--end", help=DATE_HELP)
@json_option
@pass_app
def add_link(app: AppContext, as_json: bool, **fields: Any) -> None:
    """Record an actor's part in a relationship (a manager holds one side).

    REL is a relationship id or its two places, 'Cuenca/Peekskill'.

    \b
    Example:
      sistercities add link 19 7 --part carrier --side Cuenca --start 2021
    """
    result = operations.link_actor(app.registry(), **fields)
    emit(result, as_json, _said(f"Linked actor {result['actor_id']} as {result['part']}."))


@add.command("administration")
@click.argument("place")
@click.option("--office", required=True, help="The office, e.g. mayor or governor.")
@click.option("--holder", required=True, help="Who held it.")
@click.option("--start", help=DATE_HELP)
@click.option("--end", help=DATE_HELP + " May be the future end of the term.")
@click.option("--actor", "actor_id", type=int, help="The holder's actor id, if recorded.")
@json_option
@pass_app
def add_administration(app: AppContext, place: str, as_json: bool, **fields: Any) -> None:
    """Record who held an office of a place, and when.

    \b
    Example:
      sistercities add administration "Quito, EC" --office mayor \\
        --holder "Pabel Muñoz" --start 2023-05 --end 2027-05
    """
    result = operations.add_administration(app.registry(), place=place, **fields)
    emit(result, as_json, _said(f"Added administration {result['id']}."))


def _parse_flow(text: str) -> dict[str, Any]:
    """``FROM>TO:KIND[:AMOUNT[:UNIT]]`` → a flow (``from_place``, ``to_place``, ``kind``...)."""
    sides, _, rest = text.partition(":")
    source, arrow, target = sides.partition(">")
    parts = rest.split(":") if rest else []
    if not arrow or not parts or len(parts) > 3:
        raise click.BadParameter(
            f"{text!r}: use FROM>TO:KIND[:AMOUNT[:UNIT]], "
            "e.g. 'Peekskill>Cuenca:personnel:24:people'",
            param_hint="--flow",
        )
    try:
        amount = float(parts[1]) if len(parts) > 1 and parts[1] else None
    except ValueError:
        raise click.BadParameter(f"{parts[1]!r} is not a number", param_hint="--flow") from None
    unit = parts[2] if len(parts) > 2 else None
    return {
        "from_place": source.strip(),
        "to_place": target.strip(),
        "kind": parts[0].strip(),
        "amount": amount,
        "unit": unit,
    }


def _parse_actor(text: str) -> tuple[int, str]:
    ident, _, role = text.partition(":")
    if not ident.strip().isdigit():
        raise click.BadParameter(f"{text!r}: use ACTOR_ID[:ROLE]", param_hint="--actor")
    return int(ident), role.strip() or "participant"


@add.command("activity")
@click.argument("relationship_id", metavar="REL")
@click.argument("title")
@click.option("--date", help=DATE_HELP + " Not in the future unless --planned.")
@click.option("--planned", is_flag=True, help="An open commitment, not yet carried out.")
@click.option("--layer", type=click.Choice(taxonomy.choices(taxonomy.Layer)))
@click.option("--area", type=click.Choice(taxonomy.choices(taxonomy.ActivityArea)))
@click.option("--initiated-by", help="The side that initiated it (place id or name).")
@click.option("--participants", type=int)
@click.option("--volunteers", type=int)
@click.option("--description")
@click.option("--actor", "actors", multiple=True, help="ACTOR_ID[:ROLE], repeatable.")
@click.option(
    "--flow",
    "flows",
    multiple=True,
    help="FROM>TO:KIND[:AMOUNT[:UNIT]], repeatable; KIND: personnel, knowledge, capital, goods.",
)
@json_option
@pass_app
def add_activity(
    app: AppContext,
    actors: tuple[str, ...],
    flows: tuple[str, ...],
    as_json: bool,
    **fields: Any,
) -> None:
    """Record what a relationship did (or, with --planned, an open commitment).

    REL is a relationship id or its two places, 'Cuenca/Peekskill'.

    \b
    Example:
      sistercities add activity 19 "Youth soccer tournament" --date 2023-07 \\
        --layer decentralised_cooperation --area sport --volunteers 6 \\
        --flow "Peekskill>Cuenca:personnel:24:people"
    """
    parsed_actors = [_parse_actor(a) for a in actors]
    parsed_flows = [_parse_flow(f) for f in flows]
    result = operations.add_activity(
        app.registry(), actors=parsed_actors, flows=parsed_flows, **fields
    )
    kind = "commitment" if result["planned"] else "activity"
    emit(result, as_json, _said(f"Added {kind} {result['id']}."))


@add.command("crisis")
@click.argument("name")
@click.option(
    "--country",
    "countries",
    multiple=True,
    required=True,
    help="ISO code; once for a crisis inside a country, twice for one between two.",
)
@click.option("--start", required=True, help=DATE_HELP)
@click.option("--end", help=DATE_HELP)
@click.option("--description")
@json_option
@pass_app
def add_crisis(app: AppContext, countries: tuple[str, ...], as_json: bool, **fields: Any) -> None:
    """Record a national crisis in one country or between two.

    \b
    Example:
      sistercities add crisis "EP-3 incident" --country US --country CN --start 2001-04
    """
    result = operations.add_crisis(app.registry(), countries=list(countries), **fields)
    emit(result, as_json, _said(f"Added crisis {result['id']}."))


@click.group()
def status() -> None:
    """Change a relationship's status; the full history is kept."""


@status.command("set")
@click.argument("relationship_id", metavar="REL")
@click.argument(
    "new_status", metavar="STATUS", type=click.Choice(taxonomy.choices(taxonomy.RelationshipStatus))
)
@click.option("--date", required=True, help="When it changed: " + DATE_HELP)
@click.option("--reason", required=True, help="Why (kept in the history).")
@click.option(
    "--expect-version",
    "expected_version",
    type=int,
    help="The version you read (from 'show relationship'); refused if it moved on.",
)
@json_option
@pass_app
def set_status(
    app: AppContext, relationship_id: int, new_status: str, as_json: bool, **fields: Any
) -> None:
    """Set a relationship's status, dated and with a reason.

    REL is a relationship id or its two places, 'Cuenca/Peekskill'.

    Allowed: proposed→active|ended; active→dormant|suspended|ended;
    dormant→active|suspended|ended; suspended→active|dormant|ended; ended is final.

    \b
    Example:
      sistercities status set 15 dormant --date 2019 --reason "no contact since 2014"
    """
    result = operations.set_status(
        app.registry(), relationship_id=relationship_id, status=new_status, **fields
    )
    emit(result, as_json, _said(f"Relationship {result['id']} is now {result['status']}."))


@click.group()
def commitment() -> None:
    """Open commitments (activities recorded with --planned)."""


@commitment.command("done")
@click.argument("activity_id", metavar="ACTIVITY", type=int)
@click.option("--date", required=True, help="When it was carried out: " + DATE_HELP)
@json_option
@pass_app
def commitment_done(app: AppContext, activity_id: int, date: str, as_json: bool) -> None:
    """Record that an open commitment was carried out.

    \b
    Example:
      sistercities commitment done 42 --date 2024-09
    """
    result = operations.fulfil_commitment(app.registry(), activity_id=activity_id, date=date)
    emit(result, as_json, _said(f"Commitment {result['id']} carried out on {result['date']}."))


def _brief(values: dict[str, Any] | None, limit: int = 80) -> str:
    """``key=value`` pairs of an audit snapshot, cut to fit a table cell."""
    if not values:
        return ""
    text = ", ".join(f"{k}={v}" for k, v in values.items() if k not in ("id", "created_at"))
    return text if len(text) <= limit else text[: limit - 1] + "…"


@click.command("history")
@click.option("--entity", help="A table: relationships, status_changes, actors, activities...")
@click.option("--id", "entity_id", type=int, help="One record of that table.")
@click.option("--limit", type=click.IntRange(min=1, max=MAX_LIMIT), default=50, show_default=True)
@click.option("--show-personal", is_flag=True, help="Show contact details (officers only).")
@json_option
@pass_app
def history(app: AppContext, as_json: bool, **filters: Any) -> None:
    """Show the audit trail: who changed what, when, before and after (latest first).

    \b
    Example:
      sistercities history --entity relationships --id 15
    """
    rows = operations.history(app.registry(), **filters)

    def render(out: Console) -> None:
        table = Table(title=f"{len(rows)} changes", title_justify="left")
        for column in ("when", "who", "action", "record", "before", "after"):
            table.add_column(column)
        for row in rows:
            table.add_row(
                str(row["at"])[:19],
                row["user"],
                row["action"],
                f"{row['entity']} {row['entity_id'] or ''}",
                _brief(row["before"]),
                _brief(row["after"]),
            )
        out.print(table)

    emit(rows, as_json, render)


@click.group()
def access() -> None:
    """Who may see personal data (contact details): officers only."""


@access.command("grant")
@click.argument("name")
@click.option(
    "--role",
    required=True,
    type=click.Choice(taxonomy.choices(memory.AccessRole)),
)
@json_option
@pass_app
def access_grant(app: AppContext, name: str, role: str, as_json: bool) -> None:
    """Give a user (the name used with --user) a role; only officers may, except the first.

    \b
    Example:
      sistercities --user ana access grant ana --role officer
    """
    result = operations.grant_access(app.registry(), name=name, role=role)
    emit(result, as_json, _said(f"{result['name']} is now {result['role']}."))


commands: list[click.Command] = [status, commitment, history, access]
