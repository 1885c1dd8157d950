"""``sistercities survey``: import a survey export, tabulate it, chart it, export free text.

Each command parses its options, calls one operation
(:mod:`sistercities.operations.survey`) and prints the result, or JSON with
``--json``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console

from sistercities import operations
from sistercities.cli import survey_render
from sistercities.cli.common import (
    AppContext,
    emit,
    json_option,
    output_option,
    pass_app,
    place_option,
)

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
    type=click.Path(dir_okay=False, path_type=Path),
    help="Question map (.json or .csv): question text, type, value labels, missing codes. "
    "Without it, a map is inferred from the data and printed for review.",
)
@click.option(
    "--write-map",
    "write_map_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Without --map: write the inferred map to this .json or .csv file, to correct "
    "and import again with --map (and --replace).",
)
@click.option("--title", help="A title for reports.")
@place_option("The place surveyed: an id or 'name, country' from the registry.")
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
    map_path: Path | None,
    write_map_path: Path | None,
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
    respondent ids, a row cut short, an empty file) is reported and nothing is
    stored. Columns the map marks identifying are never stored. Rows with no
    cell filled are set aside and counted.

    Without --map, each column's type is inferred from its cells (single
    choice, multiple choice joined with ';', number, free text, the respondent
    id, identifying columns such as e-mail) and the map is printed: review it,
    write it with --write-map, correct texts, scales and missing codes, and
    import again with --map FILE --replace.

    \b
    Examples:
      sistercities survey import responses.csv --map map.json --name cuenca-staff \\
          --place "Cuenca, EC"
      sistercities survey import responses.xlsx --name draft --write-map draft-map.json
    """
    result = operations.import_survey(
        app.registry(), file=file, map_path=map_path, name=name, title=title, place=place,
        sheet=sheet, replace=replace, min_cell=min_cell, write_map_path=write_map_path,
    )  # fmt: skip

    def render(out: Console) -> None:
        if result.inferred is not None:
            survey_render.inferred_map(out, result.inferred, result.map or {}, write_map_path)
        out.print(
            f"Survey {result.survey} {result.status}: {result.respondents} respondents, "
            f"{result.questions} questions, {result.answers} answers "
            f"({result.missing_answers} missing)."
        )
        if result.blank_rows:
            lines = ", ".join(str(n) for n in result.blank_lines[:10])
            out.print(
                f"{result.rows} rows: {result.respondents} respondents and {result.blank_rows} "
                f"blank rows set aside (line {lines})."
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
    rows = operations.list_surveys(app.registry())

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
    rows = operations.survey_questions(app.registry(), name=name)

    def render(out: Console) -> None:
        for row in rows:
            flag = " [identifying: never exported]" if row["identifying"] else ""
            out.print(f"{row['id']} ({row['type']}){flag}: {row['text']}")

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
    from sistercities.research.survey.tables import Frequencies

    table = operations.survey_frequencies(
        app.registry(), name=name, question=question, min_cell=min_cell
    )

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
    table = operations.survey_crosstab(
        app.registry(), name=name, row_question=row_question,
        column_question=column_question, min_cell=min_cell, seed=seed,
    )  # fmt: skip
    emit(table.to_dict(), as_json, lambda out: survey_render.crosstab(out, table))


@survey.command("chart")
@click.argument("name")
@click.argument("questions", nargs=-1, required=True)
@click.option(
    "--kind",
    type=click.Choice(["bar", "stacked", "likert"]),
    default="bar",
    show_default=True,
    help="bar: one question; stacked: a cross-tab of two; likert: diverging, one or more.",
)
@output_option("Output file, .png or .svg.", required=True)
@min_cell_option
@json_option
@pass_app
def chart_command(
    app: AppContext,
    name: str,
    questions: tuple[str, ...],
    kind: str,
    output: Path,
    min_cell: int | None,
    as_json: bool,
) -> None:
    """Draw a chart of QUESTIONS as PNG or SVG (the suffix of -o decides).

    \b
    Examples:
      sistercities survey chart cuenca-staff aware -o aware.png
      sistercities survey chart cuenca-staff family_us strength --kind stacked -o s.svg
      sistercities survey chart cuenca-staff opinion strength --kind likert -o l.svg
    """
    result = operations.survey_chart(
        app.registry(), name=name, questions=list(questions), output=output, kind=kind,
        min_cell=min_cell,
    )  # fmt: skip
    path = result["file"]
    emit(result, as_json, lambda console: console.print(f"Chart written to {path}"))


def _pair(text: str) -> tuple[str, str]:
    row, sep, column = text.partition(":")
    if not sep or not row or not column:
        raise click.BadParameter(f"{text!r}: write ROW:COLUMN, e.g. family_us:strength")
    return row, column


@survey.command("report")
@click.argument("name")
@output_option("The HTML file to write.", required=True)
@click.option(
    "--crosstab",
    "pairs",
    multiple=True,
    help="A cross-tab to include, ROW:COLUMN (repeat for more).",
)
@min_cell_option
@json_option
@pass_app
def report_command(
    app: AppContext,
    name: str,
    output: Path,
    pairs: tuple[str, ...],
    min_cell: int | None,
    as_json: bool,
) -> None:
    """Write a self-contained HTML report of survey NAME: every table and chart.

    Charts are inline SVG; nothing is fetched from the internet. Identifying
    questions are left out, free-text answers are counted, not printed.

    \b
    Example:
      sistercities survey report cuenca-staff -o cuenca.html --crosstab family_us:strength
    """
    crosstabs = [_pair(p) for p in pairs]
    result = operations.survey_report(
        app.registry(), name=name, output=output, crosstabs=crosstabs, min_cell=min_cell
    )
    emit(result, as_json, lambda console: console.print(f"Report written to {output}"))


@survey.command("export-text")
@click.argument("name")
@output_option(
    "Folder for the documents (one .txt per free-text question).", required=True, folder=True
)
@click.option("--question", "questions", multiple=True, help="Only this question (repeat).")
@click.option(
    "--attribute",
    "attributes",
    multiple=True,
    help="Mark each answer with the respondent's answer to this question (repeat).",
)
@json_option
@pass_app
def export_text_command(
    app: AppContext,
    name: str,
    output: Path,
    questions: tuple[str, ...],
    attributes: tuple[str, ...],
    as_json: bool,
) -> None:
    """Export free-text answers as documents to code, one per question.

    Each answer is marked with the respondent's pseudonym and the chosen
    attributes. Questions marked identifying are refused as attributes and
    never exported.

    \b
    Example:
      sistercities survey export-text cuenca-staff -o texts --attribute family_us
    """
    result = operations.survey_export_text(
        app.registry(), name=name, output=output, questions=list(questions),
        attributes=list(attributes),
    )  # fmt: skip

    def render(console: Console) -> None:
        for row in result:
            console.print(f"{row['file']}: {row['answers']} answers to {row['question']}")
        if not result:
            console.print("No free-text questions to export.")

    emit(result, as_json, render)


@survey.command("export")
@click.argument("name")
@output_option("The CSV file to write.", required=True)
@click.option("--codes", is_flag=True, help="Write codes instead of value labels.")
@json_option
@pass_app
def export_command(
    app: AppContext, name: str, output: Path, codes: bool, as_json: bool
) -> None:
    """Export the answers as CSV: one row per pseudonym, identifying questions left out.

    \b
    Example:
      sistercities survey export cuenca-staff -o answers.csv
    """
    result = operations.survey_export_answers(app.registry(), name=name, output=output, codes=codes)
    path = result["file"]
    emit(result, as_json, lambda console: console.print(f"Answers written to {path}"))


commands = [survey]
