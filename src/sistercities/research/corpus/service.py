"""Import documents into a project, list them, read them, find one by name or id.

:func:`import_documents` reads every file first; a file that cannot be read
is set aside with its reason (``rejected``) and the rest import, so
``documents == len(imported) + len(rejected)`` always. A name already used in
the project is rejected too (a new text of an existing document is a new
version: :func:`sistercities.research.coding.reanchor.edit_document`).

The texts are written in bulk with one summary entry in the audit trail, so
the audit trail does not become a second copy of the corpus.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from sistercities.errors import InputError, NotFoundError
from sistercities.messages import Message
from sistercities.registry import audit
from sistercities.research.access import acting_user, open_project
from sistercities.research.corpus.language import detect_language
from sistercities.research.corpus.models import Document, DocumentLink, DocumentVersion
from sistercities.research.corpus.readers import read_document
from sistercities.research.corpus.text import ReadText
from sistercities.research.entities import check_entity, parse_entity
from sistercities.research.projects import ResearchProject


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def import_documents(
    session: Session,
    project_name: str,
    paths: Sequence[str | os.PathLike[str]],
    *,
    case: str | None = None,
    attach: Iterable[str] = (),
    encoding: str | None = None,
) -> dict[str, Any]:
    """Import files as documents (see the module docstring).

    Returns ``{"documents": n, "imported": [{"id", "name", "characters"}],
    "rejected": [{"file", "reason"}]}``.
    """
    project = open_project(session, project_name, need="coder")
    links = [parse_entity(spec) for spec in attach]
    for kind, entity_id in links:
        check_entity(session, kind, entity_id)
    taken = set(session.scalars(select(Document.name).where(Document.project_id == project.id)))
    in_batch: set[str] = set()
    readable: list[tuple[Path, ReadText]] = []
    rejected: list[dict[str, str]] = []
    for raw in paths:
        path = Path(raw)
        try:
            if path.name in taken:
                raise InputError(
                    Message(
                        "a document named %(name)r is already in the project "
                        "(store a new version with 'research documents edit')",
                        name=path.name,
                    )
                )
            if path.name in in_batch:
                raise InputError(
                    Message("another file named %(name)r is in this import", name=path.name)
                )
            readable.append((path, read_document(path, encoding=encoding)))
            in_batch.add(path.name)
        except InputError as exc:
            rejected.append({"file": str(path), "reason": str(exc)})
        except OSError as exc:
            rejected.append({"file": str(path), "reason": exc.strerror or str(exc)})
    imported = [store_document(session, project, path.name, read) for path, read in readable]
    if links or case:
        _link(session, project, [d["id"] for d in imported], links, case)
    if imported:
        audit.record(
            session,
            action="import",
            entity="research_documents",
            note=f"{len(imported)} document(s) into project {project.name!r}: "
            + ", ".join(d["name"] for d in imported)[:2000],
        )
    return {"documents": len(imported) + len(rejected), "imported": imported, "rejected": rejected}


def store_document(
    session: Session,
    project: ResearchProject,
    name: str,
    read: ReadText,
    *,
    source: str | None = None,
) -> dict[str, Any]:
    """Store a read text as a new document (version 1); returns ``{id, name, characters}``."""
    user = acting_user(session)
    document = Document(
        project_id=project.id,
        name=name,
        format=read.format,
        language=detect_language(read.text),
        current_version=1,
        created_by=user,
    )
    session.add(document)
    session.flush()
    insert_version(session, document, 1, read, source=source or name)
    return {"id": document.id, "name": name, "characters": len(read.text)}


def insert_version(
    session: Session, document: Document, number: int, read: ReadText, *, source: str | None
) -> int:
    """Write one immutable version row (bulk, outside the audit trail); returns its id."""
    row = {
        "document_id": document.id,
        "number": number,
        "text": read.text,
        "characters": len(read.text),
        "sha256": sha256(read.text),
        "source_file": source,
        "paragraphs": read.paragraphs,
        "pages": read.pages,
        "created_by": acting_user(session),
    }
    result = session.execute(insert(DocumentVersion).returning(DocumentVersion.id), [row])
    return int(result.scalar_one())


def _link(
    session: Session,
    project: ResearchProject,
    document_ids: list[int],
    links: list[tuple[str, int]],
    case: str | None,
) -> None:
    for document_id in document_ids:
        for kind, entity_id in links:
            session.add(DocumentLink(document_id=document_id, entity=kind, entity_id=entity_id))
    if case:
        from sistercities.research.cases.service import assign_documents

        assign_documents(session, project, case, document_ids, create=True)
    session.flush()


def find_document(session: Session, project: ResearchProject, ref: str | int) -> Document:
    """A document of the project by id or by name."""
    text = str(ref).strip()
    query = select(Document).where(Document.project_id == project.id)
    document = session.scalar(query.where(Document.name == text))
    if document is None and text.isdigit():
        document = session.scalar(query.where(Document.id == int(text)))
    if document is None:
        raise NotFoundError(
            Message("no document %(document)r in project %(project)r", document=text,
                    project=project.name)
        )
    return document


def current_version(session: Session, document: Document) -> DocumentVersion:
    """The latest version of a document."""
    version = session.scalar(
        select(DocumentVersion).where(
            DocumentVersion.document_id == document.id,
            DocumentVersion.number == document.current_version,
        )
    )
    if version is None:  # pragma: no cover - every document is stored with a version
        raise NotFoundError(Message("document %(name)r has no text", name=document.name))
    return version


def list_documents(session: Session, project_name: str) -> list[dict[str, Any]]:
    """The documents of a project: id, name, format, language, version, characters, codings."""
    from sistercities.research.coding.models import Coding

    project = open_project(session, project_name)
    codings = dict(
        session.execute(
            select(Coding.document_id, func.count())
            .where(Coding.project_id == project.id)
            .group_by(Coding.document_id)
        ).all()
    )
    rows = session.execute(
        select(Document, DocumentVersion.characters, DocumentVersion.pages)
        .join(
            DocumentVersion,
            (DocumentVersion.document_id == Document.id)
            & (DocumentVersion.number == Document.current_version),
        )
        .where(Document.project_id == project.id)
        .order_by(Document.name)
    ).all()
    return [
        {
            "id": d.id,
            "name": d.name,
            "format": d.format,
            "language": d.language,
            "version": d.current_version,
            "characters": characters,
            "pages": len(pages or []),
            "codings": codings.get(d.id, 0),
        }
        for d, characters, pages in rows
    ]


def document_text(
    session: Session, project_name: str, document: str | int, *, version: int | None = None
) -> dict[str, Any]:
    """One document's text (its current version, or ``version``) with paragraphs and pages."""
    project = open_project(session, project_name)
    doc = find_document(session, project, document)
    number = version or doc.current_version
    row = session.scalar(
        select(DocumentVersion).where(
            DocumentVersion.document_id == doc.id, DocumentVersion.number == number
        )
    )
    if row is None:
        raise NotFoundError(
            Message("document %(name)r has no version %(number)s", name=doc.name,
                    number=str(number))
        )
    return {
        "id": doc.id,
        "name": doc.name,
        "version": row.number,
        "text": row.text,
        "characters": row.characters,
        "paragraphs": row.paragraphs,
        "pages": row.pages,
    }
