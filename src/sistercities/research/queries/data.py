"""Load what the queries count, in one pass per table: codings, codes, documents, cases.

Queries read these plain rows and aggregate them in memory: a project of
20,000 codings is a few hundred kilobytes, and one query per table beats one
per cell.
"""

from __future__ import annotations

from typing import NamedTuple, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from sistercities.research.cases.models import Case, CaseDocument
from sistercities.research.cases.service import case_document_ids
from sistercities.research.codebook.models import Code
from sistercities.research.codebook.service import all_codes, code_paths, descendants
from sistercities.research.coding.models import Coding
from sistercities.research.corpus.models import Document
from sistercities.research.projects import ResearchProject


class Span(NamedTuple):
    """One coding as the queries see it."""

    code_id: int
    document_id: int
    version_id: int
    start: int
    end: int


def spans(session: Session, project: ResearchProject) -> list[Span]:
    """Every coding of the project.

    Read through Core (no ORM objects for 20,000 rows) and answered from the
    covering index ``ix_research_codings_spans`` without touching the quotes.
    """
    table = cast(Table, Coding.__table__)
    rows = session.connection().execute(
        select(
            table.c.code_id, table.c.document_id, table.c.version_id, table.c.start, table.c.end
        ).where(table.c.project_id == project.id)
    )
    return [Span._make(row) for row in rows.all()]


def codes_in_order(session: Session, project: ResearchProject) -> tuple[list[Code], dict[int, str]]:
    """The codes in tree order (depth first, by position) and their paths."""
    codes = all_codes(session, project)
    paths = code_paths(codes)
    children: dict[int | None, list[Code]] = {}
    for code in codes:
        children.setdefault(code.parent_id, []).append(code)
    ordered: list[Code] = []

    def walk(parent: int | None) -> None:
        for child in children.get(parent, []):
            ordered.append(child)
            walk(child.id)

    walk(None)
    return ordered, paths


def code_scope(codes: list[Code], code_id: int, aggregate: bool) -> set[int]:
    """The code ids a row counts: the code, and its descendants when ``aggregate``."""
    return {code_id} | (descendants(codes, code_id) if aggregate else set())


def documents(session: Session, project: ResearchProject) -> dict[int, str]:
    """Document names by id, in name order."""
    rows = session.execute(
        select(Document.id, Document.name)
        .where(Document.project_id == project.id)
        .order_by(Document.name)
    )
    return {doc_id: name for doc_id, name in rows}


def cases_with_documents(session: Session, project: ResearchProject) -> list[tuple[Case, set[int]]]:
    """Each case and the ids of its documents (put in it or attached to its record)."""
    cases = list(
        session.scalars(select(Case).where(Case.project_id == project.id).order_by(Case.name))
    )
    put = document_cases(session, project)
    members: dict[int, set[int]] = {case.id: set() for case in cases}
    for document_id, case_ids in put.items():
        for case_id in case_ids:
            members[case_id].add(document_id)
    return [
        (case, members[case.id] | (case_document_ids(session, case) if case.entity else set()))
        for case in cases
    ]


def document_cases(session: Session, project: ResearchProject) -> dict[int, set[int]]:
    """For each document id, the ids of the cases it belongs to (put in)."""
    rows = session.execute(
        select(CaseDocument.document_id, CaseDocument.case_id)
        .join(Case, Case.id == CaseDocument.case_id)
        .where(Case.project_id == project.id)
    )
    out: dict[int, set[int]] = {}
    for document_id, case_id in rows:
        out.setdefault(document_id, set()).add(case_id)
    return out


def union_length(intervals: list[tuple[int, int]]) -> int:
    """How many positions a set of ``[start, end)`` intervals covers (overlaps counted once)."""
    total = 0
    current_start = current_end = None
    for start, end in sorted(intervals):
        if current_end is None or start > current_end:
            if current_end is not None and current_start is not None:
                total += current_end - current_start
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_end is not None and current_start is not None:
        total += current_end - current_start
    return total
