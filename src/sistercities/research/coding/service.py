"""Code a span, list codings, uncode.

A span is ``[start, end)`` in Unicode code points of the document's current
version; one outside the text, empty, or with its end before its start is
refused, as is coding a folder. The same code on the same span by the same
coder is one coding (asking twice changes nothing); several codes on one
span are several codings. Each coding keeps its quoted text and
:data:`~.models.CONTEXT` characters of context on each side.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sistercities.errors import InputError, NotFoundError
from sistercities.messages import Message
from sistercities.research.access import acting_user
from sistercities.research.codebook.models import Code
from sistercities.research.codebook.service import all_codes, code_paths, find_code
from sistercities.research.coding.models import CONTEXT, Coding
from sistercities.research.corpus.models import Document, DocumentVersion
from sistercities.research.corpus.service import current_version, find_document
from sistercities.research.projects import ResearchProject


def check_span(text: str, start: int, end: int) -> None:
    """Refuse a span that is not ``0 <= start < end <= len(text)``."""
    if end < start:
        raise InputError(
            Message("the end (%(end)s) is before the start (%(start)s)", end=end, start=start),
            field="end",
        )
    if start == end:
        raise InputError(
            Message("the span %(start)s-%(end)s is empty", start=start, end=end), field="end"
        )
    if start < 0 or end > len(text):
        raise InputError(
            Message(
                "the span %(start)s-%(end)s lies outside the text (0-%(length)s code points)",
                start=start, end=end, length=len(text),
            ),
            field="start" if start < 0 else "end",
        )


def anchor_fields(text: str, start: int, end: int) -> dict[str, Any]:
    """The quote and context a coding stores for ``[start, end)`` of ``text``."""
    return {
        "start": start,
        "end": end,
        "quote": text[start:end],
        "before": text[max(0, start - CONTEXT) : start],
        "after": text[end : end + CONTEXT],
    }


def code_span(
    session: Session,
    project: ResearchProject,
    document: str | int,
    start: int,
    end: int,
    code: str | int,
    *,
    coder: str | None = None,
) -> tuple[Coding, bool]:
    """Code a span of the document's current version; returns the coding and whether it is new."""
    doc = find_document(session, project, document)
    target = find_code(session, project, code)
    if not target.codable:
        raise InputError(
            Message("%(code)r is a folder: folders cannot be coded", code=target.name),
            field="code",
        )
    version = current_version(session, doc)
    check_span(version.text, start, end)
    coder = (coder or acting_user(session)).strip()
    existing = session.scalar(
        select(Coding).where(
            Coding.version_id == version.id,
            Coding.code_id == target.id,
            Coding.start == start,
            Coding.end == end,
            Coding.coder == coder,
        )
    )
    if existing is not None:
        return existing, False
    coding = Coding(
        project_id=project.id,
        document_id=doc.id,
        version_id=version.id,
        code_id=target.id,
        coder=coder,
        anchor="coded",
        **anchor_fields(version.text, start, end),
    )
    session.add(coding)
    session.flush()
    return coding, True


def list_codings(
    session: Session,
    project: ResearchProject,
    *,
    document: str | int | None = None,
    code: str | int | None = None,
    coder: str | None = None,
    codes: Sequence[int] | None = None,
) -> list[dict[str, Any]]:
    """Codings as ``{"id", "document", "code", "start", "end", "text", "coder", ...}``.

    ``code`` takes the code and its descendants; ``codes`` restricts to ids.
    Each row also has ``document_id``, ``code_id``, its ``version`` and
    ``anchor`` (``review`` = needs a person after an edit).
    """
    from sistercities.research.codebook.service import descendants

    every = all_codes(session, project)
    paths = code_paths(every)
    query = (
        select(Coding, Document.name, DocumentVersion.number)
        .join(Document, Document.id == Coding.document_id)
        .join(DocumentVersion, DocumentVersion.id == Coding.version_id)
        .where(Coding.project_id == project.id)
    )
    if document is not None:
        query = query.where(Coding.document_id == find_document(session, project, document).id)
    if code is not None:
        root = find_code(session, project, code)
        query = query.where(Coding.code_id.in_({root.id} | descendants(every, root.id)))
    if codes is not None:
        query = query.where(Coding.code_id.in_(list(codes)))
    if coder is not None:
        query = query.where(Coding.coder == coder)
    query = query.order_by(Document.name, Coding.start, Coding.end, Coding.id)
    return [
        {
            "id": c.id,
            "document": name,
            "document_id": c.document_id,
            "code": paths[c.code_id],
            "start": c.start,
            "end": c.end,
            "text": c.quote,
            "coder": c.coder,
            "code_id": c.code_id,
            "version": number,
            "anchor": c.anchor,
        }
        for c, name, number in session.execute(query)
    ]


def uncode(session: Session, project: ResearchProject, coding_id: int) -> dict[str, Any]:
    """Remove one coding (its memos go with it)."""
    from sistercities.research.memos.models import Memo

    coding = session.get(Coding, coding_id)
    if coding is None or coding.project_id != project.id:
        raise NotFoundError(
            Message("no coding %(coding)s in project %(project)r", coding=str(coding_id),
                    project=project.name)
        )
    code = session.get(Code, coding.code_id)
    session.execute(delete(Memo).where(Memo.target == "coding", Memo.target_id == coding_id))
    session.delete(coding)
    session.flush()
    return {"removed": coding_id, "code": code.name if code else None}
