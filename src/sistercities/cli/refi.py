"""``sistercities research import-qdpx | import-qdc | export``: REFI-QDA exchange.

Each command parses its options, calls one operation
(:mod:`sistercities.operations.refi`) and prints the result, or JSON with
``--json``. The workbench's ``research`` group attaches them
(:func:`register`, called by :mod:`sistercities.cli.research`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from sistercities.cli.common import AppContext, emit, json_option, pass_app
from sistercities.errors import InputError

SHOWN_FINDINGS = 10


@click.command("import-qdpx")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--name", help="The project's name here (default: the name in the file).")
@json_option
@pass_app
def import_qdpx_command(app: AppContext, file: Path, name: str | None, as_json: bool) -> None:
    """Import a REFI-QDA project (.qdpx from NVivo, ATLAS.ti, MAXQDA, QualCoder) as a project.

    All or nothing: a broken file stores nothing. What the workbench cannot
    hold (pictures, audio, video, graphs, ...) is listed with its count.

    \b
    Example:
      sistercities research import-qdpx interviews.qdpx --name cuenca --json
    """
    from sistercities.operations.refi import import_qdpx

    result = import_qdpx(app.registry(), file=file, name=name)
    emit(result, as_json, lambda out: _render_import(out, result))


@click.command("import-qdc")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("project")
@json_option
@pass_app
def import_qdc_command(app: AppContext, file: Path, project: str, as_json: bool) -> None:
    """Add a REFI-QDA codebook (.qdc) to a project; codes already there are kept.

    \b
    Example:
      sistercities research import-qdc taguette.qdc cuenca
    """
    from sistercities.operations.refi import import_qdc

    result = import_qdc(app.registry(), file=file, project=project)
    emit(result, as_json, lambda out: _render_codebook(out, result))


@click.command("export")
@click.argument("project")
@click.option("--qdpx", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the whole project as a .qdpx file.")
@click.option("--qdc", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the codebook as a .qdc file.")
@json_option
@pass_app
def export_command(app: AppContext, project: str, qdpx: Path | None, qdc: Path | None,
                   as_json: bool) -> None:
    """Export a project as REFI-QDA: --qdpx FILE (project) or --qdc FILE (codebook).

    The file validates against the published schema; GUIDs stay the same
    from one export to the next.

    \b
    Example:
      sistercities research export cuenca --qdpx cuenca.qdpx
      sistercities research export cuenca --qdc cuenca-codes.qdc
    """
    from sistercities.operations.refi import export_qdc, export_qdpx

    if (qdpx is None) == (qdc is None):
        raise InputError("give exactly one of --qdpx FILE and --qdc FILE", field="export")
    if qdpx is not None:
        result = export_qdpx(app.registry(), project=project, file=qdpx)
    else:
        assert qdc is not None
        result = export_qdc(app.registry(), project=project, file=qdc)
    emit(result, as_json, lambda out: _render_export(out, result))


def _render_import(out: Console, result: dict[str, Any]) -> None:
    out.print(f"Project {result['project']}: {result['sources']} sources, {result['codes']} "
              f"codes, {result['codings']} codings, {result['cases']} cases, "
              f"{result['notes']} notes (positions read as {result['position_rule']})")
    _render_lost(out, result["not_carried"], "Not carried")
    _render_findings(out, result["findings"])


def _render_codebook(out: Console, result: dict[str, Any]) -> None:
    out.print(f"Project {result['project']}: {result['added']} codes added, "
              f"{result['existing']} already there, {result['sets']} sets")
    _render_findings(out, result["findings"])


def _render_export(out: Console, result: dict[str, Any]) -> None:
    counts = ", ".join(f"{result[k]} {k}" for k in ("sources", "codes", "codings", "cases",
                                                     "notes", "sets") if k in result)
    out.print(f"Wrote {result['file']}: {counts}")
    _render_lost(out, result.get("not_carried", []), "Not in the file")


def _render_lost(out: Console, lost: list[dict[str, Any]], title: str) -> None:
    if not lost:
        return
    table = Table(title=title)
    for column in ("what", "count", "reason"):
        table.add_column(column, justify="right" if column == "count" else "left")
    for item in lost:
        table.add_row(item["what"], str(item["count"]), item["reason"])
    out.print(table)


def _render_findings(out: Console, findings: list[dict[str, Any]]) -> None:
    for finding in findings[:SHOWN_FINDINGS]:
        out.print(f"note: {finding['where']}: {finding['what']}: {finding['message']}")
    if len(findings) > SHOWN_FINDINGS:
        out.print(f"... and {len(findings) - SHOWN_FINDINGS} more notes (see --json)")


def register(group: click.Group) -> None:
    """Attach these commands to the ``research`` group."""
    for command in (import_qdpx_command, import_qdc_command, export_command):
        group.add_command(command)
