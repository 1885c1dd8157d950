"""Cases with their variables, and notes as memos."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from sistercities.errors import ExchangeFileError, InputError
from sistercities.messages import Message
from sistercities.research.cases.models import Attribute, AttributeValue, Case, CaseDocument
from sistercities.research.cases.values import parse_value
from sistercities.research.memos.models import Memo
from sistercities.research.projects import new_guid, now
from sistercities.research.refi.model import Project, TextSource, Variable
from sistercities.research.refi.storage.context import (
    StoreContext,
    parse_time,
    renamed,
    unique_name,
)

TYPES = {"Text": "text", "Boolean": "boolean", "Integer": "integer", "Float": "float",
         "Date": "date", "DateTime": "text"}


def store_variables(ctx: StoreContext, variables: list[Variable]) -> dict[str, tuple[int, str]]:
    """Attributes for the file's variables: GUID -> (attribute id, workbench type)."""
    taken = set(ctx.session.scalars(select(Attribute.name)
                                    .where(Attribute.project_id == ctx.project.id)))
    found: dict[str, tuple[int, str]] = {}
    for variable in variables:
        name, changed = unique_name(variable.name, taken, what="attribute")
        if changed:
            ctx.note("attribute renamed", f"Variable '{variable.name}'", f"stored as '{name}'")
        kind = TYPES[variable.type]
        if variable.type == "DateTime":
            ctx.note("date and time as text", f"Variable '{variable.name}'",
                     "the workbench's attributes have no date-time type: stored as text")
        row = Attribute(guid=new_guid(), project_id=ctx.project.id, name=name, type=kind)
        ctx.session.add(row)
        ctx.session.flush()
        found[variable.guid] = (row.id, kind)
        ctx.remember("attribute", row.guid, variable.guid, {
            **renamed(variable.name, name),
            "type": variable.type if variable.type == "DateTime" else None,
            "description": variable.description})
    return found


def store_cases(ctx: StoreContext, project: Project,
                attributes: dict[str, tuple[int, str]]) -> int:
    taken = set(ctx.session.scalars(select(Case.name).where(Case.project_id == ctx.project.id)))
    for case in project.cases:
        name, changed = unique_name(case.name, taken, what="case")
        if changed:
            ctx.note("case renamed", f"Case '{case.name}'", f"stored as '{name}'")
        row = Case(guid=new_guid(), project_id=ctx.project.id, name=name,
                   description=case.description)
        ctx.session.add(row)
        ctx.session.flush()
        for source in dict.fromkeys(case.source_refs):
            if source in ctx.documents:
                ctx.session.add(CaseDocument(case_id=row.id, document_id=ctx.documents[source][0]))
            else:
                ctx.lose("case members without their text", "the source's text is not in the file")
        for value in case.variable_values:
            attribute_id, kind = attributes[value.variable_ref]
            if value.value is None:
                continue
            try:
                stored = parse_value(kind, value.value, attribute=name)
            except InputError as exc:
                raise ExchangeFileError(Message(
                    "%(file)s: Case '%(case)s': %(reason)s (variable %(variable)s)",
                    file=ctx.where, case=case.name, reason=exc.reason,
                    variable=value.variable_ref)) from exc
            ctx.session.add(AttributeValue(case_id=row.id, attribute_id=attribute_id,
                                           value=stored))
        ctx.lose("selections assigned to cases", "a workbench case holds whole documents",
                 len(case.selection_refs))
        ctx.lose("codes linked to cases", "a workbench case is not a code", len(case.code_refs))
        ctx.remember("case", row.guid, case.guid, dict(renamed(case.name, name)))
    ctx.session.flush()
    return len(project.cases)


# A note referred to from several places becomes a memo on the most specific one.
SPECIFIC = {"coding": 0, "document": 1, "code": 1, "project": 2}


def note_targets(ctx: StoreContext, project: Project) -> dict[str, list[tuple[str, int | None]]]:
    """For each note GUID, what refers to it, as workbench memo targets, in file order."""
    targets: dict[str, list[tuple[str, int | None]]] = {}

    def add(refs: list[str], target: tuple[str, int | None] | None) -> None:
        for ref in refs:
            targets.setdefault(ref, []).append(target or ("lost", None))

    add(project.note_refs, ("project", None))
    for code in project.all_codes():
        add(code.note_refs, ("code", ctx.code_ids.get(code.guid)))
    for source in project.sources:
        document = ctx.documents.get(source.guid)
        add(source.note_refs, ("document", document[0]) if document else None)
        for coding in source.codings:
            add(coding.note_refs, _coding(ctx, coding.guid))
        for selection in source.selections:
            codings = ctx.selection_codings.get(selection.guid)
            on = ("coding", codings[0]) if codings else (
                ("document", document[0]) if document else None)
            add(selection.note_refs, on)
            for coding in selection.codings:
                add(coding.note_refs, _coding(ctx, coding.guid))
    for link in project.links:
        add(link.note_refs, None)
    return targets


def _coding(ctx: StoreContext, guid: str) -> tuple[str, int | None] | None:
    coding_id = ctx.coding_ids.get(guid)
    return ("coding", coding_id) if coding_id is not None else None


def store_notes(ctx: StoreContext, project: Project) -> int:
    """Each note becomes a memo on what refers to it (the most specific; the project if none)."""
    targets = note_targets(ctx, project)
    stored = 0
    for note in project.notes:
        if not (note.text or "").strip():
            ctx.lose("empty notes", "a memo needs text")
            continue
        found = [t for t in targets.get(note.guid, []) if t[0] != "lost"]
        lost = len(targets.get(note.guid, [])) - len(found)
        ctx.lose("note references to things not carried", "their target is not stored", lost)
        ctx.lose("further references to a note", "a workbench memo is on one thing",
                 max(0, len(found) - 1))
        found.sort(key=lambda target: SPECIFIC[target[0]])
        kind, target_id = found[0] if found else ("project", None)
        _store_memo(ctx, note, kind, target_id)
        stored += 1
    return stored


def _store_memo(ctx: StoreContext, note: TextSource, kind: str, target_id: int | None) -> None:
    created = parse_time(note.created) or now()
    author = ctx.users.get(note.creating_user or "", ctx.session.info.get("user") or "unknown")
    row = Memo(guid=new_guid(), project_id=ctx.project.id, target=kind, target_id=target_id,
               author=author, text=note.text or "", created_at=created,
               updated_at=parse_time(note.modified) or created)
    ctx.session.add(row)
    ctx.session.flush()
    extra: dict[str, Any] = {"name": note.name, "description": note.description,
                             "creating_user": note.creating_user,
                             "modifying_user": note.modifying_user}
    ctx.remember("memo", row.guid, note.guid, extra)
