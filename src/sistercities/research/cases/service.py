"""Cases, their documents and typed attributes.

A case is found by name. A case may be a registry record (``--entity
relationship:12``): then :func:`case_codings` answers "what do the
interviews say about this relationship" — every coding in the documents of
that case and in documents attached to that record.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sistercities.errors import ConflictError, InputError, NotFoundError
from sistercities.messages import Message
from sistercities.research.cases.models import (
    ATTRIBUTE_TYPES,
    Attribute,
    AttributeValue,
    Case,
    CaseDocument,
)
from sistercities.research.cases.values import TYPE_NAMES, parse_value, typed, unknown_type
from sistercities.research.corpus.models import Document, DocumentLink
from sistercities.research.corpus.service import find_document
from sistercities.research.entities import check_entity, parse_entity
from sistercities.research.members import check_name
from sistercities.research.projects import ResearchProject


def find_case(session: Session, project: ResearchProject, name: str) -> Case:
    case = session.scalar(select(Case).where(Case.project_id == project.id, Case.name == name))
    if case is None:
        raise NotFoundError(
            Message("no case %(name)r in project %(project)r", name=name, project=project.name)
        )
    return case


def add_case(
    session: Session,
    project: ResearchProject,
    name: str,
    *,
    entity: str | None = None,
    description: str | None = None,
) -> Case:
    """A new case, optionally a registry record (``relationship:ID``, ``place:ID``...)."""
    name = check_name(name, what="case")
    if session.scalar(select(Case.id).where(Case.project_id == project.id, Case.name == name)):
        raise ConflictError(
            Message("a case named %(name)r already exists in %(project)r", name=name,
                    project=project.name)
        )
    kind, entity_id = parse_entity(entity) if entity else (None, None)
    if kind is not None and entity_id is not None:
        check_entity(session, kind, entity_id)
    case = Case(
        project_id=project.id, name=name, description=description, entity=kind, entity_id=entity_id
    )
    session.add(case)
    session.flush()
    return case


def assign_documents(
    session: Session,
    project: ResearchProject,
    case_name: str,
    document_ids: Iterable[int],
    *,
    create: bool = False,
) -> Case:
    """Put documents in a case (made on the fly when ``create``)."""
    try:
        case = find_case(session, project, case_name)
    except NotFoundError:
        if not create:
            raise
        case = add_case(session, project, case_name)
    have = set(
        session.scalars(select(CaseDocument.document_id).where(CaseDocument.case_id == case.id))
    )
    for document_id in document_ids:
        if document_id not in have:
            session.add(CaseDocument(case_id=case.id, document_id=document_id))
            have.add(document_id)
    session.flush()
    return case


def add_documents_to_case(
    session: Session, project: ResearchProject, case_name: str, documents: Iterable[str]
) -> dict[str, Any]:
    """Documents (by name or id) into a case."""
    ids = [find_document(session, project, d).id for d in documents]
    case = assign_documents(session, project, case_name, ids)
    return case_dict(session, project, case)


def define_attribute(session: Session, project: ResearchProject, name: str, kind: str) -> Attribute:
    """Declare an attribute and its type (a declared name with another type is refused)."""
    name = check_name(name, what="attribute")
    if kind not in ATTRIBUTE_TYPES:
        raise InputError(unknown_type(kind), field="type")
    attribute = session.scalar(
        select(Attribute).where(Attribute.project_id == project.id, Attribute.name == name)
    )
    if attribute is not None:
        if attribute.type != kind:
            raise ConflictError(
                Message("attribute %(name)r is already of type %(type)s, not %(kind)s",
                        name=name, type=TYPE_NAMES.get(attribute.type, attribute.type),
                        kind=TYPE_NAMES[kind])
            )
        return attribute
    attribute = Attribute(project_id=project.id, name=name, type=kind)
    session.add(attribute)
    session.flush()
    return attribute


def find_attribute(session: Session, project: ResearchProject, name: str) -> Attribute:
    attribute = session.scalar(
        select(Attribute).where(Attribute.project_id == project.id, Attribute.name == name)
    )
    if attribute is None:
        raise NotFoundError(
            Message(
                "no attribute %(name)r in project %(project)r", name=name, project=project.name
            )
        )
    return attribute


def set_value(
    session: Session, project: ResearchProject, case_name: str, attribute: str, raw: Any
) -> dict[str, Any]:
    """Set a case's value of an attribute, checked against its type."""
    case = find_case(session, project, case_name)
    attr = find_attribute(session, project, attribute)
    stored = parse_value(attr.type, raw, attribute=attr.name)
    put_value(session, case.id, attr.id, stored)
    return {"case": case.name, "attribute": attr.name, "value": typed(attr.type, stored)}


def put_value(session: Session, case_id: int, attribute_id: int, stored: str) -> None:
    row = session.scalar(
        select(AttributeValue).where(
            AttributeValue.case_id == case_id, AttributeValue.attribute_id == attribute_id
        )
    )
    if row is None:
        session.add(AttributeValue(case_id=case_id, attribute_id=attribute_id, value=stored))
    else:
        row.value = stored
    session.flush()


def case_values(session: Session, project: ResearchProject) -> dict[int, dict[str, Any]]:
    """Every case's attribute values, typed: ``{case_id: {attribute: value}}``."""
    rows = session.execute(
        select(AttributeValue.case_id, Attribute.name, Attribute.type, AttributeValue.value)
        .join(Attribute, Attribute.id == AttributeValue.attribute_id)
        .where(Attribute.project_id == project.id)
    )
    out: dict[int, dict[str, Any]] = {}
    for case_id, name, kind, value in rows:
        out.setdefault(case_id, {})[name] = typed(kind, value)
    return out


def case_dict(session: Session, project: ResearchProject, case: Case) -> dict[str, Any]:
    docs = session.scalars(
        select(Document.name)
        .join(CaseDocument, CaseDocument.document_id == Document.id)
        .where(CaseDocument.case_id == case.id)
        .order_by(Document.name)
    )
    return {
        "id": case.id,
        "name": case.name,
        "description": case.description,
        "entity": f"{case.entity}:{case.entity_id}" if case.entity else None,
        "documents": list(docs),
        "attributes": case_values(session, project).get(case.id, {}),
    }


def list_cases(session: Session, project: ResearchProject) -> list[dict[str, Any]]:
    cases = session.scalars(select(Case).where(Case.project_id == project.id).order_by(Case.name))
    return [case_dict(session, project, c) for c in cases]


def list_attributes(session: Session, project: ResearchProject) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(Attribute).where(Attribute.project_id == project.id).order_by(Attribute.name)
    )
    return [{"name": a.name, "type": a.type} for a in rows]


def case_document_ids(session: Session, case: Case) -> set[int]:
    """The documents of a case: those put in it, and those attached to its registry record."""
    ids = set(
        session.scalars(select(CaseDocument.document_id).where(CaseDocument.case_id == case.id))
    )
    if case.entity is not None:
        ids |= set(
            session.scalars(
                select(DocumentLink.document_id)
                .join(Document, Document.id == DocumentLink.document_id)
                .where(
                    Document.project_id == case.project_id,
                    DocumentLink.entity == case.entity,
                    DocumentLink.entity_id == case.entity_id,
                )
            )
        )
    return ids


def delete_case(session: Session, project: ResearchProject, name: str) -> dict[str, Any]:
    case = find_case(session, project, name)
    session.execute(delete(AttributeValue).where(AttributeValue.case_id == case.id))
    session.execute(delete(CaseDocument).where(CaseDocument.case_id == case.id))
    session.delete(case)
    session.flush()
    return {"deleted": name}
