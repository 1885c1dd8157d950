"""``sistercities research matrix|cooccurrence|search|words|chart``: queries over a project."""

from __future__ import annotations

from pathlib import Path

import click

from sistercities.cli import research_render as show
from sistercities.cli.common import AppContext, emit, json_option, pass_app
from sistercities.operations import research as ops


@click.command("matrix")
@click.argument("project_name", metavar="PROJECT")
@click.option(
    "--rows",
    type=click.Choice(["codes"]),
    default="codes",
    show_default=True,
    help="Rows of the matrix (codes).",
)
@click.option(
    "--cols",
    default="cases",
    show_default=True,
    metavar="cases|documents|ATTRIBUTE",
    help="Columns: cases, documents, or the values of a case attribute.",
)
@click.option("--aggregate", is_flag=True, help="A code's row includes the codes under it.")
@click.option("--code", "code_refs", multiple=True, help="Only this code (repeatable).")
@click.option("--set", "code_set", help="Only the codes of this set.")
@click.option(
    "--measure",
    type=click.Choice(["references", "documents", "characters"]),
    default="references",
    show_default=True,
    help="The figure the table shows.",
)
@json_option
@pass_app
def matrix_command(
    app: AppContext,
    project_name: str,
    rows: str,
    cols: str,
    aggregate: bool,
    code_refs: tuple[str, ...],
    code_set: str | None,
    measure: str,
    as_json: bool,
) -> None:
    """Codes by cases, documents or attribute values: references, documents, characters per cell.

    \b
    Example:
      sistercities research matrix twinning --rows codes --cols cases --json
      sistercities research matrix twinning --cols city_size --measure characters
    """
    result = ops.matrix(
        app.registry(),
        project=project_name,
        cols=cols,
        aggregate=aggregate,
        codes=list(code_refs) or None,
        code_set=code_set,
    )
    emit(result, as_json, lambda out: show.matrix(out, result, measure))


@click.command("cooccurrence")
@click.argument("project_name", metavar="PROJECT")
@click.option(
    "--mode",
    type=click.Choice(["overlap", "paragraph", "document"]),
    default="overlap",
    show_default=True,
    help="Together means: overlapping spans, one paragraph, one document.",
)
@click.option("--code", "code_refs", multiple=True, help="Only this code (repeatable).")
@click.option("--set", "code_set", help="Only the codes of this set.")
@json_option
@pass_app
def cooccurrence_command(
    app: AppContext,
    project_name: str,
    mode: str,
    code_refs: tuple[str, ...],
    code_set: str | None,
    as_json: bool,
) -> None:
    """Which codes occur together, and how often.

    \b
    Example:
      sistercities research cooccurrence twinning --mode paragraph --json
    """
    result = ops.cooccurrence(
        app.registry(),
        project=project_name,
        mode=mode,
        codes=list(code_refs) or None,
        code_set=code_set,
    )
    emit(result, as_json, lambda out: show.cooccurrence(out, result))


@click.command("search")
@click.argument("project_name", metavar="PROJECT")
@click.argument("query")
@click.option("--regex", is_flag=True, help="QUERY is a regular expression.")
@click.option("--partial", is_flag=True, help="Match inside words too (default: whole words).")
@click.option(
    "--width",
    type=click.IntRange(0, 500),
    default=40,
    show_default=True,
    help="Characters of context on each side.",
)
@click.option("--limit", type=click.IntRange(min=1), help="Show at most this many hits.")
@click.option("--document", "docs", multiple=True, help="Only this document (repeatable).")
@json_option
@pass_app
def search_command(
    app: AppContext,
    project_name: str,
    query: str,
    regex: bool,
    partial: bool,
    width: int,
    limit: int | None,
    docs: tuple[str, ...],
    as_json: bool,
) -> None:
    """Find QUERY in the documents, with keywords in context.

    \b
    Example:
      sistercities research search twinning remittances --width 60
      sistercities research search twinning "sister cit(y|ies)" --regex --json
    """
    result = ops.text_search(
        app.registry(),
        project=project_name,
        query=query,
        regex=regex,
        whole_word=not partial,
        width=width,
        limit=limit,
        documents=list(docs) or None,
    )
    emit(result, as_json, lambda out: show.kwic(out, result))


@click.command("words")
@click.argument("project_name", metavar="PROJECT")
@click.option(
    "--top", type=click.IntRange(min=1), default=50, show_default=True, help="How many words."
)
@click.option(
    "--min-length",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    help="Leave out shorter words.",
)
@click.option("--document", "docs", multiple=True, help="Only this document (repeatable).")
@click.option("--keep-stop-words", is_flag=True, help="Count stop words too.")
@json_option
@pass_app
def words_command(
    app: AppContext,
    project_name: str,
    top: int,
    min_length: int,
    docs: tuple[str, ...],
    keep_stop_words: bool,
    as_json: bool,
) -> None:
    """Word frequencies, without the stop words of each document's language.

    \b
    Example:
      sistercities research words twinning --top 20 --json
    """
    result = ops.word_frequencies(
        app.registry(),
        project=project_name,
        top=top,
        min_length=min_length,
        documents=list(docs) or None,
        keep_stop_words=keep_stop_words,
    )
    emit(result, as_json, lambda out: show.words(out, result))


@click.command("chart")
@click.argument("project_name", metavar="PROJECT")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write: .png or .svg.",
)
@click.option(
    "--depth",
    type=click.IntRange(1, 5),
    default=2,
    show_default=True,
    help="Levels of the tree shown.",
)
@click.option("--title", help="A title (default: the project's name).")
@json_option
@pass_app
def chart_command(
    app: AppContext, project_name: str, output: Path, depth: int, title: str | None, as_json: bool
) -> None:
    """Hierarchy chart: codes as nested rectangles sized by references (PNG or SVG).

    \b
    Example:
      sistercities research chart twinning -o codes.svg
    """
    result = ops.hierarchy_chart(
        app.registry(), project=project_name, output=output, depth=depth, title=title
    )
    emit(
        result,
        as_json,
        lambda out: out.print(
            f"Wrote {result['file']}: {len(result['codes'])} code(s) shown, "
            f"{len(result['not_shown'])} without references left out."
        ),
    )


def register(group: click.Group) -> None:
    """Attach these commands to the ``research`` group."""
    for command in (
        matrix_command,
        cooccurrence_command,
        search_command,
        words_command,
        chart_command,
    ):
        group.add_command(command)
