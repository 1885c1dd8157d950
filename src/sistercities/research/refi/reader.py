"""Read ``.qdpx`` projects and ``.qdc`` codebooks into the plain model.

Tolerant of what real exports do (see ``../shared/refi-qda/README.md`` and
the modules this one calls), strict about what would lose or misplace
work: a file that is not a zip, XML that is not well formed, a reference to
a code or source that is not there, or a GUID defined twice stops the read
with one message naming what and where.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from sistercities.errors import ExchangeFileError
from sistercities.messages import Message
from sistercities.research.refi.archive import QdpxArchive, open_qdpx
from sistercities.research.refi.context import ReadContext, child, child_text, local
from sistercities.research.refi.elements import (
    read_cases,
    read_codes,
    read_links,
    read_sets,
    read_users,
    read_variables,
    refs,
    unflatten_names,
)
from sistercities.research.refi.model import Codebook, NotCarried, Project, TextSource
from sistercities.research.refi.references import check_references
from sistercities.research.refi.sources import NOT_HELD, read_sources, read_text_source
from sistercities.research.refi.spans import convert_positions

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"


def parse_xml(data: bytes, where: str) -> etree._Element:
    """The root element; XML that is not well formed gets its line and reason."""
    parser = etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True,
                             remove_blank_text=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ExchangeFileError(
            Message("%(where)s: XML is not well formed: %(reason)s", where=where, reason=str(exc))
        ) from exc


def read_qdpx(path: Path) -> Project:
    """Read a ``.qdpx`` project file."""
    path = Path(path)
    with open_qdpx(path) as archive:
        where = f"{path.name}: {archive.entry}"
        root = parse_xml(archive.read_entry(), where)
        project = parse_project(root, where, archive)
        unused = archive.unused_sources()
    if unused:
        project.not_carried.append(_unused(unused))
    return project


def parse_project(root: etree._Element, where: str, archive: QdpxArchive | None = None
                  ) -> Project:
    """The project of a parsed ``.qde`` document."""
    if local(root) == "CodeBook":
        raise ExchangeFileError(
            Message("%(where)s: this is a codebook (.qdc), not a project", where=where)
        )
    if local(root) != "Project":
        raise ExchangeFileError(
            Message("%(where)s: the root element is %(root)s, not Project", where=where,
                    root=local(root))
        )
    ctx = ReadContext(where, origin=root.get("origin"))
    if etree.QName(root).namespace != PROJECT_NS:
        ctx.note("namespace", root, f"not {PROJECT_NS}; read as if it were")
    codebook = child(root, "CodeBook")
    project = Project(
        name=root.get("name") or Path(where.split(":")[0]).stem,
        origin=ctx.origin,
        creating_user=ctx.ref(root, "creatingUserGUID"), created=root.get("creationDateTime"),
        modifying_user=ctx.ref(root, "modifyingUserGUID"), modified=root.get("modifiedDateTime"),
        description=child_text(root, "Description"),
        users=read_users(ctx, child(root, "Users")),
        codes=read_codes(ctx, child(codebook, "Codes") if codebook is not None else None),
        variables=read_variables(ctx, child(root, "Variables")),
        cases=read_cases(ctx, child(root, "Cases")),
    )
    lost_guids: set[str] = set()
    project.sources = read_sources(ctx, child(root, "Sources"), archive, lost_guids)
    project.notes = _read_notes(ctx, child(root, "Notes"), archive)
    project.links = read_links(ctx, child(root, "Links"))
    project.sets = read_sets(ctx, child(root, "Sets"), "targetGUID")
    project.note_refs = refs(ctx, root, "NoteRef")
    _lose_graphs(ctx, child(root, "Graphs"))
    if _is_taguette(ctx.origin):
        project.codes = unflatten_names(ctx, project.codes)
    convert_positions(ctx, project, project.sources)
    check_references(ctx, project, lost_guids)
    project.findings = ctx.findings
    project.not_carried = ctx.not_carried()
    return project


def _read_notes(ctx: ReadContext, element: etree._Element | None, archive: QdpxArchive | None
                ) -> list[TextSource]:
    if element is None:
        return []
    notes = [read_text_source(ctx, note, archive) for note in element if local(note) == "Note"]
    for note in notes:
        coded = len(note.codings) + sum(len(s.codings) for s in note.selections)
        reason = "a memo's text is kept; selections and codings inside memos are not held"
        ctx.lose("selections inside notes", reason, len(note.selections))
        ctx.lose("codings inside notes", reason, coded)
        note.selections, note.codings = [], []
        if note.text is None:
            note.text = ""
    return notes


def _lose_graphs(ctx: ReadContext, element: etree._Element | None) -> None:
    if element is None:
        return
    for graph in element:
        if local(graph) == "Graph":
            ctx.guid(graph)
            ctx.lose("graphs", "the workbench draws its own hierarchy charts; "
                     "a tool's drawn graphs are not held")


def _unused(names: list[str]) -> NotCarried:
    return NotCarried("files in sources/ that no source points to", len(names),
                      "not part of any source: " + ", ".join(names[:5])
                      + (" …" if len(names) > 5 else ""))


def _is_taguette(origin: str | None) -> bool:
    return "taguette" in (origin or "").lower()


def read_qdc(path: Path) -> Codebook:
    """Read a ``.qdc`` codebook file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError as exc:
        raise ExchangeFileError(
            Message("%(file)s: a folder, not a codebook file", file=path.name)
        ) from exc
    if data.startswith(b"PK"):
        raise ExchangeFileError(
            Message("%(file)s: a zip archive (a .qdpx project?), not a codebook", file=path.name)
        )
    return parse_codebook(parse_xml(data, path.name), path.name)


def parse_codebook(root: etree._Element, where: str) -> Codebook:
    """The codebook of a parsed ``.qdc`` document."""
    if local(root) == "Project":
        raise ExchangeFileError(
            Message("%(where)s: this is a project (.qdpx/.qde), not a codebook", where=where)
        )
    if local(root) != "CodeBook":
        raise ExchangeFileError(
            Message("%(where)s: the root element is %(root)s, not CodeBook", where=where,
                    root=local(root))
        )
    ctx = ReadContext(where, origin=root.get("origin"))
    if etree.QName(root).namespace != CODEBOOK_NS:
        ctx.note("namespace", root, f"not {CODEBOOK_NS}; read as if it were")
    codes = read_codes(ctx, child(root, "Codes"))
    sets_element = child(root, "Sets")
    sets = read_sets(ctx, sets_element, "guid")
    if sets_element is not None and not sets:
        ctx.note("empty Sets", sets_element, "an empty <Sets/> (the schema wants one Set); ignored")
    if _is_taguette(ctx.origin):
        codes = unflatten_names(ctx, codes)
    book = Codebook(codes=codes, sets=sets, origin=ctx.origin)
    known = {code.guid for code in book.all_codes()}
    for code_set in sets:
        for ref in code_set.code_refs:
            if ref not in known:
                raise ExchangeFileError(Message(
                    "%(where)s: Set '%(set)s': member %(ref)s is not a code of this codebook",
                    where=where, set=code_set.name, ref=ref))
    book.findings = ctx.findings
    return book


__all__ = ["NOT_HELD", "parse_codebook", "parse_project", "read_qdc", "read_qdpx"]
