"""A stored research project as the plain REFI-QDA model, for the writer.

Objects imported from a file keep that file's GUID and details (see
:mod:`.models`); the others use the workbench's own GUID, which never
changes, so two exports of one project agree. Users are the project's
recorded users and every coder and memo author, a new one identified by a
GUID derived from the name. Selections group the codings imported from one
selection; a coding made in the workbench is a selection of its own. The
order is fixed by position, id and GUID, never by chance.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sistercities.research.access import open_project
from sistercities.research.cases.models import Attribute, AttributeValue, Case, CaseDocument
from sistercities.research.codebook.models import Code as StoredCode
from sistercities.research.codebook.models import CodeSet as StoredSet
from sistercities.research.codebook.models import CodeSetMember
from sistercities.research.codebook.service import all_codes
from sistercities.research.coding.models import Coding as StoredCoding
from sistercities.research.corpus.models import Document, DocumentLink, DocumentVersion
from sistercities.research.memos.models import Memo
from sistercities.research.projects import ResearchProject
from sistercities.research.refi.guids import stable_guid
from sistercities.research.refi.model import (
    Case as FileCase,
)
from sistercities.research.refi.model import (
    Code,
    CodeSet,
    Coding,
    NotCarried,
    Project,
    Selection,
    TextSource,
    User,
    Variable,
    VariableValue,
)
from sistercities.research.refi.storage.models import RefiObject

TYPES = {"text": "Text", "boolean": "Boolean", "integer": "Integer", "float": "Float",
         "date": "Date"}


def iso(value: dt.datetime | None) -> str | None:
    """A stored time as the file writes it: UTC, whole seconds, ``Z``."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class _Loader:
    def __init__(self, session: Session, project: ResearchProject):
        self.session, self.project = session, project
        self.refi = {(r.kind, r.local_guid): r for r in session.scalars(
            select(RefiObject).where(RefiObject.project_id == project.id))}
        self.lost: Counter[tuple[str, str]] = Counter()
        recorded = self.extra("project", project.guid).get("users", [])
        self.users = [User(guid=u["guid"], name=u["name"], id=u.get("id")) for u in recorded]
        self.user_guids = {user.name: user.guid for user in self.users}
        self.memos = list(session.scalars(select(Memo).where(Memo.project_id == project.id)
                                          .order_by(Memo.id)))

    def guid(self, kind: str, local: str) -> str:
        row = self.refi.get((kind, local))
        return row.file_guid if row is not None else local

    def extra(self, kind: str, local: str) -> dict[str, Any]:
        row = self.refi.get((kind, local))
        return dict(row.extra or {}) if row is not None else {}

    def name(self, kind: str, local: str, current: str) -> str:
        """The file's name of a renamed object, unless someone renamed it since."""
        extra = self.extra(kind, local)
        return extra["name"] if extra.get("stored_as") == current else current

    def user(self, name: str | None) -> str | None:
        if not name:
            return None
        if name not in self.user_guids:
            guid = stable_guid("user", name)
            self.users.append(User(guid=guid, name=name))
            self.user_guids[name] = guid
        return self.user_guids[name]

    def note_refs(self, target: str, target_id: int | None) -> list[str]:
        return [self.guid("memo", m.guid) for m in self.memos
                if m.target == target and m.target_id == target_id]

    def lose(self, what: str, reason: str, count: int = 1) -> None:
        if count:
            self.lost[(what, reason)] += count


def load_project(session: Session, project_name: str) -> tuple[Project, list[NotCarried]]:
    """The project as a REFI-QDA model, and what the export cannot carry."""
    project = open_project(session, project_name, need="reader")
    loader = _Loader(session, project)
    extra = loader.extra("project", project.guid)
    stored_codes = all_codes(session, project)
    code_guids = {code.id: loader.guid("code", code.guid) for code in stored_codes}
    model = Project(
        name=project.name,
        creating_user=extra.get("creating_user") or loader.user(project.created_by),
        modifying_user=extra.get("modifying_user"), modified=extra.get("modified"),
        description=extra.get("description") or project.title,
        codes=_codes(loader, stored_codes, code_guids),
        sets=_sets(loader, code_guids),
    )
    model.sources = _sources(loader, code_guids)
    model.variables, types = _variables(loader)
    model.cases = _cases(loader, types)
    model.notes = _notes(loader)
    model.note_refs = loader.note_refs("project", None)
    model.users = loader.users
    _count_what_stays(loader, stored_codes)
    return model, [NotCarried(w, n, r) for (w, r), n in loader.lost.items()]


def _codes(loader: _Loader, stored: list[StoredCode], guids: dict[int, str]) -> list[Code]:
    made: dict[int, Code] = {}
    for row in stored:
        extra = loader.extra("code", row.guid)
        made[row.id] = Code(
            guid=guids[row.id], name=loader.name("code", row.guid, row.name),
            codable=extra.get("codable", row.codable) if row.codable else False,
            color=row.colour.upper() if row.colour else None, description=row.description,
            note_refs=loader.note_refs("code", row.id))
    roots: list[Code] = []
    for row in stored:
        parent = made.get(row.parent_id) if row.parent_id is not None else None
        (parent.children if parent else roots).append(made[row.id])
    return roots


def _sets(loader: _Loader, code_guids: dict[int, str]) -> list[CodeSet]:
    session = loader.session
    found = []
    for row in session.scalars(select(StoredSet).where(StoredSet.project_id == loader.project.id)
                               .order_by(StoredSet.id)):
        members = session.scalars(select(CodeSetMember.code_id)
                                  .where(CodeSetMember.set_id == row.id)
                                  .order_by(CodeSetMember.id))
        found.append(CodeSet(guid=loader.guid("set", row.guid),
                             name=loader.name("set", row.guid, row.name),
                             description=row.description,
                             code_refs=[code_guids[c] for c in members]))
    return found


def _sources(loader: _Loader, code_guids: dict[int, str]) -> list[TextSource]:
    session = loader.session
    rows = session.execute(
        select(Document, DocumentVersion).join(
            DocumentVersion, (DocumentVersion.document_id == Document.id)
            & (DocumentVersion.number == Document.current_version))
        .where(Document.project_id == loader.project.id).order_by(Document.id)).all()
    sources = []
    for document, version in rows:
        extra = loader.extra("document", document.guid)
        source = TextSource(
            guid=loader.guid("document", document.guid),
            name=loader.name("document", document.guid, document.name), text=version.text,
            description=extra.get("description"),
            creating_user=extra.get("creating_user") or loader.user(document.created_by),
            created=extra.get("created") or iso(document.created_at),
            modifying_user=extra.get("modifying_user"), modified=extra.get("modified"),
            note_refs=loader.note_refs("document", document.id))
        _codings(loader, source, document, version, code_guids)
        sources.append(source)
    return sources


def _codings(loader: _Loader, source: TextSource, document: Document,
             version: DocumentVersion, code_guids: dict[int, str]) -> None:
    selections: dict[str, Selection] = {}
    codings = loader.session.scalars(select(StoredCoding).where(
        StoredCoding.document_id == document.id).order_by(StoredCoding.id))
    for row in codings:
        if row.version_id != version.id:
            loader.lose("codings on earlier versions awaiting review",
                        "their span is in a text that is no longer the document's")
            continue
        extra = loader.extra("coding", row.guid)
        coding = Coding(guid=loader.guid("coding", row.guid), code_ref=code_guids[row.code_id],
                        creating_user=loader.user(row.coder), created=iso(row.created_at),
                        note_refs=loader.note_refs("coding", row.id))
        owner = extra.get("selection") or {}
        if owner.get("whole"):
            source.codings.append(coding)
            continue
        guid = owner.get("guid") or stable_guid("selection", coding.guid)
        selection = selections.get(guid)
        if selection is None:
            selection = selections[guid] = Selection(
                guid=guid, start=row.start, end=row.end, name=owner.get("name"),
                description=owner.get("description"),
                creating_user=owner.get("creating_user") or coding.creating_user,
                created=owner.get("created") or coding.created,
                modifying_user=owner.get("modifying_user"), modified=owner.get("modified"))
        selection.codings.append(coding)
    for selection in selections.values():
        selection.codings.sort(key=lambda c: c.guid)
    source.codings.sort(key=lambda c: c.guid)
    source.selections = sorted(selections.values(), key=lambda s: (s.start, s.end, s.guid))


def _variables(loader: _Loader) -> tuple[list[Variable], dict[int, str]]:
    rows = loader.session.scalars(select(Attribute).where(
        Attribute.project_id == loader.project.id).order_by(Attribute.id))
    variables, types = [], {}
    for row in rows:
        extra = loader.extra("attribute", row.guid)
        kind = extra.get("type") or TYPES[row.type]
        variables.append(Variable(guid=loader.guid("attribute", row.guid),
                                  name=loader.name("attribute", row.guid, row.name), type=kind,
                                  description=extra.get("description")))
        types[row.id] = kind
    return variables, types


def _cases(loader: _Loader, types: dict[int, str]) -> list[FileCase]:
    session = loader.session
    attribute_guids = {a.id: loader.guid("attribute", a.guid) for a in session.scalars(
        select(Attribute).where(Attribute.project_id == loader.project.id))}
    document_guids = {d.id: loader.guid("document", d.guid) for d in session.scalars(
        select(Document).where(Document.project_id == loader.project.id))}
    found = []
    for row in session.scalars(select(Case).where(Case.project_id == loader.project.id)
                               .order_by(Case.id)):
        values = session.scalars(select(AttributeValue).where(AttributeValue.case_id == row.id)
                                 .order_by(AttributeValue.attribute_id))
        documents = session.scalars(select(CaseDocument.document_id)
                                    .where(CaseDocument.case_id == row.id)
                                    .order_by(CaseDocument.document_id))
        if row.entity is not None:
            loader.lose("cases' registry records", "REFI-QDA has no place for a registry record")
        found.append(FileCase(
            guid=loader.guid("case", row.guid), name=loader.name("case", row.guid, row.name),
            description=row.description,
            variable_values=[VariableValue(attribute_guids[v.attribute_id],
                                           _value(types[v.attribute_id], v.value))
                             for v in values],
            source_refs=[document_guids[d] for d in documents]))
    return found


def _value(kind: str, stored: str) -> str:
    """A stored value as the schema's type writes it (a float in plain decimal notation)."""
    return format(Decimal(stored), "f") if kind == "Float" else stored


def _notes(loader: _Loader) -> list[TextSource]:
    notes = []
    for memo in loader.memos:
        extra = loader.extra("memo", memo.guid)
        first_line = memo.text.strip().splitlines()[0] if memo.text.strip() else ""
        notes.append(TextSource(
            guid=loader.guid("memo", memo.guid), name=extra.get("name") or first_line[:60],
            text=memo.text, description=extra.get("description"),
            creating_user=extra.get("creating_user") or loader.user(memo.author),
            created=iso(memo.created_at),
            modifying_user=extra.get("modifying_user"), modified=iso(memo.updated_at)))
    return notes


def _count_what_stays(loader: _Loader, codes: list[StoredCode]) -> None:
    loader.lose("indicative terms of codes", "REFI-QDA codes have no terms",
                sum(1 for code in codes if code.terms))
    links = loader.session.scalars(select(DocumentLink.id).join(
        Document, Document.id == DocumentLink.document_id)
        .where(Document.project_id == loader.project.id)).all()
    loader.lose("documents' links to registry records",
                "REFI-QDA has no place for a registry record", len(links))
