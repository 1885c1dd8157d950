"""What the documents of a case say: every coding in them, grouped by code.

"What do the interviews say about this relationship" is
``case_codings(project, case)`` for a case that is the relationship: its
documents are those put in the case and those attached to the relationship
(:func:`~sistercities.research.cases.service.case_document_ids`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from sistercities.research.cases.service import case_dict, case_document_ids, find_case
from sistercities.research.coding.service import list_codings
from sistercities.research.projects import ResearchProject


def case_codings(session: Session, project: ResearchProject, case_name: str) -> dict[str, Any]:
    """The case, its documents, and its codings by code path (quotes included)."""
    case = find_case(session, project, case_name)
    documents = case_document_ids(session, case)
    rows = [r for r in list_codings(session, project) if r.get("document_id") in documents]
    by_code: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_code.setdefault(row["code"], []).append(row)
    return {
        "case": case_dict(session, project, case),
        "documents": len(documents),
        "codings": len(rows),
        "codes": [
            {"code": code, "references": len(items), "codings": items}
            for code, items in sorted(by_code.items())
        ],
    }
