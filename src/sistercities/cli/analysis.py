"""Analysis commands: asymmetry, phases, resilience, network, match, migration import.

Each parses its options, calls one operation (:mod:`sistercities.operations.analyses`)
and prints the result: a summary, ``--explain`` for the formulas and the records
behind each figure, ``--json`` for machines.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from sistercities import operations, settings
from sistercities.cli.common import (
    AppContext,
    as_of_option,
    dump_json,
    explain_option,
    json_option,
    output_option,
    pass_app,
)
from sistercities.interchange.graph_export import FORMATS
from sistercities.places.country_profiles import CITATION


def _show(result: Any, as_json: bool, explain: bool, summary: str) -> None:
    if as_json:
        click.echo(dump_json(result.to_dict()))
    elif explain:
        click.echo(result.explain())
    else:
        click.echo(summary)


@click.command()
@click.argument("relationship", metavar="REL")
@json_option
@explain_option
@pass_app
def asymmetry(app: AppContext, relationship: str, as_json: bool, explain: bool) -> None:
    """Asymmetry profile of a relationship: capability gap, flows, initiative, tiers.

    REL is a relationship id or its two places, 'Cuenca/Peekskill'.

    \b
    Example:
      sistercities asymmetry 3 --explain
    """
    p = operations.asymmetry(app.registry(), relationship=relationship)
    c = p.capability
    flows = ", ".join(f"{f.kind} {f.a_to_b}->/{f.b_to_a}<-" for f in p.flows if f.flow_ids)
    ratio = c.log10_population_ratio
    summary = (
        f"{p.title}: log10 population ratio {'unknown' if ratio is None else f'{ratio:+.2f}'}, "
        f"tier gap {'unknown' if c.tier_gap is None else c.tier_gap}, "
        f"systems {c.government_a or '?'}/{c.government_b or '?'}; flows {flows or 'none'}; "
        f"initiative A {p.initiated_by_a} / B {p.initiated_by_b}; "
        f"co-produced {p.co_produced}/{p.activities}"
        + (f"; {len(p.commitments)} planned, not counted" if p.commitments else "")
        + " (use --explain for details)"
        f"\ntiers and systems: {CITATION}"
    )
    _show(p, as_json, explain, summary)


@click.command()
@click.argument("relationship", metavar="REL")
@click.option(
    "--min-economic",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Economic-layer activities needed for the commercial phase.",
)
@json_option
@explain_option
@pass_app
def phases(
    app: AppContext, relationship: str, min_economic: int, as_json: bool, explain: bool
) -> None:
    """Lecours layers covered and O'Toole phase of a relationship, with the rule used.

    REL is a relationship id or its two places, 'Cuenca/Peekskill'.

    \b
    Example:
      sistercities phases 5 --explain
    """
    r = operations.phases(app.registry(), relationship=relationship, min_economic=min_economic)
    summary = (
        f"{r.title}: layers {', '.join(r.covered) or 'none'}; phase {r.phase or 'none'} ({r.rule})"
    )
    summary += "".join(f"\nwarning: {w}" for w in r.warnings)
    _show(r, as_json, explain, summary)


@click.command()
@click.argument("relationship", metavar="REL")
@as_of_option("End of the observed span, YYYY-MM-DD (default: the last record).")
@click.option(
    "--grace-days",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Days added after each crisis end.",
)
@json_option
@explain_option
@pass_app
def resilience(
    app: AppContext,
    relationship: str,
    as_of: str | None,
    grace_days: int,
    as_json: bool,
    explain: bool,
) -> None:
    """Activity of a relationship through national crises, against its own baseline.

    REL is a relationship id or its two places, 'Cuenca/Peekskill'.

    \b
    Example:
      sistercities resilience 8 --as-of 2010-12-31 --explain
    """
    r = operations.resilience(
        app.registry(),
        relationship=relationship,
        as_of=as_of,
        grace_days=grace_days,
    )
    lines = [f"{r.title}: {len(r.crises)} crises"]
    lines += [f"  {c.name}: {c.verdict()} (observed {c.observed})" for c in r.crises]
    lines += [f"note: {n}" for n in r.notes]
    _show(r, as_json, explain, "\n".join(lines))


@click.command()
@click.option(
    "--pairs",
    type=click.Path(exists=True, dir_okay=False),
    help="Build the network from a pairs CSV (city1,country1,city2,country2) "
    "instead of the registry.",
)
@click.option(
    "--coordinates",
    type=click.Path(exists=True, dir_okay=False),
    help="With --pairs: the same pairs with lat1,lng1,lat2,lng2.",
)
@click.option(
    "--seed", type=int, default=0, show_default=True, help="Seed of the community search."
)
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True)
@click.option(
    "--export", "export_fmt", type=click.Choice(FORMATS), help="Also write the graph (-o FILE)."
)
@output_option("With --export: the graph file to write.")
@click.option(
    "--exact",
    is_flag=True,
    help="Betweenness and mean distance from every node, not estimated from a sample "
    "(slower on a large network; --explain gives the estimates' errors).",
)
@json_option
@explain_option
@pass_app
def network(
    app: AppContext,
    pairs: str | None,
    coordinates: str | None,
    seed: int,
    top: int,
    export_fmt: str | None,
    output: Path | None,
    exact: bool,
    as_json: bool,
    explain: bool,
) -> None:
    """The twinning network: components, degrees, paths, centralities, communities...

    \b
    Examples:
      sistercities network --explain
      sistercities network --export gexf -o network.gexf
      sistercities network --pairs ../shared/data/twin_cities_wikipedia_raw.csv --json
    """
    if export_fmt and not output:
        raise click.UsageError("--export needs -o/--output FILE to write")
    if app.console and settings.read("kernel_child") != "0":  # before the heavy imports below
        from sistercities.analysis.network import searcher  # (see its docstring)

        searcher.start_early()
    from sistercities.analysis.network.text import summary_lines

    r = operations.network(
        app.registry(),
        pairs=pairs,
        coordinates=coordinates,
        seed=seed,
        top=top,
        export_format=export_fmt,
        output=output,
        exact=exact,
    )
    _show(r, as_json, explain, "\n".join(summary_lines(r)))
    if export_fmt and not as_json:
        click.echo(f"wrote {export_fmt} to {output}")


@click.command()
@click.argument("place")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--domestic", is_flag=True, help="Also rank places in the same country.")
@json_option
@explain_option
@pass_app
def match(
    app: AppContext, place: str, top: int, domestic: bool, as_json: bool, explain: bool
) -> None:
    """Candidate partners for PLACE (an id, or 'name, country'), with the reasons.

    \b
    Example:
      sistercities match "Peekskill, US" --explain
    """
    r = operations.match(app.registry(), place=place, top=top, domestic=domestic)
    lines = [f"candidates for {r.target.name}:"]
    lines += [
        f"  {i}. {c.place.name} ({c.place.country or '?'}) {c.score:.2f}: "
        + ", ".join(f"{x.name} ({x.figure})" for x in c.reasons)
        for i, c in enumerate(r.candidates, 1)
    ]
    lines += [f"note: {n}" for n in r.notes]
    lines.append(f"profile: {CITATION}")
    _show(r, as_json, explain, "\n".join(lines))


@click.group()
def migration() -> None:
    """The migration table that partner matching reads (diaspora ties)."""


@migration.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@json_option
@explain_option
@pass_app
def migration_import(app: AppContext, file: str, as_json: bool, explain: bool) -> None:
    """Import a migration CSV: origin_place or origin_country, destination_place, people.

    Places are registry ids or 'name, country'. Rows with unknown places or bad
    counts are set aside with their line and reason; the counts add up.

    \b
    Example:
      sistercities migration import ties.csv
    """
    result = operations.import_migration(app.registry(), file=file)
    parsed, stored = result.parsed, result.stored
    if as_json:
        click.echo(dump_json(result.to_dict()))
        return
    click.echo(parsed.explain() if explain else parsed.explain().splitlines()[0])
    if not explain and parsed.rejected:
        click.echo("  (use --explain to list the rejected rows)")
    click.echo(f"stored: {stored}")


commands = [asymmetry, phases, resilience, network, match, migration]
