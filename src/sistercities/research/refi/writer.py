"""Write ``.qdpx`` projects and ``.qdc`` codebooks that the schema accepts.

Elements are written in the schema's order, empty containers are left
out, every source's text goes to its own ``sources/<guid>.txt`` (UTF-8, no
BOM) named by an ``internal://`` path, positions are code points with an
exclusive end, and the document is validated before the file is written.
Given the same project, the bytes are the same except for the creation
date: zip entries carry a fixed timestamp and elements a fixed order.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from lxml import etree

from sistercities.research.refi.guids import is_valid
from sistercities.research.refi.model import (
    Case,
    Code,
    Codebook,
    CodeSet,
    Coding,
    Link,
    Project,
    Selection,
    TextSource,
    Variable,
    VariableValue,
)
from sistercities.research.refi.schema import validate

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"


def _origin() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"sistercities {version('sistercities')}"
    except PackageNotFoundError:
        return "sistercities"


ORIGIN = _origin()
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


class _Builder:
    """Makes elements of one namespace, leaving out attributes that are None."""

    def __init__(self, namespace: str, variable_types: dict[str, str] | None = None):
        self.ns = "{" + namespace + "}"
        self.variable_types = variable_types or {}

    def el(self, parent: etree._Element | None, tag: str, text: str | None = None,
           **attributes: object) -> etree._Element:
        attrs = {_attr(k): _value(v) for k, v in attributes.items() if v is not None}
        element = (etree.SubElement(parent, self.ns + tag, attrs) if parent is not None
                   else etree.Element(self.ns + tag, attrs, nsmap={None: self.ns[1:-1]}))
        if text is not None:
            element.text = text
        return element

    def optional(self, parent: etree._Element, tag: str, text: str | None) -> None:
        if text:
            self.el(parent, tag, text)

    def refs(self, parent: etree._Element, tag: str, targets: Iterable[str],
             attribute: str = "targetGUID") -> None:
        for target in targets:
            self.el(parent, tag, **{attribute: target})

    def container(self, parent: etree._Element, tag: str) -> etree._Element:
        return self.el(parent, tag)


def _attr(name: str) -> str:
    return {"target_guid": "targetGUID"}.get(name, name)


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def project_document(project: Project, created: str | None = None) -> etree._Element:
    """The ``project.qde`` document of a project."""
    b = _Builder(PROJECT_NS, {v.guid: v.type for v in project.variables})
    root = b.el(None, "Project", name=project.name, origin=ORIGIN,
                creatingUserGUID=project.creating_user, creationDateTime=created or now_iso(),
                modifyingUserGUID=project.modifying_user, modifiedDateTime=project.modified)
    if project.users:
        users = b.container(root, "Users")
        for user in project.users:
            b.el(users, "User", guid=user.guid, name=user.name, id=user.id)
    if project.codes:
        codes = b.container(b.container(root, "CodeBook"), "Codes")
        for code in project.codes:
            _code(b, codes, code, notes=True)
    _section(b, root, "Variables", project.variables, _variable)
    _section(b, root, "Cases", project.cases, _case)
    _section(b, root, "Sources", project.sources, _text_source)
    _section(b, root, "Notes", project.notes, _note)
    _section(b, root, "Links", project.links, _link)
    _section(b, root, "Sets", project.sets, _set)
    b.optional(root, "Description", project.description)
    b.refs(root, "NoteRef", project.note_refs)
    return root


def _section(b: _Builder, root: etree._Element, tag: str, items: Sequence[Any],
             write: Callable[[_Builder, etree._Element, Any], None]) -> None:
    if items:
        container = b.container(root, tag)
        for item in items:
            write(b, container, item)


def _code(b: _Builder, parent: etree._Element, code: Code, notes: bool) -> None:
    element = b.el(parent, "Code", guid=code.guid, name=code.name, isCodable=code.codable,
                   color=code.color)
    b.optional(element, "Description", code.description)
    if notes:
        b.refs(element, "NoteRef", code.note_refs)
    for sub in code.children:
        _code(b, element, sub, notes)


def _variable(b: _Builder, parent: etree._Element, variable: Variable) -> None:
    element = b.el(parent, "Variable", guid=variable.guid, name=variable.name,
                   typeOfVariable=variable.type)
    b.optional(element, "Description", variable.description)


def _values(b: _Builder, parent: etree._Element, values: list[VariableValue]) -> None:
    types = b.variable_types
    for value in values:
        element = b.el(parent, "VariableValue")
        b.el(element, "VariableRef", targetGUID=value.variable_ref)
        if value.value is not None:
            b.el(element, f"{types.get(value.variable_ref, 'Text')}Value", value.value)


def _case(b: _Builder, parent: etree._Element, case: Case) -> None:
    element = b.el(parent, "Case", guid=case.guid, name=case.name)
    b.optional(element, "Description", case.description)
    b.refs(element, "CodeRef", case.code_refs)
    _values(b, element, case.variable_values)
    b.refs(element, "SourceRef", case.source_refs)
    b.refs(element, "SelectionRef", case.selection_refs)


def _dates(item: TextSource | Selection) -> dict[str, str | None]:
    return {"creatingUser": item.creating_user, "creationDateTime": item.created,
            "modifyingUser": item.modifying_user, "modifiedDateTime": item.modified}


def _text_source(b: _Builder, parent: etree._Element, source: TextSource) -> None:
    element = b.el(parent, "TextSource", guid=source.guid, name=source.name,
                   plainTextPath=f"internal://{source.guid}.txt", **_dates(source))
    b.optional(element, "Description", source.description)
    for selection in source.selections:
        _selection(b, element, selection)
    for coding in source.codings:
        _coding(b, element, coding)
    b.refs(element, "NoteRef", source.note_refs)
    _values(b, element, source.variable_values)


def _selection(b: _Builder, parent: etree._Element, selection: Selection) -> None:
    element = b.el(parent, "PlainTextSelection", guid=selection.guid, name=selection.name,
                   startPosition=selection.start, endPosition=selection.end, **_dates(selection))
    b.optional(element, "Description", selection.description)
    for coding in selection.codings:
        _coding(b, element, coding)
    b.refs(element, "NoteRef", selection.note_refs)


def _coding(b: _Builder, parent: etree._Element, coding: Coding) -> None:
    element = b.el(parent, "Coding", guid=coding.guid, creatingUser=coding.creating_user,
                   creationDateTime=coding.created)
    b.el(element, "CodeRef", targetGUID=coding.code_ref)
    b.refs(element, "NoteRef", coding.note_refs)


def _note(b: _Builder, parent: etree._Element, note: TextSource) -> None:
    element = b.el(parent, "Note", guid=note.guid, name=note.name, **_dates(note))
    b.optional(element, "Description", note.description)
    b.el(element, "PlainTextContent", note.text or "")
    b.refs(element, "NoteRef", note.note_refs)


def _link(b: _Builder, parent: etree._Element, link: Link) -> None:
    element = b.el(parent, "Link", guid=link.guid, name=link.name, direction=link.direction,
                   color=link.color, originGUID=link.origin_ref, targetGUID=link.target_ref)
    b.refs(element, "NoteRef", link.note_refs)


def _set(b: _Builder, parent: etree._Element, code_set: CodeSet) -> None:
    element = b.el(parent, "Set", guid=code_set.guid, name=code_set.name)
    b.optional(element, "Description", code_set.description)
    b.refs(element, "MemberCode", code_set.code_refs)
    b.refs(element, "MemberSource", code_set.source_refs)
    b.refs(element, "MemberNote", code_set.note_refs)


def codebook_document(codebook: Codebook) -> etree._Element:
    """The document of a ``.qdc`` codebook file."""
    b = _Builder(CODEBOOK_NS)
    root = b.el(None, "CodeBook", origin=ORIGIN)
    codes = b.container(root, "Codes")
    for code in codebook.codes:
        _code(b, codes, code, notes=False)
    sets = [s for s in codebook.sets if s.code_refs or s.name]
    if sets:
        container = b.container(root, "Sets")
        for code_set in sets:
            element = b.el(container, "Set", guid=code_set.guid, name=code_set.name)
            b.optional(element, "Description", code_set.description)
            b.refs(element, "MemberCode", code_set.code_refs, attribute="guid")
    return root


def serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def project_bytes(project: Project, created: str | None = None) -> bytes:
    """The validated ``project.qde`` of a project."""
    _check_guids(project)
    root = project_document(project, created)
    validate(root, "Project", "project.qde")
    return serialise(root)


def write_qdpx(project: Project, path: Path, created: str | None = None) -> Path:
    """Write ``project`` as a ``.qdpx`` file at ``path`` (replaced whole or not at all)."""
    document = project_bytes(project, created)
    with _atomic(Path(path)) as handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as z:
        _add(z, "project.qde", document)
        for source in project.sources:
            _add(z, f"sources/{source.guid}.txt", (source.text or "").encode("utf-8"))
    return Path(path)


def codebook_bytes(codebook: Codebook) -> bytes:
    root = codebook_document(codebook)
    validate(root, "Codebook", "codebook")
    return serialise(root)


def write_qdc(codebook: Codebook, path: Path) -> Path:
    """Write ``codebook`` as a ``.qdc`` file at ``path``."""
    data = codebook_bytes(codebook)
    with _atomic(Path(path)) as handle:
        handle.write(data)
    return Path(path)


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


class _atomic:
    """A temporary file beside ``path`` that replaces it only when all went well."""

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self) -> IO[bytes]:
        fd, name = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
        self.temp = Path(name)
        self.handle = os.fdopen(fd, "wb")
        return self.handle

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        self.handle.close()
        if kind is None:
            os.replace(self.temp, self.path)
        else:
            self.temp.unlink(missing_ok=True)


def _check_guids(project: Project) -> None:
    """Every GUID written is in the schema's form and defined once."""
    from sistercities.errors import ExchangeFileError
    from sistercities.messages import Message

    seen: set[str] = set()
    defined = [u.guid for u in project.users] + [c.guid for c in project.all_codes()]
    defined += [v.guid for v in project.variables] + [c.guid for c in project.cases]
    for source in [*project.sources, *project.notes]:
        defined.append(source.guid)
        for selection in source.selections:
            defined += [selection.guid, *(c.guid for c in selection.codings)]
        defined += [c.guid for c in source.codings]
    defined += [link.guid for link in project.links] + [s.guid for s in project.sets]
    for guid in defined:
        if not is_valid(guid) or guid in seen:
            problem = (
                Message("export: GUID %(guid)s is used twice", guid=guid)
                if guid in seen
                else Message("export: GUID %(guid)s is not in the schema's form", guid=guid)
            )
            raise ExchangeFileError(problem)
        seen.add(guid)
