"""The codebook: add, list, move, rename, update, merge, delete codes; sets; built-in codebooks."""

from __future__ import annotations

from typing import Any

from sistercities.registry.store import Registry
from sistercities.research.access import open_project
from sistercities.research.codebook import service


def add_code(
    registry: Registry,
    *,
    project: str,
    name: str,
    parent: str | None = None,
    description: str | None = None,
    colour: str | None = None,
    terms: list[str] | None = None,
    codable: bool = True,
) -> dict[str, Any]:
    """Add a code (``codable=False``: a folder) under ``parent`` (id, path or name)."""
    with registry.session() as session:
        proj = open_project(session, project, need="coder")
        code = service.add_code(
            session,
            proj,
            name,
            parent=parent,
            description=description,
            colour=colour,
            terms=terms,
            codable=codable,
        )
        paths = service.code_paths(service.all_codes(session, proj))
        return service.code_dict(code, paths[code.id], 0)


def list_codes(registry: Registry, *, project: str) -> list[dict[str, Any]]:
    """The codebook as a tree (``children``), each code with its references."""
    with registry.session() as session:
        return service.code_tree(session, open_project(session, project))


def move_code(registry: Registry, *, project: str, code: str, parent: str | None) -> dict[str, Any]:
    """Move a code under ``parent`` (``None``: to the top); cycles refused."""
    with registry.session() as session:
        proj = open_project(session, project, need="coder")
        moved = service.move_code(session, proj, code, parent)
        paths = service.code_paths(service.all_codes(session, proj))
        return {"code": moved.name, "path": paths[moved.id]}


def rename_code(registry: Registry, *, project: str, code: str, name: str) -> dict[str, Any]:
    """Rename a code."""
    with registry.session() as session:
        proj = open_project(session, project, need="coder")
        renamed = service.rename_code(session, proj, code, name)
        paths = service.code_paths(service.all_codes(session, proj))
        return {"code": renamed.name, "path": paths[renamed.id]}


def update_code(
    registry: Registry,
    *,
    project: str,
    code: str,
    description: str | None = None,
    colour: str | None = None,
    terms: list[str] | None = None,
    codable: bool | None = None,
) -> dict[str, Any]:
    """Change a code's description, colour, terms or codable flag."""
    with registry.session() as session:
        proj = open_project(session, project, need="coder")
        row = service.update_code(
            session,
            proj,
            code,
            description=description,
            colour=colour,
            terms=terms,
            codable=codable,
        )
        paths = service.code_paths(service.all_codes(session, proj))
        return service.code_dict(
            row, paths[row.id], service.code_counts(session, proj).get(row.id, 0)
        )


def merge_codes(registry: Registry, *, project: str, source: str, target: str) -> dict[str, Any]:
    """Merge ``source`` into ``target``: its codings and children follow."""
    with registry.session() as session:
        return service.merge_codes(
            session, open_project(session, project, need="coder"), source, target
        )


def delete_code(
    registry: Registry, *, project: str, code: str, force: bool = False
) -> dict[str, Any]:
    """Delete a code and those under it; codings too only with ``force``."""
    with registry.session() as session:
        proj = open_project(session, project, need="coder")
        return service.delete_code(session, proj, code, force=force)


def add_to_set(registry: Registry, *, project: str, name: str, codes: list[str]) -> dict[str, Any]:
    """Put codes in a set (made on first use)."""
    with registry.session() as session:
        return service.add_to_set(
            session, open_project(session, project, need="coder"), name, codes
        )


def list_sets(registry: Registry, *, project: str) -> list[dict[str, Any]]:
    """The code sets and their codes."""
    with registry.session() as session:
        return service.list_sets(session, open_project(session, project))


def load_codebook(registry: Registry, *, project: str, source: str) -> dict[str, Any]:
    """Load a built-in codebook (``builtin:000``, ``builtin:001``, ``builtin:004``)."""
    from sistercities.research.codebook import builtin

    with registry.session() as session:
        return builtin.load(session, open_project(session, project, need="coder"), source)
