"""Import and export commands: ``import pairs``, ``import wikidata``, ``export``.

Thin: each parses its options, makes one library call
(:mod:`sistercities.interchange.importers`, :mod:`sistercities.interchange.exporters`)
and prints the report: a progress bar and a short table for people, one JSON
document with ``--json``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from sistercities import operations, taxonomy
from sistercities.cli.common import AppContext, emit, json_option, pass_app, setting_option
from sistercities.interchange import exporters, importers

F = TypeVar("F", bound=Callable[..., Any])

#: How many rejections the table for people shows (``--json`` has them all).
SHOWN_REJECTIONS = 10


def import_options(func: F) -> F:
    """Options every import command takes."""
    decorators = [
        click.option(
            "--encoding",
            default=None,
            help="Text encoding, e.g. latin-1 (default: UTF-8, BOM or not; UTF-16 by its BOM).",
        ),
        click.option(
            "--kind",
            type=click.Choice(taxonomy.choices(taxonomy.RelationshipKind)),
            default=taxonomy.RelationshipKind.SISTER_CITY.value,
            show_default=True,
            help="Kind of every imported relationship.",
        ),
        click.option("--source", help="Citation credited for every row (default: the file name)."),
        click.option(
            "--gazetteer",
            "dump",
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            help="A GeoNames dump (cities500.txt, allCountries.txt) to resolve small places.",
        ),
        setting_option("cache_dir", type=click.Path(file_okay=False, path_type=Path)),
        json_option,
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


@contextmanager
def _progress(enabled: bool) -> Iterator[importers.Progress | None]:
    """A progress bar on stderr for people; nothing under ``--json``."""
    if not enabled:
        yield None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        tasks: dict[str, TaskID] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield update


def _run_import(
    app: AppContext,
    fmt: str,
    file: Path,
    columns: str | None,
    *,
    dump: Path | None,
    as_json: bool,
    **options: Any,
) -> None:
    """What both import commands do: import with a progress bar, print the report."""
    with _progress(not as_json) as progress:
        report = operations.import_file(
            app.registry(),
            file=file,
            format=fmt,
            columns=columns,
            gazetteer_dump=dump,
            progress=progress,
            notify=lambda message: click.echo(message, err=True),
            **options,
        )
    emit(report.to_dict(), as_json, _render(report))


def _render(report: importers.ImportReport) -> Callable[[Console], None]:
    def render(out: Console) -> None:
        table = Table(title="Import", title_justify="left")
        table.add_column("rows", justify="right")
        for column in ("imported", "merged", "rejected", "places resolved", "unresolved"):
            table.add_column(column, justify="right")
        table.add_row(
            *(str(n) for n in (report.rows, report.imported, report.merged, report.rejected)),
            str(report.resolved),
            str(report.unresolved),
        )
        out.print(table)
        for rejection in report.rejections[:SHOWN_REJECTIONS]:
            out.print(f"  line {rejection.line}: {rejection.reason}")
        if len(report.rejections) > SHOWN_REJECTIONS:
            more = len(report.rejections) - SHOWN_REJECTIONS
            out.print(f"  ... and {more} more rejected rows (see --json)")
        if report.review:
            out.print(
                f"  {len(report.review)} places left unresolved between homonyms, "
                'with their candidates for review (see --json, "review")'
            )

    return render


@click.group("import")
def import_group() -> None:
    """Import sister-city pairs from files; every row is accounted for."""


@import_group.command("pairs")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--columns",
    help="Rename columns: NAME=COLUMN,... with NAME in city1, country1, city2, country2, "
    "lat1, lng1, lat2, lng2, region1, region2 (a state or province that picks among "
    "homonyms; default: the same names).",
)
@import_options
@pass_app
def import_pairs(
    app: AppContext,
    file: Path,
    columns: str | None,
    **options: Any,
) -> None:
    """Import a CSV of pairs: city1,country1,city2,country2 (lat1,lng1,lat2,lng2 optional).

    Each row ends imported, merged (a duplicate, or the pair listed from the
    other side) or rejected with its line and a reason; the import is stored
    whole or not at all, and running it again changes nothing.

    \b
    Example:
      sistercities --db registry.sqlite import pairs twin_cities.csv --json
      sistercities import pairs partner.csv --encoding latin-1 \\
          --columns city1=Stadt,country1=Land,city2=Partner,country2=Partnerland
    """
    _run_import(app, "pairs", file, columns, **options)


@import_group.command("wikidata")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--columns",
    help="Name the variables: item=...,partner=...,start=...,end=... "
    "(default: found by the usual names: item/city, twin/partner, start, end).",
)
@import_options
@pass_app
def import_wikidata(
    app: AppContext,
    file: Path,
    columns: str | None,
    **options: Any,
) -> None:
    """Import a Wikidata P190 export (SPARQL JSON results or CSV), keeping the QIDs.

    Reads the item and twin (entity URIs or QIDs), their labels, optional
    countries (<var>CountryLabel) and coordinates (<var>Coord), and the start
    and end time qualifiers.

    \b
    Example:
      sistercities --db registry.sqlite import wikidata p190.json --json
    """
    _run_import(app, "wikidata", file, columns, **options)


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(exporters.FORMATS),
    default="csv",
    show_default=True,
    help="csv (spreadsheet-safe), json, or geojson (lines between the two places).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="File to write (default: standard output).",
)
@click.option("--kind", type=click.Choice(taxonomy.choices(taxonomy.RelationshipKind)))
@json_option
@pass_app
def export(app: AppContext, fmt: str, output: Path | None, kind: str | None, as_json: bool) -> None:
    """Export relationships and their places to CSV, JSON or GeoJSON.

    With --output, a summary is printed (as JSON with --json); without it the
    data itself goes to standard output.

    \b
    Examples:
      sistercities --db registry.sqlite export --format geojson -o twins.geojson
      sistercities export --format csv > twins.csv
    """
    summary = operations.export_relationships(
        app.registry(), format=fmt, kind=kind, output=output, stream=sys.stdout
    )
    if output is None:
        return
    count = summary["exported"]
    emit(summary, as_json, lambda out: out.print(f"{count} relationships written to {output}"))


commands: list[click.Command] = [import_group, export]
