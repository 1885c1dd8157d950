"""``sistercities research codes|codebook|code|codings|uncode|sets|cases|memo``.

The codebook, coding by hand, cases and their attributes, and memos; each
command calls one operation of :mod:`sistercities.operations.research`.
"""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console

from sistercities.cli import research_render as show
from sistercities.cli.common import AppContext, emit, json_option, pass_app
from sistercities.errors import InputError
from sistercities.operations import research as ops


@click.group()
def codes() -> None:
    """The codebook: add, list, move, rename, merge, delete codes.

    \b
    Example:
      sistercities research codes add twinning Layers --not-codable
      sistercities research codes add twinning "Economic layer" --parent Layers
      sistercities research codes list twinning --json
    """


@codes.command("add")
@click.argument("project_name", metavar="PROJECT")
@click.argument("name")
@click.option("--parent", help="The code to put it under (name, path A/B or id).")
@click.option("--description", help="What the code means: its definition.")
@click.option("--colour", "--color", "colour", help="A colour like #1f77b4.")
@click.option("--term", "terms", multiple=True, help="An indicative term (repeatable).")
@click.option("--not-codable", is_flag=True, help="A folder: groups codes, cannot be coded.")
@json_option
@pass_app
def codes_add(
    app: AppContext,
    project_name: str,
    name: str,
    parent: str | None,
    description: str | None,
    colour: str | None,
    terms: tuple[str, ...],
    not_codable: bool,
    as_json: bool,
) -> None:
    """Add code NAME to PROJECT (a name is unique under its parent).

    \b
    Example:
      sistercities research codes add twinning Remittances --parent "Inductive themes" \\
          --description "Money sent home by migrants" --colour "#2ca02c" --term remittance
    """
    result = ops.add_code(
        app.registry(),
        project=project_name,
        name=name,
        parent=parent,
        description=description,
        colour=colour,
        terms=list(terms),
        codable=not not_codable,
    )
    emit(result, as_json, lambda out: out.print(f"Code {result['path']} added."))


@codes.command("list")
@click.argument("project_name", metavar="PROJECT")
@json_option
@pass_app
def codes_list(app: AppContext, project_name: str, as_json: bool) -> None:
    """The codebook of PROJECT as a tree, with each code's references.

    \b
    Example:
      sistercities research codes list twinning --json
    """
    tree = ops.list_codes(app.registry(), project=project_name)
    emit(tree, as_json, lambda out: show.code_tree(out, tree))


@codes.command("move")
@click.argument("project_name", metavar="PROJECT")
@click.argument("code")
@click.option("--parent", help="The new parent (name, path or id).")
@click.option("--top", is_flag=True, help="Move it to the top of the codebook.")
@json_option
@pass_app
def codes_move(
    app: AppContext, project_name: str, code: str, parent: str | None, top: bool, as_json: bool
) -> None:
    """Move CODE under --parent, or to the --top (a cycle is refused).

    \b
    Example:
      sistercities research codes move twinning Remittances --parent Migration
    """
    if (parent is None) == (not top):
        raise click.UsageError("give either --parent CODE or --top")
    result = ops.move_code(app.registry(), project=project_name, code=code, parent=parent)
    emit(result, as_json, lambda out: out.print(f"Moved: {result['path']}"))


@codes.command("rename")
@click.argument("project_name", metavar="PROJECT")
@click.argument("code")
@click.argument("new_name")
@json_option
@pass_app
def codes_rename(
    app: AppContext, project_name: str, code: str, new_name: str, as_json: bool
) -> None:
    """Rename CODE to NEW_NAME.

    \b
    Example:
      sistercities research codes rename twinning Migrants Migration
    """
    result = ops.rename_code(app.registry(), project=project_name, code=code, name=new_name)
    emit(result, as_json, lambda out: out.print(f"Renamed: {result['path']}"))


@codes.command("merge")
@click.argument("project_name", metavar="PROJECT")
@click.argument("source")
@click.argument("target")
@json_option
@pass_app
def codes_merge(
    app: AppContext, project_name: str, source: str, target: str, as_json: bool
) -> None:
    """Merge SOURCE into TARGET: its codings and child codes follow, SOURCE goes.

    \b
    Example:
      sistercities research codes merge twinning "Money home" Remittances
    """
    result = ops.merge_codes(app.registry(), project=project_name, source=source, target=target)
    emit(
        result,
        as_json,
        lambda out: out.print(
            f"Merged {result['merged']} into {result['into']}: {result['codings_moved']} coding(s) "
            f"moved, {result['duplicates']} duplicate(s) dropped."
        ),
    )


@codes.command("delete")
@click.argument("project_name", metavar="PROJECT")
@click.argument("code")
@click.option(
    "--force", is_flag=True, help="Also delete its codings (and those of codes under it)."
)
@json_option
@pass_app
def codes_delete(app: AppContext, project_name: str, code: str, force: bool, as_json: bool) -> None:
    """Delete CODE and the codes under it; if they have codings, only with --force.

    \b
    Example:
      sistercities research codes delete twinning "Old theme" --force
    """
    result = ops.delete_code(app.registry(), project=project_name, code=code, force=force)
    emit(
        result,
        as_json,
        lambda out: out.print(
            f"Deleted {result['deleted']}: {result['codes']} code(s), "
            f"{result['codings']} coding(s)."
        ),
    )


@click.group()
def codebook() -> None:
    """Built-in codebooks from the papers (builtin:000, builtin:001, builtin:004).

    \b
    Example:
      sistercities research codebook load twinning builtin:004
    """


@codebook.command("load")
@click.argument("project_name", metavar="PROJECT")
@click.argument("source", metavar="builtin:000|builtin:001|builtin:004")
@json_option
@pass_app
def codebook_load(app: AppContext, project_name: str, source: str, as_json: bool) -> None:
    """Load a built-in codebook: each definition quoted from its paper, with its section.

    builtin:000 the actor tiers and roles and the three asymmetry factors;
    builtin:001 the impact areas and flows; builtin:004 Lecours' layers,
    O'Toole's phases and the inductive themes (migration, remittances).
    Codes already there are kept.

    \b
    Example:
      sistercities research codebook load twinning builtin:000 --json
    """
    result = ops.load_codebook(app.registry(), project=project_name, source=source)
    emit(
        result,
        as_json,
        lambda out: out.print(
            f"{result['codebook']} ({result['title']}): {result['added']} code(s) added, "
            f"{result['existing']} already there."
        ),
    )


@click.group()
def sets() -> None:
    """Code sets: groups of codes across the tree.

    \b
    Example:
      sistercities research sets add twinning Economy "Economic layer" "Commercial phase"
    """


@sets.command("add")
@click.argument("project_name", metavar="PROJECT")
@click.argument("name")
@click.argument("code_refs", nargs=-1, required=True, metavar="CODE...")
@json_option
@pass_app
def sets_add(
    app: AppContext, project_name: str, name: str, code_refs: tuple[str, ...], as_json: bool
) -> None:
    """Put CODE... in set NAME (made on first use).

    \b
    Example:
      sistercities research sets add twinning Economy "Economic layer" "Commercial phase"
    """
    result = ops.add_to_set(app.registry(), project=project_name, name=name, codes=list(code_refs))
    emit(
        result,
        as_json,
        lambda out: out.print(f"Set {result['name']}: " + ", ".join(result["codes"])),
    )


@sets.command("list")
@click.argument("project_name", metavar="PROJECT")
@json_option
@pass_app
def sets_list(app: AppContext, project_name: str, as_json: bool) -> None:
    """List the code sets of PROJECT.

    \b
    Example:
      sistercities research sets list twinning --json
    """
    rows = ops.list_sets(app.registry(), project=project_name)

    def render(out: Console) -> None:
        for row in rows:
            out.print(f"{row['name']}: " + ", ".join(row["codes"]))

    emit(rows, as_json, render)


@click.command("code")
@click.argument("project_name", metavar="PROJECT")
@click.argument("document")
@click.argument("start", type=int)
@click.argument("end", type=int)
@click.argument("code")
@click.option("--coder", help="Who coded it (default: --user).")
@click.option("--memo", help="A memo on the new coding.")
@json_option
@pass_app
def code_command(
    app: AppContext,
    project_name: str,
    document: str,
    start: int,
    end: int,
    code: str,
    coder: str | None,
    memo: str | None,
    as_json: bool,
) -> None:
    """Code the span START-END of DOCUMENT with CODE (code points, END exclusive).

    \b
    Example:
      sistercities research code twinning interview1.docx 120 245 "Economic layer" \\
          --memo "clear case"
    """
    result = ops.code_span(
        app.registry(),
        project=project_name,
        document=document,
        start=start,
        end=end,
        code=code,
        coder=coder,
        memo=memo,
    )
    verb = "Coded" if result["created"] else "Already coded"
    emit(
        result,
        as_json,
        lambda out: out.print(
            f"{verb} #{result['id']}: {result['code']} {result['start']}-{result['end']} "
            f'"{show.clip(result["text"])}"'
        ),
    )


@click.command("codings")
@click.argument("project_name", metavar="PROJECT")
@click.option("--document", help="Only this document (name or id).")
@click.option("--code", help="Only this code and the codes under it.")
@click.option("--coder", help="Only this coder's codings.")
@json_option
@pass_app
def codings_command(
    app: AppContext,
    project_name: str,
    document: str | None,
    code: str | None,
    coder: str | None,
    as_json: bool,
) -> None:
    """List codings: id, document, code, start, end, text, coder.

    \b
    Example:
      sistercities research codings twinning --code Remittances --json
    """
    rows = ops.list_codings(
        app.registry(), project=project_name, document=document, code=code, coder=coder
    )
    keys = ("id", "document", "code", "start", "end", "text", "coder")
    data = [{k: r[k] for k in keys} | {"anchor": r["anchor"]} for r in rows]
    emit(data, as_json, lambda out: show.codings(out, rows))


@click.command("uncode")
@click.argument("project_name", metavar="PROJECT")
@click.argument("coding", type=int)
@json_option
@pass_app
def uncode_command(app: AppContext, project_name: str, coding: int, as_json: bool) -> None:
    """Remove coding CODING (its id, from 'research codings').

    \b
    Example:
      sistercities research uncode twinning 42
    """
    result = ops.uncode(app.registry(), project=project_name, coding=coding)
    emit(result, as_json, lambda out: out.print(f"Removed coding #{coding}."))


@click.group()
def cases() -> None:
    """Cases and typed attributes; what the documents of a case say.

    \b
    Example:
      sistercities research cases add twinning Cuenca-Tempe --entity relationship:12
      sistercities research cases attribute twinning founded integer
      sistercities research cases set twinning Cuenca-Tempe founded 2008
    """


@cases.command("add")
@click.argument("project_name", metavar="PROJECT")
@click.argument("name")
@click.option(
    "--entity",
    metavar="KIND:ID",
    help="The registry record it is: relationship:ID, place:ID, actor:ID.",
)
@click.option("--description", help="What the case is.")
@click.option("--document", "docs", multiple=True, help="A document of the case (repeatable).")
@json_option
@pass_app
def cases_add(
    app: AppContext,
    project_name: str,
    name: str,
    entity: str | None,
    description: str | None,
    docs: tuple[str, ...],
    as_json: bool,
) -> None:
    """Add case NAME, optionally a registry record, with its documents.

    \b
    Example:
      sistercities research cases add twinning Cuenca-Tempe --entity relationship:12 \\
          --document i1.docx
    """
    result = ops.add_case(
        app.registry(),
        project=project_name,
        name=name,
        entity=entity,
        description=description,
        documents=list(docs),
    )
    emit(result, as_json, lambda out: out.print(f"Case {result['name']} added."))


@cases.command("documents")
@click.argument("project_name", metavar="PROJECT")
@click.argument("case")
@click.argument("docs", nargs=-1, required=True, metavar="DOCUMENT...")
@json_option
@pass_app
def cases_documents(
    app: AppContext, project_name: str, case: str, docs: tuple[str, ...], as_json: bool
) -> None:
    """Put DOCUMENT... in CASE.

    \b
    Example:
      sistercities research cases documents twinning Cuenca-Tempe i1.docx i2.odt
    """
    result = ops.add_documents_to_case(
        app.registry(), project=project_name, case=case, documents=list(docs)
    )
    emit(result, as_json, lambda out: out.print(f"{case}: " + ", ".join(result["documents"])))


@cases.command("list")
@click.argument("project_name", metavar="PROJECT")
@json_option
@pass_app
def cases_list(app: AppContext, project_name: str, as_json: bool) -> None:
    """List cases with their registry record, documents and attributes.

    \b
    Example:
      sistercities research cases list twinning --json
    """
    rows = ops.list_cases(app.registry(), project=project_name)
    emit(rows, as_json, lambda out: show.cases(out, rows))


@cases.command("attribute")
@click.argument("project_name", metavar="PROJECT")
@click.argument("name")
@click.argument(
    "kind", metavar="TYPE", type=click.Choice(["text", "boolean", "integer", "float", "date"])
)
@json_option
@pass_app
def cases_attribute(
    app: AppContext, project_name: str, name: str, kind: str, as_json: bool
) -> None:
    """Declare attribute NAME of TYPE (text, boolean, integer, float, date).

    \b
    Example:
      sistercities research cases attribute twinning founded integer
    """
    result = ops.define_attribute(app.registry(), project=project_name, name=name, type=kind)
    emit(result, as_json, lambda out: out.print(f"Attribute {result['name']} ({result['type']})."))


@cases.command("set")
@click.argument("project_name", metavar="PROJECT")
@click.argument("case")
@click.argument("attribute")
@click.argument("value")
@json_option
@pass_app
def cases_set(
    app: AppContext, project_name: str, case: str, attribute: str, value: str, as_json: bool
) -> None:
    """Set CASE's ATTRIBUTE to VALUE (checked against the attribute's type).

    \b
    Example:
      sistercities research cases set twinning Cuenca-Tempe founded 2008
    """
    result = ops.set_attribute(
        app.registry(), project=project_name, case=case, attribute=attribute, value=value
    )
    emit(result, as_json, lambda out: out.print(f"{case}: {attribute} = {result['value']}"))


@cases.command("import")
@click.argument("project_name", metavar="PROJECT")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--case-column", default="case", show_default=True, help="The column naming the case."
)
@click.option(
    "--type",
    "types",
    multiple=True,
    metavar="COLUMN=TYPE",
    help="A column's type (default: inferred); repeatable.",
)
@click.option("--sheet", help="XLSX: the sheet to read (default: the first).")
@json_option
@pass_app
def cases_import(
    app: AppContext,
    project_name: str,
    file: Path,
    case_column: str,
    types: tuple[str, ...],
    sheet: str | None,
    as_json: bool,
) -> None:
    """Attributes from a CSV or XLSX, one row per case (all or nothing).

    \b
    Example:
      sistercities research cases import twinning cases.csv --case-column city \\
          --type founded=integer
    """
    parsed: dict[str, str] = {}
    for item in types:
        column, sep, kind = item.partition("=")
        if not sep:
            raise InputError(f"{item!r} is not COLUMN=TYPE", field="type")
        parsed[column.strip()] = kind.strip()
    result = ops.import_attributes(
        app.registry(),
        project=project_name,
        file=file,
        case_column=case_column,
        types=parsed,
        sheet=sheet,
    )
    emit(
        result,
        as_json,
        lambda out: out.print(
            f"{result['rows']} case row(s), {result['cases_created']} new case(s), "
            f"{result['values']} value(s) of "
            + ", ".join(f"{a['name']} ({a['type']})" for a in result["attributes"])
        ),
    )


@cases.command("from-survey")
@click.argument("project_name", metavar="PROJECT")
@click.argument("survey")
@click.option("--question", "questions", multiple=True, help="Only this question (repeatable).")
@json_option
@pass_app
def cases_from_survey(
    app: AppContext, project_name: str, survey: str, questions: tuple[str, ...], as_json: bool
) -> None:
    """One case per respondent of SURVEY (by pseudonym), answers as attributes.

    \b
    Example:
      sistercities research cases from-survey twinning cuenca-staff --question family_us
    """
    result = ops.import_survey_attributes(
        app.registry(), project=project_name, survey=survey, questions=list(questions) or None
    )
    emit(
        result,
        as_json,
        lambda out: out.print(
            f"{result['respondents']} respondent(s), {result['cases_created']} new case(s), "
            f"{result['values']} value(s)."
        ),
    )


@cases.command("show")
@click.argument("project_name", metavar="PROJECT")
@click.argument("case")
@json_option
@pass_app
def cases_show(app: AppContext, project_name: str, case: str, as_json: bool) -> None:
    """What the documents of CASE say: its codings by code, with the quoted text.

    \b
    Example:
      sistercities research cases show twinning Cuenca-Tempe
    """
    result = ops.case_codings(app.registry(), project=project_name, case=case)
    emit(result, as_json, lambda out: show.case_codings(out, result))


@click.group()
def memo() -> None:
    """Memos on the project, a document, a code or a coding.

    \b
    Example:
      sistercities research memo add twinning "Check the 2008 agreement" \\
          --on document --target i1.docx
    """


@memo.command("add")
@click.argument("project_name", metavar="PROJECT")
@click.argument("text")
@click.option(
    "--on",
    "on",
    type=click.Choice(["project", "document", "code", "coding"]),
    default="project",
    show_default=True,
    help="What the memo is about.",
)
@click.option("--target", help="The document, code or coding id it is on.")
@json_option
@pass_app
def memo_add(
    app: AppContext, project_name: str, text: str, on: str, target: str | None, as_json: bool
) -> None:
    """Write memo TEXT (you are its author).

    \b
    Example:
      sistercities research memo add twinning "Remittances come up in every Cuenca interview" \\
          --on code --target Remittances
    """
    result = ops.add_memo(app.registry(), project=project_name, text=text, on=on, target=target)
    emit(result, as_json, lambda out: out.print(f"Memo #{result['id']} on {result['on']}."))


@memo.command("list")
@click.argument("project_name", metavar="PROJECT")
@click.option(
    "--on",
    "on",
    type=click.Choice(["project", "document", "code", "coding"]),
    help="Only memos on this kind.",
)
@click.option("--target", help="Only memos on this document, code or coding.")
@json_option
@pass_app
def memo_list(
    app: AppContext, project_name: str, on: str | None, target: str | None, as_json: bool
) -> None:
    """List memos with author and dates.

    \b
    Example:
      sistercities research memo list twinning --on code --json
    """
    rows = ops.list_memos(app.registry(), project=project_name, on=on, target=target)
    emit(rows, as_json, lambda out: show.memos(out, rows))


def register(group: click.Group) -> None:
    """Attach these commands to the ``research`` group."""
    for command in (
        codes,
        codebook,
        sets,
        code_command,
        codings_command,
        uncode_command,
        cases,
        memo,
    ):
        group.add_command(command)
