"""``sistercities survey``: import a survey export, tabulate it, chart it, export free text.

Each command parses its options, makes one library call
(:mod:`sistercities.research.survey`) and prints the result, or JSON with
``--json``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console

from sistercities.cli import survey_render
from sistercities.cli.common import AppContext, emit, json_option, pass_app
from sistercities.research.survey import service
from sistercities.research.survey.questions import load_map
from sistercities.research.survey.tables import Frequencies, crosstab, frequencies

F = TypeVar("F", bound=Callable[..., Any])


def min_cell_option(func: F) -> F:
    """``--min-cell N``: flag cells of fewer than N respondents (default: the survey's)."""
    return click.option(
        "--min-cell",
        type=click.IntRange(min=1),
        default=None,
        help="Flag cells of fewer than N respondents (default: set at import, 5).",
    )(func)


@click.group()
def survey() -> None:
    """Surveys: import a CSV/XLSX/SPSS export, frequencies, cross-tabs, charts, reports.

    \b
    Example:
      sistercities survey import responses.csv --map map.json --name cuenca-staff
      sistercities survey freq cuenca-staff family_us
    """


@survey.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--name", required=True, help="The name the survey is stored and used under.")
@click.option(
    "--map",
    "map_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Question map (.json or .csv): question text, type, value labels, missing codes.",
)
@click.option("--title", help="A title for reports.")
@click.option("--place", help="The place surveyed: an id or 'Name, CC' from the registry.")
@click.option("--sheet", help="XLSX: the sheet to read (default: the first).")
@click.option("--replace", is_flag=True, help="Replace a survey of this name from another file.")
@click.option(
    "--min-cell",
    type=click.IntRange(min=1),
    default=5,
    show_default=True,
    help="Cells of fewer respondents are flagged in tables meant for publication.",
)
@json_option
@pass_app
def import_command(
    app: AppContext,
    file: Path,
    name: str,
    map_path: Path,
    title: str | None,
    place: str | None,
    sheet: str | None,
    replace: bool,
    min_cell: int,
    as_json: bool,
) -> None:
    """Import FILE (CSV, XLSX or SPSS .sav) with its question map, whole or not at all.

    Every cell is checked against the map first; any problem (a question not in
    the file, a value outside the value labels, mixed types, duplicate
    respondent ids, an empty file) is reported and nothing is stored. Columns
    the map marks identifying are never stored.

    \b
    Example:
      sistercities survey import responses.csv --map map.json --name cuenca-staff \\
          --place "Cuenca, EC"
    """
    qmap = load_map(map_path)
    with app.registry().session() as session:
        result = service.import_survey(
            session, file, qmap, name=name, title=title, place=place, sheet=sheet,
            replace=replace, min_cell=min_cell,
        )  # fmt: skip

    def render(out: Console) -> None:
        out.print(
            f"Survey [bold]{result.survey}[/] {result.status}: {result.respondents} respondents, "
            f"{result.questions} questions, {result.answers} answers "
            f"({result.missing_answers} missing)."
        )
        if result.not_stored:
            out.print("Columns not stored: " + ", ".join(result.not_stored))

    emit(result.to_dict(), as_json, render)


@survey.command("list")
@json_option
@pass_app
def list_command(app: AppContext, as_json: bool) -> None:
    """List the stored surveys.

    \b
    Example:
      sistercities survey list --json
    """
    with app.registry().session() as session:
        rows = service.list_surveys(session)

    def render(out: Console) -> None:
        for row in rows:
            place = f" — {row['place']}" if row["place"] else ""
            out.print(f"{row['name']}{place}: {row['respondents']} respondents, "
                      f"{row['questions']} questions ({row['source_file']})")  # fmt: skip
        if not rows:
            out.print("No surveys yet: sistercities survey import FILE --map MAP --name NAME")

    emit(rows, as_json, render)


@survey.command("questions")
@click.argument("name")
@json_option
@pass_app
def questions_command(app: AppContext, name: str, as_json: bool) -> None:
    """List the questions of survey NAME: id, type, text, value labels.

    \b
    Example:
      sistercities survey questions cuenca-staff
    """
    with app.registry().session() as session:
        qmap = service.question_map(service.get_survey(session, name))
    rows = [
        {"id": q.id, "type": q.type.value, "text": q.text, "labels": q.labels,
         "identifying": q.identifying}
        for q in qmap.questions
    ]  # fmt: skip

    def render(out: Console) -> None:
        for row in rows:
            flag = " [identifying: never exported]" if row["identifying"] else ""
            out.print(f"[bold]{row['id']}[/] ({row['type']}){flag}: {row['text']}")

    emit(rows, as_json, render)


@survey.command("freq")
@click.argument("name")
@click.argument("question")
@min_cell_option
@json_option
@pass_app
def freq_command(
    app: AppContext, name: str, question: str, min_cell: int | None, as_json: bool
) -> None:
    """Frequencies of QUESTION: counts, percent and valid percent, with the base (n).

    A multiple-choice question is tabulated as a multiple-response set
    (percent of responses and of cases); a Likert question also gets its
    negative, neutral and positive shares.

    \b
    Example:
      sistercities survey freq cuenca-staff family_us
      sistercities survey freq cuenca-staff opinion --json
    """
    with app.registry().session() as session:
        data = service.load_survey(session, name)
        cell = min_cell or service.get_survey(session, name).min_cell
    table = frequencies(data, question, min_cell=cell)

    def render(out: Console) -> None:
        if isinstance(table, Frequencies):
            survey_render.frequencies(out, table)
        else:
            survey_render.multiple_response(out, table)

    emit(table.to_dict(), as_json, render)


@survey.command("crosstab")
@click.argument("name")
@click.argument("row_question")
@click.argument("column_question")
@min_cell_option
@click.option(
    "--seed",
    type=int,
    default=0,
    show_default=True,
    help="Seed of a Monte Carlo Fisher estimate (only for large sparse tables).",
)
@json_option
@pass_app
def crosstab_command(
    app: AppContext,
    name: str,
    row_question: str,
    column_question: str,
    min_cell: int | None,
    seed: int,
    as_json: bool,
) -> None:
    """Cross-tabulate ROW_QUESTION by COLUMN_QUESTION, with a test of association.

    Counts with row and column percentages; Pearson's chi-square with the
    expected counts, or Fisher's exact test where expected counts are too
    small (and it says so); Cramér's V.

    \b
    Example:
      sistercities survey crosstab cuenca-staff family_us strength
    """
    with app.registry().session() as session:
        data = service.load_survey(session, name)
        cell = min_cell or service.get_survey(session, name).min_cell
    table = crosstab(data, row_question, column_question, min_cell=cell, seed=seed)
    emit(table.to_dict(), as_json, lambda out: survey_render.crosstab(out, table))


commands = [survey]
