"""Text sources into documents, selections and codings into codings.

The workbench keeps texts with ``\\n`` line ends, so a text with ``\\r\\n``
is stored with ``\\n`` and every position moved to match (the coded words
stay the same). Codings are written in bulk (one audit entry for the
import); a selection with several codings becomes several codings on the
same span, and the selection's GUID and details are remembered for export.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select

from sistercities.research.coding.models import Coding
from sistercities.research.coding.service import anchor_fields
from sistercities.research.corpus.models import Document, DocumentVersion
from sistercities.research.corpus.service import store_document
from sistercities.research.corpus.text import plain
from sistercities.research.projects import new_guid, now
from sistercities.research.refi.model import Coding as FileCoding
from sistercities.research.refi.model import Selection, TextSource
from sistercities.research.refi.storage.context import (
    StoreContext,
    parse_time,
    renamed,
    to_lf,
    unique_name,
)

FORMATS = {"plain text": "text", "DOCX": "docx", "PDF": "pdf"}
NO_CODE = "the workbench stores a span only with a code (ATLAS.ti quotations, MAXQDA segments)"


def store_sources(ctx: StoreContext, sources: list[TextSource], taken: set[str]) -> int:
    """Store each source that has its text; returns how many were stored."""
    stored = 0
    for source in sources:
        if source.text is None:
            ctx.lose("sources without their text", "the file does not carry the text")
            continue
        text, moved = to_lf(source.text)
        for selection in source.selections:
            selection.start, selection.end = moved(selection.start), moved(selection.end)
        name, changed = unique_name(source.name, taken, what="document")
        if changed:
            ctx.note("document renamed", f"TextSource '{source.name}'", f"stored as '{name}'")
        read = plain(text, FORMATS.get(source.text_from, "text"))
        doc_id = store_document(ctx.session, ctx.project, name, read,
                                source=f"{ctx.where}#{source.guid}")["id"]
        local_guid, version_id = ctx.session.execute(
            select(Document.guid, DocumentVersion.id).join(
                DocumentVersion, DocumentVersion.document_id == Document.id)
            .where(Document.id == doc_id, DocumentVersion.number == 1)).one()
        ctx.documents[source.guid] = (doc_id, int(version_id), read.text)
        ctx.remember("document", local_guid, source.guid, {
            **renamed(source.name, name),
            "description": source.description, "created": source.created,
            "creating_user": source.creating_user, "modified": source.modified,
            "modifying_user": source.modifying_user,
        })
        stored += 1
        _store_codings(ctx, source, doc_id, int(version_id), read.text)
        ctx.lose("attribute values of sources", "the workbench's attributes belong to cases",
                 len(source.variable_values))
    return stored


def _store_codings(ctx: StoreContext, source: TextSource, doc_id: int, version_id: int,
                   text: str) -> None:
    rows: list[dict[str, Any]] = []
    details: list[tuple[FileCoding, Selection | None]] = []
    seen: set[tuple[int, int, int, str]] = set()
    whole = Selection(guid="", start=0, end=len(text), codings=source.codings)
    for selection in [*source.selections, whole]:
        if selection is not whole and not selection.codings:
            ctx.lose("selections without a coding", NO_CODE)
            continue
        if selection.start == selection.end and selection.codings:
            ctx.lose("codings of empty selections", "a coding needs at least one character",
                     len(selection.codings))
            continue
        for coding in selection.codings:
            coder = ctx.users.get(coding.creating_user or "", coding.creating_user or "unknown")
            key = (ctx.code_ids[coding.code_ref], selection.start, selection.end, coder)
            if key in seen:
                ctx.lose("codings repeated on the same span by the same coder",
                         "the workbench keeps one coding per code, span and coder")
                continue
            seen.add(key)
            rows.append({
                "guid": new_guid(), "project_id": ctx.project.id, "document_id": doc_id,
                "version_id": version_id, "code_id": key[0], "coder": coder, "anchor": "coded",
                "created_at": parse_time(coding.created) or now(),
                **anchor_fields(text, selection.start, selection.end),
            })
            details.append((coding, selection if selection is not whole else None))
    if not rows:
        return
    result = ctx.session.execute(insert(Coding).returning(Coding.id, Coding.guid,
                                                          sort_by_parameter_order=True), rows)
    for (coding_id, local_guid), (coding, owner) in zip(result, details, strict=True):
        ctx.coding_ids[coding.guid] = coding_id
        if owner is not None:
            ctx.selection_codings.setdefault(owner.guid, []).append(coding_id)
        ctx.remember("coding", local_guid, coding.guid, {
            "creating_user": coding.creating_user,
            "selection": _selection_extra(owner) if owner is not None else {"whole": True},
        })


def _selection_extra(selection: Selection) -> dict[str, Any]:
    fields = {"guid": selection.guid, "name": selection.name,
              "description": selection.description, "created": selection.created,
              "creating_user": selection.creating_user, "modified": selection.modified,
              "modifying_user": selection.modifying_user}
    return {k: v for k, v in fields.items() if v is not None}
