"""The matrix coding query: codes by cases, documents or the values of an attribute.

A row is a code (with ``aggregate``, the code and every code under it). A
column is a case, a document, or one value of a case attribute (the cases
that have that value). For each cell:

- ``references``: the codings of the row's codes in the column's documents;
- ``documents``: how many different documents those codings are in;
- ``characters``: how many characters they cover, each character counted once
  per document even where codings overlap.

A column's documents: for a document, itself; for a case, the documents put
in the case or attached to its registry record; for an attribute value, the
documents of every case with that value. Folders are rows too (with no
references of their own unless ``aggregate``).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy.orm import Session

from sistercities.errors import InputError, reason_of
from sistercities.messages import Message
from sistercities.research.cases.service import case_values, find_attribute
from sistercities.research.projects import ResearchProject
from sistercities.research.queries.data import (
    cases_with_documents,
    code_scope,
    codes_in_order,
    documents,
    spans,
    union_length,
)


def matrix(
    session: Session,
    project: ResearchProject,
    *,
    cols: str = "cases",
    aggregate: bool = False,
    codes: list[int] | None = None,
) -> dict[str, Any]:
    """Codes by ``cols`` (``cases``, ``documents`` or an attribute's name); see the docstring."""
    every, paths = codes_in_order(session, project)
    ordered = every
    if codes is not None:
        ordered = [c for c in ordered if c.id in set(codes)]
    columns = _columns(session, project, cols)
    by_code: dict[int, dict[int, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for span in spans(session, project):
        by_code[span.code_id][span.document_id].append((span.start, span.end))
    cells = []
    for code in ordered:
        row_docs: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for code_id in code_scope(every, code.id, aggregate):
            for doc_id, intervals in by_code.get(code_id, {}).items():
                row_docs[doc_id].extend(intervals)
        covered = {doc_id: union_length(iv) for doc_id, iv in row_docs.items()}
        row = []
        for _label, doc_ids in columns:
            hits = doc_ids & row_docs.keys()
            row.append(
                {
                    "references": sum(len(row_docs[d]) for d in hits),
                    "documents": len(hits),
                    "characters": sum(covered[d] for d in hits),
                }
            )
        cells.append(row)
    return {
        "rows": [paths[c.id] for c in ordered],
        "columns": [label for label, _ in columns],
        "cols": cols,
        "aggregate": aggregate,
        "cells": cells,
    }


def _columns(session: Session, project: ResearchProject, cols: str) -> list[tuple[str, set[int]]]:
    if cols == "documents":
        return [(name, {doc_id}) for doc_id, name in documents(session, project).items()]
    cases = cases_with_documents(session, project)
    if cols == "cases":
        return [(case.name, doc_ids) for case, doc_ids in cases]
    try:
        attribute = find_attribute(session, project, cols)
    except Exception as exc:
        raise InputError(
            Message("--cols is cases, documents or an attribute; %(why)s", why=reason_of(exc)),
            field="cols",
        ) from None
    values = case_values(session, project)
    groups: dict[Any, set[int]] = {}
    for case, doc_ids in cases:
        value = values.get(case.id, {}).get(attribute.name)
        if value is not None:
            groups.setdefault(value, set()).update(doc_ids)
    return [(f"{attribute.name}={_show(v)}", groups[v]) for v in sorted(groups, key=_sort_key)]


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _sort_key(value: Any) -> tuple[int, Any]:
    return (0, value) if isinstance(value, int | float) else (1, str(value))
