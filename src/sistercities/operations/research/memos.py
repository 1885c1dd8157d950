"""Memos on the project, a document, a code or a coding."""

from __future__ import annotations

from typing import Any

from sistercities.registry.store import Registry
from sistercities.research.access import open_project
from sistercities.research.memos import service


def add_memo(
    registry: Registry, *, project: str, text: str, on: str = "project", target: str | None = None
) -> dict[str, Any]:
    """Write a memo on the project, or on a document / code / coding (``target``)."""
    with registry.session() as session:
        proj = open_project(session, project, need="coder")
        return service.add_memo(session, proj, text, target=on, ref=target)


def edit_memo(registry: Registry, *, project: str, memo: int, text: str) -> dict[str, Any]:
    """Replace a memo's text (its update time moves)."""
    with registry.session() as session:
        return service.edit_memo(session, open_project(session, project, need="coder"), memo, text)


def list_memos(
    registry: Registry, *, project: str, on: str | None = None, target: str | None = None
) -> list[dict[str, Any]]:
    """Memos, all or those on one kind of thing (and one of them)."""
    with registry.session() as session:
        return service.list_memos(session, open_project(session, project), target=on, ref=target)
