"""REFI-QDA exchange: import a ``.qdpx`` project or ``.qdc`` codebook, export either.

An import reads the whole file first (so a broken file stores nothing),
then stores it in one transaction: all or nothing. Its result lists what
the workbench could not hold (``not_carried``) and what the reader noticed
and repaired or wants checked (``findings``). An export writes a file that
validates against the published schema, with the same GUIDs every time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sistercities.registry.store import Registry
from sistercities.research.refi import read_qdc, read_qdpx
from sistercities.research.refi.storage.from_store import load_project
from sistercities.research.refi.storage.to_store import store_codebook, store_project
from sistercities.research.refi.writer import write_qdc, write_qdpx


def import_qdpx(registry: Registry, *, file: str | Path, name: str | None = None
                ) -> dict[str, Any]:
    """Import a ``.qdpx`` as a new research project (named ``name``, else as in the file).

    Returns ``{"project", "sources", "codes", "codings", "cases", "notes",
    "not_carried": [{"what", "count", "reason"}], "findings": [...], "position_rule"}``.
    """
    path = Path(file)
    project = read_qdpx(path)
    with registry.session() as session:
        result = store_project(session, project, name=name or project.name, where=path.name)
    return result.to_dict()


def import_qdc(registry: Registry, *, file: str | Path, project: str) -> dict[str, Any]:
    """Add the codes and sets of a ``.qdc`` codebook to a project (codes already there stay)."""
    path = Path(file)
    codebook = read_qdc(path)
    with registry.session() as session:
        return store_codebook(session, project, codebook, where=path.name)


def export_qdpx(registry: Registry, *, project: str, file: str | Path) -> dict[str, Any]:
    """Write a project as a ``.qdpx``; returns what was written and what could not be."""
    with registry.session() as session:
        model, not_carried = load_project(session, project)
    path = write_qdpx(model, Path(file))
    return {
        "project": project, "file": str(path), "sources": len(model.sources),
        "codes": len(model.all_codes()), "codings": len(model.all_codings()),
        "cases": len(model.cases), "notes": len(model.notes),
        "not_carried": [item.to_dict() for item in not_carried],
    }


def export_qdc(registry: Registry, *, project: str, file: str | Path) -> dict[str, Any]:
    """Write a project's codebook (codes and sets) as a ``.qdc``."""
    with registry.session() as session:
        model, _ = load_project(session, project)
    path = write_qdc(model.codebook(), Path(file))
    return {"project": project, "file": str(path), "codes": len(model.all_codes()),
            "sets": len(model.sets)}
