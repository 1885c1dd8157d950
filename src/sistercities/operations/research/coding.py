"""Coding: code a span, list codings, uncode."""

from __future__ import annotations

from typing import Any

from sistercities.registry.store import Registry
from sistercities.research.access import open_project
from sistercities.research.coding import service


def code_span(
    registry: Registry,
    *,
    project: str,
    document: str,
    start: int,
    end: int,
    code: str,
    coder: str | None = None,
    memo: str | None = None,
) -> dict[str, Any]:
    """Code ``[start, end)`` (code points) of a document's current version.

    Returns the coding ``{"id", "document", "code", "start", "end", "text",
    "coder", "created"}`` (``created`` false when it was already there).
    """
    from sistercities.research.memos.service import add_memo

    with registry.session() as session:
        proj = open_project(session, project, need="coder")
        coding, created = service.code_span(session, proj, document, start, end, code, coder=coder)
        if memo:
            add_memo(session, proj, memo, target="coding", ref=coding.id)
        row = next(
            r
            for r in service.list_codings(session, proj, document=document)
            if r["id"] == coding.id
        )
        return row | {"created": created}


def list_codings(
    registry: Registry,
    *,
    project: str,
    document: str | None = None,
    code: str | None = None,
    coder: str | None = None,
) -> list[dict[str, Any]]:
    """Codings: ``{"id", "document", "code", "start", "end", "text", "coder"}``.

    Each also has ``version`` and ``anchor`` (``review``: flagged after an edit).
    """
    with registry.session() as session:
        proj = open_project(session, project)
        return service.list_codings(session, proj, document=document, code=code, coder=coder)


def uncode(registry: Registry, *, project: str, coding: int) -> dict[str, Any]:
    """Remove one coding by id."""
    with registry.session() as session:
        return service.uncode(session, open_project(session, project, need="coder"), coding)
