"""What an office reads: relationship health, the handover dossier, the annual report.

Each command parses its options, calls one operation
(:mod:`sistercities.operations.office`) and prints or writes the result.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from sistercities import i18n, operations
from sistercities.analysis.office import dossier as dossier_module
from sistercities.analysis.office import health as health_module
from sistercities.cli.common import (
    AppContext,
    as_of_option,
    emit,
    explain_option,
    json_option,
    output_option,
    pass_app,
    place_option,
)


def _health_table(out: Console, rows: list[dict[str, Any]], as_of: str) -> None:
    table = Table(title=f"Health of {len(rows)} relationships as of {as_of}", title_justify="left")
    for column in (
        "id",
        "relationship",
        "status",
        "last activity",
        "per year",
        "months since",
        "admins survived",
        "non-gov carrier",
        "suggestion",
    ):
        table.add_column(column)
    for row in rows:
        table.add_row(
            str(row["relationship_id"]),
            row["label"],
            row["status"],
            row["last_activity"] or "—",
            _number(row["activities_per_year"]),
            _number(row["months_since_contact"]),
            f"{row['administrations_survived']}/{row['administrations_lived']}",
            "yes" if row["non_government_carrier"] else "no",
            row["suggestion"],
        )
    out.print(table)


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _explained(out: Console, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        out.print(f"\n{row['relationship_id']}. {row['label']}")
        for name, item in row["explain"].items():
            out.print(f"  {name} = {item['value']}")
            out.print(f"    formula: {item['formula']} (range {item['range']})")
            for record in item["records"]:
                out.print(f"    - {record}")


@click.command("health")
@as_of_option()
@click.option(
    "--dormant-months",
    type=click.IntRange(min=1),
    default=health_module.DORMANT_AFTER_MONTHS,
    show_default=True,
    help="Suggest dormant after this many months without activity.",
)
@click.option(
    "--change-months",
    type=click.IntRange(min=0),
    default=health_module.CHANGE_WITHIN_MONTHS,
    show_default=True,
    help="An administration ending within this many months counts as a change near.",
)
@place_option("Only this place's relationships (id or 'name, country').")
@json_option
@explain_option
@pass_app
def health(
    app: AppContext,
    as_of: str | None,
    dormant_months: int,
    change_months: int,
    place: str | None,
    as_json: bool,
    explain: bool,
) -> None:
    """List every relationship with its health figures and a status suggestion.

    \b
    Example:
      sistercities health --place "Quito, EC" --as-of 2024-04-30 --explain
    """
    when = operations.as_of_date(as_of)
    rows = operations.health(
        app.registry(),
        as_of=when,
        dormant_months=dormant_months,
        change_months=change_months,
        place=place,
        explain=explain,
    )

    def render(out: Console) -> None:
        _health_table(out, rows, when.isoformat())
        if explain:
            _explained(out, rows)

    emit(rows, as_json, render)


@click.command("dossier")
@click.argument("place")
@click.option(
    "--format", "fmt", type=click.Choice(dossier_module.FORMATS), default="md", show_default=True
)
@output_option("Write to this file (required for pdf; default: print to stdout).")
@as_of_option()
@click.option(
    "--include-contacts",
    is_flag=True,
    help="Include contact details (only for users with role officer: see 'access grant').",
)
@click.option(
    "--lang",
    "language",
    type=click.Choice(i18n.SUPPORTED),
    default=i18n.DEFAULT,
    show_default=True,
    help="Language of the dossier's text (the --json data stays English).",
)
@json_option
@pass_app
def dossier(
    app: AppContext,
    place: str,
    fmt: str,
    output: Path | None,
    as_of: str | None,
    include_contacts: bool,
    language: str,
    as_json: bool,
) -> None:
    """Write the handover dossier of a place for an incoming administration.

    Every agreement with its status and history, the people on both sides,
    the last activities and open commitments, and what went dormant when.

    \b
    Examples:
      sistercities dossier "Cuenca, EC" --format html -o cuenca.html
      sistercities --user ana dossier Quito --format pdf -o quito.pdf --include-contacts
      sistercities dossier "Cuenca, EC" --lang es -o cuenca-es.md
    """
    if not as_json and fmt == "pdf" and not output:
        raise click.UsageError("a PDF needs -o/--output FILE")
    result = operations.dossier(
        app.registry(),
        place=place,
        as_of=as_of,
        include_contacts=include_contacts,
        format=None if as_json else fmt,
        language=language,
    )
    data, content = result.data, result.content or b""
    if as_json:
        emit(data, True, lambda out: None)
        return
    if output:
        with open(output, "wb") as handle:
            handle.write(content)
        click.echo(f"Wrote the {fmt} dossier of {data['place']['name']} to {output}.")
    else:
        click.echo(content.decode("utf-8"), nl=False)


REPORT_COLUMNS = (
    ("activities", "events"),
    ("exchanges", "exchanges"),
    ("exchanges_outbound", "out"),
    ("exchanges_inbound", "in"),
    ("people_carried", "people"),
    ("participants", "participants"),
    ("volunteers", "volunteers"),
    ("money_moved", "money"),
)


def _cell(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict):
        return ", ".join(f"{amount:g} {unit}" for unit, amount in value.items()) or "0"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _report_table(out: Console, title: str, groups: dict[str, dict[str, Any]]) -> None:
    table = Table(title=title, title_justify="left")
    table.add_column("")
    for _, header in REPORT_COLUMNS:
        table.add_column(header, justify="right")
    for name, figures in groups.items():
        table.add_row(name, *(_cell(figures[key]) for key, _ in REPORT_COLUMNS))
    out.print(table)


@click.command("report")
@click.option("--year", required=True, type=int, help="The year reported.")
@place_option("Report from this place's side (id or 'name, country'): inbound/outbound.")
@json_option
@pass_app
def report(app: AppContext, year: int, place: str | None, as_json: bool) -> None:
    """The annual report: exchanges, people, events, volunteers, money, by relationship and area.

    \b
    Examples:
      sistercities report --year 2023
      sistercities report --year 2023 --place "Cuenca, EC" --json
    """
    data = operations.annual_report(app.registry(), year=year, place=place)

    def render(out: Console) -> None:
        scope = f" of {data['place']}" if data["place"] else ""
        _report_table(out, f"{year}{scope}: totals", {"all relationships": data["totals"]})
        _report_table(out, "By relationship", data["by_relationship"])
        _report_table(out, "By area", data["by_area"])
        left_out = data.get("without_activity", {})
        if left_out.get("no_activity_recorded"):
            out.print(
                f"No activity recorded in {year} ({len(left_out['no_activity_recorded'])}): "
                + "; ".join(left_out["no_activity_recorded"])
            )
        if left_out.get("not_enough_on_record"):
            out.print(
                f"Not enough on record to judge ({len(left_out['not_enough_on_record'])}: "
                "too little dated on record, not read as inactive; 'health' says what each "
                "lacks): "
                + "; ".join(left_out["not_enough_on_record"])
            )
        for name, definition in data["definitions"].items():
            out.print(f"{name}: {definition}")

    emit(data, as_json, render)


commands: list[click.Command] = [health, dossier, report]
