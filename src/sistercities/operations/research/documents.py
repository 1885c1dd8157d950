"""Documents: import files, list, read, store a new version (codings re-anchored)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from sistercities.registry.store import Registry
from sistercities.research.corpus import service


def import_documents(
    registry: Registry,
    *,
    project: str,
    files: Sequence[str | os.PathLike[str]],
    case: str | None = None,
    attach: Sequence[str] = (),
    encoding: str | None = None,
) -> dict[str, Any]:
    """Import files as documents of a project.

    Returns ``{"documents": n, "imported": [{"id", "name", "characters"}],
    "rejected": [{"file", "reason"}]}``.
    """
    with registry.session() as session:
        return service.import_documents(
            session, project, files, case=case, attach=attach, encoding=encoding
        )


def list_documents(registry: Registry, *, project: str) -> list[dict[str, Any]]:
    """The project's documents with format, language, version, characters, codings."""
    with registry.session() as session:
        return service.list_documents(session, project)


def document_text(
    registry: Registry, *, project: str, document: str, version: int | None = None
) -> dict[str, Any]:
    """A document's text (current version or ``version``), paragraphs and pages."""
    with registry.session() as session:
        return service.document_text(session, project, document, version=version)


def edit_document(
    registry: Registry,
    *,
    project: str,
    document: str,
    file: str | os.PathLike[str],
    encoding: str | None = None,
) -> dict[str, Any]:
    """Store a file as the next version of a document and carry its codings over.

    Returns ``{"document", "version", "codings", "moved", "refound", "flagged"}``.
    """
    from sistercities.research.coding import reanchor

    with registry.session() as session:
        return reanchor.edit_document(session, project, document, file, encoding=encoding)
