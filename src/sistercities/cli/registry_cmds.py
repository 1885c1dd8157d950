"""Registry commands: demo, relationships, places, show, add, stats."""

from __future__ import annotations

import importlib
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from sistercities import operations, taxonomy
from sistercities.cli.common import AppContext, emit, json_option, pass_app, place_option
from sistercities.registry.queries import MAX_LIMIT


def _overview_render(data: dict[str, Any], note: str | None) -> Any:
    def render(out: Console) -> None:
        if note:
            out.print(note)
        totals = data["totals"]
        out.print(
            f"{totals['relationships']} relationships between "
            f"{totals['places']} places in {totals['countries']} countries; "
            f"{totals['actors']} actors, {totals['activities']} activities "
            f"({totals.get('planned_activities', 0)} of them planned: commitments, not facts), "
            f"{totals['crisis_events']} national crises."
        )
        as_of = data.get("verdicts_as_of", "today")
        for title, key, column in (
            ("By status", "by_status", "status"),
            (f"By health verdict (as of {as_of})", "by_verdict", "verdict"),
            ("By kind", "by_kind", "kind"),
            ("By country", "by_country", "country"),
        ):
            table = Table(title=title, title_justify="left")
            table.add_column(column)
            table.add_column("relationships", justify="right")
            for name, count in data.get(key, {}).items():
                table.add_row(str(name), str(count))
            out.print(table)
        _relationship_table(out, data["top"], "Top relationships (most carried-out activity)")

    return render


def _relationship_table(out: Console, rows: list[dict[str, Any]], title: str) -> None:
    table = Table(title=title, title_justify="left")
    for column in ("id", "place A", "place B", "kind", "status", "since"):
        table.add_column(column)
    has_activities = any("activities" in row for row in rows)
    if has_activities:
        table.add_column("activities", justify="right")
        table.add_column("planned", justify="right")
    for row in rows:
        cells = [
            str(row["id"]),
            f"{row['a']['name']} ({row['a']['country'] or '?'})",
            f"{row['b']['name']} ({row['b']['country'] or '?'})",
            row["kind"],
            row["status"],
            row["start"] or "",
        ]
        if has_activities:
            cells += [str(row.get("activities", "")), str(row.get("commitments", ""))]
        table.add_row(*cells)
    out.print(table)


@click.command()
@json_option
@pass_app
def demo(app: AppContext, as_json: bool) -> None:
    """Load the demo registry (the cases of the three seed papers) and show the overview.

    The registry must be empty; if it already holds the demo, the overview is shown again.

    \b
    Example:
      sistercities --db demo.sqlite demo
    """
    result = operations.load_demo(app.registry())
    note = None
    if result.loaded is not None:
        note = "Loaded the demo registry: " + ", ".join(
            f"{v} {k}" for k, v in result.loaded.items()
        )
    emit(result.overview, as_json, _overview_render(result.overview, note))


@click.group()
def relationships() -> None:
    """List and filter relationships."""


@relationships.command("list")
@click.option("--country", help="ISO code or country name, either side.")
@place_option("Part of a place name, either side (a filter: every match is listed).")
@click.option("--status", type=click.Choice(taxonomy.choices(taxonomy.RelationshipStatus)))
@click.option("--kind", type=click.Choice(taxonomy.choices(taxonomy.RelationshipKind)))
@click.option("--since", help="Started on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(min=1, max=MAX_LIMIT), help="At most this many rows.")
@json_option
@pass_app
def list_relationships(app: AppContext, as_json: bool, **filters: Any) -> None:
    """List relationships, filtered.

    \b
    Example:
      sistercities relationships list --country EC --status dormant
    """
    rows = operations.list_relationships(app.registry(), **filters)
    emit(rows, as_json, lambda out: _relationship_table(out, rows, f"{len(rows)} relationships"))


@click.group()
def places() -> None:
    """Find places."""


@places.command("search")
@click.argument("name")
@click.option("--limit", type=click.IntRange(min=1, max=MAX_LIMIT), default=50, show_default=True)
@json_option
@pass_app
def search_places(app: AppContext, name: str, limit: int, as_json: bool) -> None:
    """Search places by name (accents and case ignored).

    \b
    Example:
      sistercities places search cuenca
    """
    rows = operations.search_places(app.registry(), name=name, limit=limit)

    def render(out: Console) -> None:
        table = Table(title=f"{len(rows)} places", title_justify="left")
        for column in ("id", "name", "country", "population", "resolution", "geonames"):
            table.add_column(column)
        for row in rows:
            table.add_row(
                str(row["id"]),
                row["name"],
                row["country"] or row["country_text"] or "",
                str(row["population"] or ""),
                row["resolution"],
                str(row["geonames_id"] or ""),
            )
        out.print(table)

    emit(rows, as_json, render)


@click.command()
@click.argument("what", type=click.Choice(["relationship", "place"]))
@click.argument("ident")
@json_option
@pass_app
def show(app: AppContext, what: str, ident: str, as_json: bool) -> None:
    """Show one relationship (by id or 'PlaceA/PlaceB') or place (by id or 'name, country').

    \b
    Examples:
      sistercities show relationship 3
      sistercities show relationship "Cuenca/Peekskill"
      sistercities show place "Cuenca, EC"
    """
    if what == "relationship":
        data = operations.show_relationship(app.registry(), relationship=ident)
    else:
        data = operations.show_place(app.registry(), place=ident)

    def render(out: Console) -> None:
        for key, value in data.items():
            if isinstance(value, list):
                out.print(f"{key} ({len(value)})")
                for item in value:
                    out.print(f"  - {item}")
            else:
                out.print(f"{key}: {value}")

    emit(data, as_json, render)


@click.command("stats")
@json_option
@pass_app
def stats_command(app: AppContext, as_json: bool) -> None:
    """Counts of places, relationships and other records.

    \b
    Example:
      sistercities stats --json
    """
    data = operations.stats(app.registry())

    def render(out: Console) -> None:
        for key, value in data.items():
            out.print(f"{key}: {value}")

    emit(data, as_json, render)


class _AddGroup(click.Group):
    """``add``: relationship here, actor/link/administration/activity/crisis in ``cli.memory``.

    Command modules load on demand, so in a fresh process nothing has imported
    ``cli.memory`` when ``add activity`` is asked for: it is imported here.
    """

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            importlib.import_module("sistercities.cli.memory")
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        importlib.import_module("sistercities.cli.memory")
        return super().list_commands(ctx)


@click.group(cls=_AddGroup)
def add() -> None:
    """Add records by hand (every change is attributed in the audit trail)."""


@add.command("relationship")
@click.argument("place_a")
@click.argument("place_b")
@click.option("--country-a", help="Country of PLACE_A if it is new (ISO code or name).")
@click.option("--country-b", help="Country of PLACE_B if it is new (ISO code or name).")
@click.option(
    "--kind",
    type=click.Choice(taxonomy.choices(taxonomy.RelationshipKind)),
    default="sister_city",
    show_default=True,
)
@click.option(
    "--status",
    type=click.Choice(taxonomy.choices(taxonomy.RelationshipStatus)),
    default=None,
    help="What a source says the relationship is. Without it: unknown "
    "(neither active nor dormant until someone records it).",
)
@click.option("--start", help="Date signed: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--initiated-by", type=click.Choice(["a", "b", "both"]))
@click.option("--notes")
@json_option
@pass_app
def add_relationship(
    app: AppContext,
    place_a: str,
    place_b: str,
    country_a: str | None,
    country_b: str | None,
    as_json: bool,
    **fields: Any,
) -> None:
    """Add a relationship between two places (added too if new).

    Without --status the relationship is recorded as unknown: no source
    describes it yet, so it is neither active nor dormant. Give --status
    (e.g. active) when a source says so, or set it later with 'status set'.

    \b
    Example:
      sistercities add relationship Cuenca Peekskill --country-a EC --country-b US \\
        --start 2021 --status active
    """
    given = fields["status"] is not None
    fields["status"] = fields["status"] or "unknown"
    data = operations.add_relationship(
        app.registry(), place_a=place_a, place_b=place_b, country_a=country_a,
        country_b=country_b, **fields,
    )  # fmt: skip
    emit(data, as_json, lambda out: out.print(_added(data, given)))


def _added(data: dict[str, Any], status_given: bool) -> str:
    """The confirmation; an unknown status given by default says how to set it."""
    line = f"Added relationship {data['id']} (status {data['status']})."
    if status_given:
        return line
    return (
        f"{line} No --status was given, so it is recorded as unknown; when a source "
        f"describes it, set it: sistercities status set {data['id']} active "
        '--date YYYY --reason "..."'
    )


commands: list[click.Command] = [demo, relationships, places, show, stats_command, add]
