"""``sistercities research``: the qualitative workbench (projects, documents, codes, coding).

Each command parses its options, calls one operation of
:mod:`sistercities.operations.research` and prints the result (JSON with
``--json``). The acting user is ``--user`` (or ``SISTERCITIES_USER``, or the
login name); a researcher sees only the projects they belong to.
"""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console

from sistercities.cli import research_render as show
from sistercities.cli.common import AppContext, emit, json_option, pass_app
from sistercities.operations import research as ops


@click.group()
def research() -> None:
    """Research workbench: projects, documents, codebooks, coding, cases, memos, queries.

    \b
    Example:
      sistercities research project create twinning --title "Twinning interviews"
      sistercities research documents import twinning interviews/*.docx --json
      sistercities research codebook load twinning builtin:004
      sistercities research code twinning interview1.docx 120 245 "Economic layer"
      sistercities research matrix twinning --rows codes --cols cases --json
    """


@research.group()
def project() -> None:
    """Create and list projects, add and remove members.

    \b
    Example:
      sistercities research project create twinning
      sistercities research project add-member twinning ana --role coder
    """


@project.command("create")
@click.argument("name")
@click.option("--title", help="A title for the project.")
@json_option
@pass_app
def project_create(app: AppContext, name: str, title: str | None, as_json: bool) -> None:
    """Create project NAME; you become its owner.

    \b
    Example:
      sistercities research project create twinning --title "Twinning interviews"
    """
    result = ops.create_project(app.registry(), name=name, title=title)
    emit(
        result,
        as_json,
        lambda out: out.print(
            f"Project {result['name']} created; owner {result['members'][0]['user']}."
        ),
    )


@project.command("list")
@json_option
@pass_app
def project_list(app: AppContext, as_json: bool) -> None:
    """List the projects you are a member of, with your role.

    \b
    Example:
      sistercities research project list --json
    """
    rows = ops.list_projects(app.registry())
    emit(rows, as_json, lambda out: show.projects(out, rows))


@project.command("show")
@click.argument("name")
@json_option
@pass_app
def project_show(app: AppContext, name: str, as_json: bool) -> None:
    """Show project NAME: members and roles, counts of documents, codes and codings.

    \b
    Example:
      sistercities research project show twinning
    """
    result = ops.show_project(app.registry(), project=name)
    emit(result, as_json, lambda out: show.projects(out, [result]))


@project.command("add-member")
@click.argument("name")
@click.argument("user")
@click.option(
    "--role",
    type=click.Choice(["owner", "coder", "reader"]),
    required=True,
    help="owner: everything; coder: import, code, memos; reader: read and query.",
)
@json_option
@pass_app
def project_add_member(app: AppContext, name: str, user: str, role: str, as_json: bool) -> None:
    """Give USER a ROLE in project NAME (owners only; changes the role of a member).

    \b
    Example:
      sistercities research project add-member twinning ana --role coder
    """
    result = ops.add_member(app.registry(), project=name, user=user, role=role)
    emit(result, as_json, lambda out: out.print(f"{user} is a {role} of {name}."))


@project.command("remove-member")
@click.argument("name")
@click.argument("user")
@json_option
@pass_app
def project_remove_member(app: AppContext, name: str, user: str, as_json: bool) -> None:
    """Take USER out of project NAME (owners only; never the last owner).

    \b
    Example:
      sistercities research project remove-member twinning ana
    """
    result = ops.remove_member(app.registry(), project=name, user=user)
    emit(result, as_json, lambda out: out.print(f"{user} removed from {name}."))


@research.group()
def documents() -> None:
    """Import documents, list them, show their text, store new versions.

    \b
    Example:
      sistercities research documents import twinning a.docx b.pdf c.txt --json
    """


@documents.command("import")
@click.argument("project_name", metavar="PROJECT")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--case", help="Put the documents in this case (made if new).")
@click.option(
    "--attach",
    multiple=True,
    metavar="KIND:ID",
    help="Attach to a registry record: relationship:ID, place:ID or actor:ID (repeatable).",
)
@click.option("--encoding", help="Plain text: read as this encoding (default: detected).")
@json_option
@pass_app
def documents_import(
    app: AppContext,
    project_name: str,
    files: tuple[Path, ...],
    case: str | None,
    attach: tuple[str, ...],
    encoding: str | None,
    as_json: bool,
) -> None:
    """Import FILE... (text, Markdown, HTML, DOCX, ODT, RTF, PDF) into PROJECT.

    A file that cannot be read (a PDF without a text layer, a DOCX that is not
    a zip, an empty file, an unknown encoding) is rejected with its reason
    and the others import.

    \b
    Example:
      sistercities research documents import twinning interviews/*.docx --case Cuenca
      sistercities research documents import twinning report.pdf --attach relationship:12
    """
    result = ops.import_documents(
        app.registry(),
        project=project_name,
        files=list(files),
        case=case,
        attach=list(attach),
        encoding=encoding,
    )
    emit(result, as_json, lambda out: show.imported(out, result))
    if result["documents"] and not result["imported"]:
        raise SystemExit(1)


@documents.command("list")
@click.argument("project_name", metavar="PROJECT")
@json_option
@pass_app
def documents_list(app: AppContext, project_name: str, as_json: bool) -> None:
    """List the documents of PROJECT.

    \b
    Example:
      sistercities research documents list twinning --json
    """
    rows = ops.list_documents(app.registry(), project=project_name)
    emit(rows, as_json, lambda out: show.documents(out, rows))


@documents.command("show")
@click.argument("project_name", metavar="PROJECT")
@click.argument("document")
@click.option("--version", type=click.IntRange(min=1), help="A version (default: the current).")
@json_option
@pass_app
def documents_show(
    app: AppContext, project_name: str, document: str, version: int | None, as_json: bool
) -> None:
    """Print the text of DOCUMENT (name or id).

    \b
    Example:
      sistercities research documents show twinning interview1.docx
    """
    result = ops.document_text(
        app.registry(), project=project_name, document=document, version=version
    )
    emit(result, as_json, lambda out: click.echo(result["text"]))


@documents.command("edit")
@click.argument("project_name", metavar="PROJECT")
@click.argument("document")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--encoding", help="Plain text: read as this encoding (default: detected).")
@json_option
@pass_app
def documents_edit(
    app: AppContext,
    project_name: str,
    document: str,
    file: Path,
    encoding: str | None,
    as_json: bool,
) -> None:
    """Store FILE as a new version of DOCUMENT; its codings are carried over.

    Each coding is moved by a diff of the two texts, else re-found by its
    quoted text and context; those that cannot be placed stay on the old
    version, flagged for review (never moved or dropped silently).

    \b
    Example:
      sistercities research documents edit twinning interview1.docx interview1-v2.docx --json
    """
    result = ops.edit_document(
        app.registry(), project=project_name, document=document, file=file, encoding=encoding
    )

    def render(out: Console) -> None:
        if result.get("unchanged"):
            out.print(
                f"{result['document']}: the text is the same as version "
                f"{result['version']}; nothing changed."
            )
            return
        out.print(
            f"{result['document']} is now version {result['version']}: {result['codings']} "
            f"coding(s): {result['moved']} moved, {result['refound']} re-found, "
            f"{result['flagged']} flagged for review."
        )

    emit(result, as_json, render)


from sistercities.cli import (  # noqa: E402  (commands attach to the group)
    refi,
    research_autocode,
    research_codes,
    research_queries,
)

research_codes.register(research)
research_queries.register(research)
research_autocode.register(research)
refi.register(research)

commands = [research]
