"""Cases and attributes: add cases, put documents in them, typed attributes, imports."""

from __future__ import annotations

import os
from typing import Any

from sistercities.registry.store import Registry
from sistercities.research.access import open_project
from sistercities.research.cases import service


def add_case(
    registry: Registry,
    *,
    project: str,
    name: str,
    entity: str | None = None,
    description: str | None = None,
    documents: list[str] | None = None,
) -> dict[str, Any]:
    """A new case, optionally a registry record (``relationship:ID``, ``place:ID``...)."""
    with registry.session() as session:
        proj = open_project(session, project, need="coder")
        case = service.add_case(session, proj, name, entity=entity, description=description)
        if documents:
            return service.add_documents_to_case(session, proj, case.name, documents)
        return service.case_dict(session, proj, case)


def add_documents_to_case(
    registry: Registry, *, project: str, case: str, documents: list[str]
) -> dict[str, Any]:
    """Put documents (names or ids) in a case."""
    with registry.session() as session:
        proj = open_project(session, project, need="coder")
        return service.add_documents_to_case(session, proj, case, documents)


def list_cases(registry: Registry, *, project: str) -> list[dict[str, Any]]:
    """Cases with their registry record, documents and attribute values."""
    with registry.session() as session:
        return service.list_cases(session, open_project(session, project))


def define_attribute(registry: Registry, *, project: str, name: str, type: str) -> dict[str, Any]:
    """Declare a typed attribute (text, boolean, integer, float, date)."""
    with registry.session() as session:
        attr = service.define_attribute(
            session, open_project(session, project, need="coder"), name, type
        )
        return {"name": attr.name, "type": attr.type}


def list_attributes(registry: Registry, *, project: str) -> list[dict[str, Any]]:
    """The project's attributes and their types."""
    with registry.session() as session:
        return service.list_attributes(session, open_project(session, project))


def set_attribute(
    registry: Registry, *, project: str, case: str, attribute: str, value: str
) -> dict[str, Any]:
    """Set one case's value, checked against the attribute's type."""
    with registry.session() as session:
        proj = open_project(session, project, need="coder")
        return service.set_value(session, proj, case, attribute, value)


def import_attributes(
    registry: Registry,
    *,
    project: str,
    file: str | os.PathLike[str],
    case_column: str = "case",
    types: dict[str, str] | None = None,
    sheet: str | None = None,
    create_cases: bool = True,
) -> dict[str, Any]:
    """Attributes from a CSV or XLSX, one row per case (all or nothing)."""
    from sistercities.research.cases import imports

    with registry.session() as session:
        proj = open_project(session, project, need="coder")
        return imports.import_table(
            session,
            proj,
            file,
            case_column=case_column,
            types=types or {},
            sheet=sheet,
            create_cases=create_cases,
        )


def import_survey_attributes(
    registry: Registry, *, project: str, survey: str, questions: list[str] | None = None
) -> dict[str, Any]:
    """One case per survey respondent (by pseudonym), its answers as attributes."""
    from sistercities.research.cases import imports

    with registry.session() as session:
        proj = open_project(session, project, need="coder")
        return imports.import_survey(session, proj, survey, questions=questions)


def case_codings(registry: Registry, *, project: str, case: str) -> dict[str, Any]:
    """What the documents of a case say: every coding in them, by code."""
    from sistercities.research.queries import cases as case_queries

    with registry.session() as session:
        return case_queries.case_codings(session, open_project(session, project), case)
